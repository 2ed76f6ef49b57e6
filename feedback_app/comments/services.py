"""Every piece of free text becomes one Comment: screened for risk and redacted as it is saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

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


_RANK = {RiskLevel.NONE.value: 0, RiskLevel.REVIEW.value: 1, RiskLevel.URGENT.value: 2}


@dataclass(frozen=True)
class Rescreen:
    checked: int = 0
    raised: int = 0  # newly flagged, or an unreviewed review flag now urgent
    labelled: int = 0  # an earlier learnt-reader flag now marked as one


def rescreen_risk(batch: int = 500) -> Rescreen:
    """Run the current risk check again over every stored comment, after the check improved.

    It only ever raises: an unflagged comment the check now flags joins the queue, and an
    unreviewed review flag the check now calls urgent becomes urgent. A level never goes down
    and a reviewed flag is left as a person reviewed it. Flags the learnt reader raised before
    ``risk_learnt`` existed get the label, so the queue says where they came from.
    """
    checked = raised = labelled = 0
    last_id = 0
    while True:
        comments = db.session.scalars(
            sa.select(Comment).where(Comment.id > last_id).order_by(Comment.id).limit(batch)
        ).all()
        if not comments:
            break
        for comment in comments:
            found = assess_risk(comment.text)
            old, new = _RANK[comment.risk_level], _RANK[found.level]
            if new > old and (old == 0 or comment.risk_reviewed_at is None):
                comment.risk_level = found.level
                comment.risk_reasons = list(found.reasons)
                comment.risk_learnt = found.learnt
                raised += 1
            elif (new == old > 0 and found.learnt and not comment.risk_learnt
                  and list(found.reasons) == list(comment.risk_reasons or [])):
                comment.risk_learnt = True
                labelled += 1
        checked += len(comments)
        last_id = comments[-1].id
        db.session.commit()
    return Rescreen(checked, raised, labelled)
