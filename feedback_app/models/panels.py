"""Patient panels and focus groups: members, consent, meetings, attendance, involvement."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
import sqlalchemy.orm as so

from feedback_app.extensions import db
from feedback_app.models._base import now_utc
from feedback_app.models.people import Service


class MeetingKind(enum.StrEnum):
    PANEL_MEETING = "panel_meeting"
    FOCUS_GROUP = "focus_group"


class ParticipationLevel(enum.StrEnum):
    INFORM = "inform"
    CONSULT = "consult"
    INVOLVE = "involve"
    CO_PRODUCE = "co_produce"


class AccessNeed(enum.StrEnum):
    EASY_READ = "easy_read"
    INTERPRETER = "interpreter"
    BSL = "bsl"
    REMOTE = "remote"
    LARGE_PRINT = "large_print"
    STEP_FREE = "step_free"
    OTHER = "other"


class RewardKind(enum.StrEnum):
    PAYMENT = "payment"
    VOUCHER = "voucher"
    EXPENSES = "expenses"
    DECLINED = "declined"


class Panel(db.Model):
    __tablename__ = "panel"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    service_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("service.id"), index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)

    service: so.Mapped[Service] = so.relationship()
    members: so.Mapped[list[PanelMember]] = so.relationship(
        back_populates="panel", order_by="PanelMember.display_name", cascade="all, delete-orphan"
    )
    meetings: so.Mapped[list[Meeting]] = so.relationship(
        back_populates="panel", order_by="Meeting.held_on.desc()"
    )


class PanelMember(db.Model):
    __tablename__ = "panel_member"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    panel_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("panel.id", ondelete="CASCADE"), index=True
    )
    display_name: so.Mapped[str] = so.mapped_column(sa.String(120))
    is_pseudonym: so.Mapped[bool] = so.mapped_column(default=True)
    # Contact details are only kept while the member consents to being contacted.
    contact_consent: so.Mapped[bool] = so.mapped_column(default=False)
    email: so.Mapped[str | None] = so.mapped_column(sa.String(254))
    phone: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    access_needs: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    interpreter_language: so.Mapped[str | None] = so.mapped_column(sa.String(80))
    access_notes: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    joined_on: so.Mapped[date | None]
    left_on: so.Mapped[date | None]
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)
    # Set when the member's personal details were erased at their request (UK GDPR article
    # 17). The row stays, under a neutral label, so attendance and payment records still add up.
    erased_at: so.Mapped[datetime | None]
    erased_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))

    panel: so.Mapped[Panel] = so.relationship(back_populates="members")
    consents: so.Mapped[list[ConsentRecord]] = so.relationship(
        back_populates="member", order_by="ConsentRecord.given_on", cascade="all, delete-orphan"
    )

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class ConsentRecord(db.Model):
    __tablename__ = "consent_record"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    member_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("panel_member.id", ondelete="CASCADE"), index=True
    )
    purpose: so.Mapped[str] = so.mapped_column(sa.String(200))
    given_on: so.Mapped[date]
    withdrawn_on: so.Mapped[date | None]
    notes: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    recorded_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))

    member: so.Mapped[PanelMember] = so.relationship(back_populates="consents")

    @property
    def is_current(self) -> bool:
        return self.withdrawn_on is None


class Meeting(db.Model):
    """A panel meeting or a focus group."""

    __tablename__ = "meeting"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    service_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("service.id"), index=True)
    panel_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("panel.id"), index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(20), default=MeetingKind.PANEL_MEETING.value)
    topic: so.Mapped[str] = so.mapped_column(sa.String(200))
    held_on: so.Mapped[date]
    agenda: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    participation_level: so.Mapped[str] = so.mapped_column(
        sa.String(20), default=ParticipationLevel.CONSULT.value
    )
    notes: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)

    service: so.Mapped[Service] = so.relationship()
    panel: so.Mapped[Panel | None] = so.relationship(back_populates="meetings")
    attendance: so.Mapped[list[Attendance]] = so.relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    involvements: so.Mapped[list[Involvement]] = so.relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    contributions: so.Mapped[list[Contribution]] = so.relationship(
        back_populates="meeting", order_by="Contribution.id", cascade="all, delete-orphan"
    )


class Attendance(db.Model):
    __tablename__ = "attendance"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "member_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    meeting_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    member_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("panel_member.id", ondelete="CASCADE"), index=True
    )
    attended: so.Mapped[bool] = so.mapped_column(default=True)

    meeting: so.Mapped[Meeting] = so.relationship(back_populates="attendance")
    member: so.Mapped[PanelMember] = so.relationship()


class Involvement(db.Model):
    """Hours a member gave to one meeting, and how they were thanked (or declined)."""

    __tablename__ = "involvement"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "member_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    meeting_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    member_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("panel_member.id", ondelete="CASCADE"), index=True
    )
    hours: so.Mapped[Decimal] = so.mapped_column(sa.Numeric(5, 2))
    reward: so.Mapped[str] = so.mapped_column(sa.String(20))
    amount_pence: so.Mapped[int | None]
    notes: so.Mapped[str] = so.mapped_column(sa.Text, default="")

    meeting: so.Mapped[Meeting] = so.relationship(back_populates="involvements")
    member: so.Mapped[PanelMember] = so.relationship()


class Contribution(db.Model):
    """Something said at a meeting, recorded as its own piece of free text."""

    __tablename__ = "contribution"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    meeting_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    member_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("panel_member.id", ondelete="SET NULL")
    )
    text: so.Mapped[str] = so.mapped_column(sa.Text)
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)
    recorded_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))

    meeting: so.Mapped[Meeting] = so.relationship(back_populates="contributions")
    member: so.Mapped[PanelMember | None] = so.relationship()
