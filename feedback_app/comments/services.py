"""Every piece of free text becomes one Comment: screened for risk and redacted as it is saved."""

from __future__ import annotations

from datetime import datetime

from analysis.redact import redact
from analysis.risk import assess_risk
from feedback_app.extensions import db
from feedback_app.models import Comment, CommentSource, RiskLevel


def screen_text(comment: Comment) -> None:
    """Fill the risk flag and the redacted copy from the comment's text."""
    risk = assess_risk(comment.text)
    comment.risk_level = risk.level
    comment.risk_reasons = list(risk.reasons)
    comment.risk_learnt = risk.learnt
    redaction = redact(comment.text)
    comment.redacted_text = redaction.text
    comment.redacted_kinds = list(redaction.found)


def record_comment(
    *,
    service_id: int,
    source: CommentSource | str,
    text: str,
    received_at: datetime | None = None,
    **links: object,
) -> Comment:
    """Add a comment to the session (the caller commits with the rest of its unit of work).

    `links` are the Comment columns that say where the text came from: survey_id, response_id,
    question_id, contribution_id, meeting_id, fft_answer, quote_publicly, use_in_research.
    """
    comment = Comment(service_id=service_id, source=str(source), text=text.strip(), **links)
    if received_at is not None:
        comment.received_at = received_at
    screen_text(comment)
    db.session.add(comment)
    return comment


def needs_attention(comment: Comment) -> bool:
    return comment.risk_level != RiskLevel.NONE and comment.risk_reviewed_at is None
