"""Themes found in feedback, the people's curation of them, and the actions taken on them."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from feedback_app.extensions import db
from feedback_app.models._base import now_utc
from feedback_app.models.comments import Comment
from feedback_app.models.people import Service, User


class RunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class CurationKind(enum.StrEnum):
    RENAME = "rename"
    DESCRIBE = "describe"
    MERGE = "merge"
    SPLIT = "split"
    MOVE = "move"
    NOT_A_THEME = "not_a_theme"


class ActionStatus(enum.StrEnum):
    PROPOSED = "proposed"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_POSSIBLE = "not_possible"


class AnalysisRun(db.Model):
    """One fit of the theme model on a service's comments (or an update with new comments)."""

    __tablename__ = "analysis_run"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    service_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("service.id"), index=True)
    # "fit" refits the themes; "assign" only files new comments under the existing themes.
    kind: so.Mapped[str] = so.mapped_column(sa.String(10), default="fit")
    status: so.Mapped[str] = so.mapped_column(sa.String(10), default=RunStatus.QUEUED.value)
    progress: so.Mapped[float] = so.mapped_column(default=0.0)
    message: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    started_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)
    started_at: so.Mapped[datetime | None]
    finished_at: so.Mapped[datetime | None]
    model_version: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    parameters: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON, default=dict)
    n_comments: so.Mapped[int] = so.mapped_column(default=0)
    error: so.Mapped[str | None] = so.mapped_column(sa.Text)
    model_path: so.Mapped[str | None] = so.mapped_column(sa.String(500))

    service: so.Mapped[Service] = so.relationship()
    started_by: so.Mapped[User | None] = so.relationship()

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class Theme(db.Model):
    __tablename__ = "theme"
    __table_args__ = (sa.UniqueConstraint("service_id", "key", name="uq_theme_service_key"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    service_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("service.id"), index=True)
    # The analysis engine's key: stable across refits, so links to actions survive them.
    key: so.Mapped[str] = so.mapped_column(sa.String(80))
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    origin: so.Mapped[str] = so.mapped_column(sa.String(20), default="emergent")
    top_terms: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    # Comment ids closest to the theme's centre at the last run.
    representative_ids: so.Mapped[list[int]] = so.mapped_column(sa.JSON, default=list)
    size: so.Mapped[int] = so.mapped_column(default=0)
    previous_size: so.Mapped[int | None]
    first_run_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("analysis_run.id"))
    last_run_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("analysis_run.id"))
    sentiment: so.Mapped[float] = so.mapped_column(default=0.0)
    # A person named or described it: a refit must not overwrite their words.
    named_by_person: so.Mapped[bool] = so.mapped_column(default=False)
    is_hidden: so.Mapped[bool] = so.mapped_column(default=False)  # "not a theme"
    merged_into_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("theme.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=now_utc, onupdate=now_utc)

    service: so.Mapped[Service] = so.relationship()
    merged_into: so.Mapped[Theme | None] = so.relationship(remote_side=[id])

    @property
    def is_active(self) -> bool:
        return not self.is_hidden and self.merged_into_id is None


class CommentTheme(db.Model):
    __tablename__ = "comment_theme"
    __table_args__ = (sa.UniqueConstraint("comment_id", "theme_id", name="uq_comment_theme"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    comment_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("comment.id", ondelete="CASCADE"), index=True
    )
    theme_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("theme.id", ondelete="CASCADE"), index=True
    )
    is_primary: so.Mapped[bool] = so.mapped_column(default=False)
    score: so.Mapped[float] = so.mapped_column(default=0.0)
    run_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("analysis_run.id"))
    source: so.Mapped[str] = so.mapped_column(sa.String(10), default="model")  # or "manual"

    comment: so.Mapped[Comment] = so.relationship()
    theme: so.Mapped[Theme] = so.relationship()


class ThemeCuration(db.Model):
    """A person's change to a theme; every one is fed to the next run as a correction."""

    __tablename__ = "theme_curation"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    theme_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("theme.id", ondelete="CASCADE"), index=True
    )
    user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    kind: so.Mapped[str] = so.mapped_column(sa.String(20))
    before: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON, default=dict)
    after: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON, default=dict)
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)
    # The run that first received it; None until then.
    applied_run_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("analysis_run.id"))

    theme: so.Mapped[Theme] = so.relationship()
    user: so.Mapped[User | None] = so.relationship()


action_theme = sa.Table(
    "action_theme",
    db.metadata,
    sa.Column("action_id", sa.ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("theme_id", sa.ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True),
)

action_comment = sa.Table(
    "action_comment",
    db.metadata,
    sa.Column("action_id", sa.ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("comment_id", sa.ForeignKey("comment.id", ondelete="CASCADE"), primary_key=True),
)


class Action(db.Model):
    """A "You said, we did" change made because of feedback."""

    __tablename__ = "action"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    service_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("service.id"), index=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(200))  # what will change
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    owner: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    due_date: so.Mapped[date | None]
    status: so.Mapped[str] = so.mapped_column(sa.String(20), default=ActionStatus.PROPOSED.value)
    # Shown publicly: people deserve to know why something could not be done.
    reason_not_possible: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    progress_pct: so.Mapped[int] = so.mapped_column(default=0)
    participation_level: so.Mapped[str] = so.mapped_column(sa.String(20), default="inform")
    done_on: so.Mapped[date | None]
    published: so.Mapped[bool] = so.mapped_column(default=False)
    published_at: so.Mapped[datetime | None]
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=now_utc, onupdate=now_utc)

    service: so.Mapped[Service] = so.relationship()
    created_by: so.Mapped[User | None] = so.relationship()
    themes: so.Mapped[list[Theme]] = so.relationship(secondary=action_theme, order_by="Theme.name")
    comments: so.Mapped[list[Comment]] = so.relationship(secondary=action_comment)
    updates: so.Mapped[list[ActionUpdate]] = so.relationship(
        back_populates="action", order_by="ActionUpdate.created_at",
        cascade="all, delete-orphan",
    )

    @property
    def timeline(self) -> list[tuple[date, str | None, str]]:
        """(date, status after, words) in date order: agreed, each update, done."""
        events: list[tuple[date, str | None, str]] = [(self.created_at.date(), None,
                                                        "Action agreed.")]
        events += [(u.created_at.date(), u.status_after, u.text) for u in self.updates]
        if self.status == ActionStatus.DONE and self.done_on is not None:
            events.append((self.done_on, None, "Done."))
        return sorted(events, key=lambda event: event[0])


class ActionUpdate(db.Model):
    """A dated step on an action's timeline."""

    __tablename__ = "action_update"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    action_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("action.id", ondelete="CASCADE"), index=True
    )
    text: so.Mapped[str] = so.mapped_column(sa.Text)
    status_after: so.Mapped[str | None] = so.mapped_column(sa.String(20))
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))

    action: so.Mapped[Action] = so.relationship(back_populates="updates")
    created_by: so.Mapped[User | None] = so.relationship()
