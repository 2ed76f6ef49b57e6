"""Experience surveys, their questions, and the responses people give."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from feedback_app.extensions import db
from feedback_app.models._base import now_utc
from feedback_app.models.people import Service, User


class SurveyStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"


class QuestionKind(enum.StrEnum):
    FFT = "fft"  # the Friends and Family Test question, fixed wording and six options
    YES_NO = "yes_no"  # yes / no / not applicable
    FREQUENCY = "frequency"  # 5-point frequency (PEQ): Never ... All of the time
    SCALE_0_4 = "scale_0_4"  # 0-4 scale with labelled ends
    SINGLE = "single"
    MULTIPLE = "multiple"
    TEXT = "text"


class Survey(db.Model):
    __tablename__ = "survey"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    service_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("service.id"), index=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    slug: so.Mapped[str] = so.mapped_column(sa.String(80), unique=True, index=True)
    intro: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    status: so.Mapped[str] = so.mapped_column(sa.String(20), default=SurveyStatus.DRAFT.value)
    ask_about_you: so.Mapped[bool] = so.mapped_column(default=True)
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)
    published_at: so.Mapped[datetime | None]
    closed_at: so.Mapped[datetime | None]

    service: so.Mapped[Service] = so.relationship()
    created_by: so.Mapped[User | None] = so.relationship()
    questions: so.Mapped[list[Question]] = so.relationship(
        back_populates="survey", order_by="Question.position", cascade="all, delete-orphan"
    )
    responses: so.Mapped[list[Response]] = so.relationship(
        back_populates="survey", cascade="all, delete-orphan"
    )

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.PUBLISHED


class Question(db.Model):
    __tablename__ = "question"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    survey_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("survey.id", ondelete="CASCADE"), index=True
    )
    position: so.Mapped[int] = so.mapped_column(default=0)
    kind: so.Mapped[str] = so.mapped_column(sa.String(20))
    text: so.Mapped[str] = so.mapped_column(sa.String(500))
    hint: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    required: so.Mapped[bool] = so.mapped_column(default=False)
    # Choices for single/multiple choice questions; fixed kinds derive theirs from the kind.
    options: so.Mapped[list[str] | None] = so.mapped_column(sa.JSON)

    survey: so.Mapped[Survey] = so.relationship(back_populates="questions")


class Response(db.Model):
    """One person's submitted answers. Anonymous: no account, no contact details."""

    __tablename__ = "response"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    survey_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("survey.id", ondelete="CASCADE"), index=True
    )
    receipt_code: so.Mapped[str] = so.mapped_column(sa.String(16), unique=True, index=True)
    # A token issued with the form: a double click or a refresh cannot store a response twice.
    submission_key: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    submitted_at: so.Mapped[datetime] = so.mapped_column(default=now_utc, index=True)
    quote_publicly: so.Mapped[bool] = so.mapped_column(default=False)
    use_in_research: so.Mapped[bool] = so.mapped_column(default=False)
    fft_answer: so.Mapped[str | None] = so.mapped_column(sa.String(30), index=True)
    age_band: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    ethnicity: so.Mapped[str | None] = so.mapped_column(sa.String(80))
    gender: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    disability: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    first_language: so.Mapped[str | None] = so.mapped_column(sa.String(80))
    deletion_requested_at: so.Mapped[datetime | None]

    survey: so.Mapped[Survey] = so.relationship(back_populates="responses")
    answers: so.Mapped[list[Answer]] = so.relationship(
        back_populates="response", cascade="all, delete-orphan"
    )


class Answer(db.Model):
    __tablename__ = "answer"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    response_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    question_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    value: so.Mapped[str | None] = so.mapped_column(sa.Text)
    values: so.Mapped[list[Any] | None] = so.mapped_column(sa.JSON)

    response: so.Mapped[Response] = so.relationship(back_populates="answers")
    question: so.Mapped[Question] = so.relationship()
