"""The single table of free text that the analysis module and the action tracker read."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from feedback_app.extensions import db
from feedback_app.models._base import now_utc
from feedback_app.models.panels import Contribution
from feedback_app.models.people import Service
from feedback_app.models.surveys import Question, Response, Survey


class CommentSource(enum.StrEnum):
    SURVEY = "survey"
    PANEL = "panel"
    FOCUS_GROUP = "focus_group"


class RiskLevel(enum.StrEnum):
    URGENT = "urgent"
    REVIEW = "review"
    NONE = "none"


class Comment(db.Model):
    __tablename__ = "comment"
    __table_args__ = (sa.Index("ix_comment_service_received", "service_id", "received_at"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    service_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("service.id"), index=True)
    source: so.Mapped[str] = so.mapped_column(sa.String(20), index=True)
    text: so.Mapped[str] = so.mapped_column(sa.Text)
    # Identifiers replaced by placeholders: the only text that reaches reports and exports.
    redacted_text: so.Mapped[str] = so.mapped_column(sa.Text)
    redacted_kinds: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    # When the feedback was given (a survey submission or a meeting date).
    received_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)

    # Where it came from: exactly one of a survey answer or a meeting contribution.
    survey_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("survey.id"), index=True)
    response_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    question_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("question.id"))
    contribution_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("contribution.id", ondelete="CASCADE"), unique=True
    )
    meeting_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("meeting.id"), index=True)

    # Copied from the response so the inbox can filter without joins; None for panel text.
    fft_answer: so.Mapped[str | None] = so.mapped_column(sa.String(30), index=True)
    quote_publicly: so.Mapped[bool] = so.mapped_column(default=False)
    use_in_research: so.Mapped[bool] = so.mapped_column(default=False)

    risk_level: so.Mapped[str] = so.mapped_column(
        sa.String(10), default=RiskLevel.NONE.value, index=True
    )
    risk_reasons: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    # True when the flag came from the learnt second reader, not from matched risk words.
    risk_learnt: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    risk_reviewed_at: so.Mapped[datetime | None]
    risk_reviewed_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user_account.id")
    )
    sentiment: so.Mapped[float | None]

    service: so.Mapped[Service] = so.relationship()
    survey: so.Mapped[Survey | None] = so.relationship()
    response: so.Mapped[Response | None] = so.relationship()
    question: so.Mapped[Question | None] = so.relationship()
    contribution: so.Mapped[Contribution | None] = so.relationship()
