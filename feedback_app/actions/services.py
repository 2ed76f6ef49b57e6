"""'You said, we did' actions: what a service changes because of feedback, and its timeline."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from feedback_app.extensions import db
from feedback_app.models import Action, ActionStatus, ActionUpdate, Comment, Theme
from feedback_app.models._base import now_utc

OPEN_STATUSES = (ActionStatus.PROPOSED, ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class ActionError(Exception):
    """A problem worth telling the person in plain words."""


def _themes(service_id: int, theme_ids: list[int]) -> list[Theme]:
    themes = list(
        db.session.scalars(
            sa.select(Theme).where(Theme.id.in_(theme_ids), Theme.service_id == service_id,
                                   Theme.is_hidden.is_(False), Theme.merged_into_id.is_(None))
        )
    )
    if len(themes) != len(set(theme_ids)):
        raise ActionError("Choose themes from this service")
    return themes


def _comments(service_id: int, comment_ids: list[int]) -> list[Comment]:
    if not comment_ids:
        return []
    comments = list(
        db.session.scalars(
            sa.select(Comment).where(Comment.id.in_(comment_ids), Comment.service_id == service_id)
        )
    )
    if len(comments) != len(set(comment_ids)):
        raise ActionError("Choose comments from this service")
    return comments


def _apply_status(action: Action, status: str, reason: str | None, done_on: date | None) -> None:
    action.status = ActionStatus(status).value
    if reason is not None:
        action.reason_not_possible = reason.strip()
    if action.status == ActionStatus.DONE:
        action.done_on = done_on or action.done_on or now_utc().date()
        action.progress_pct = 100
    elif done_on is None:
        action.done_on = None
    else:
        action.done_on = done_on


def create_action(
    *,
    service_id: int,
    created_by_id: int | None,
    title: str,
    theme_ids: list[int],
    comment_ids: list[int] | None = None,
    description: str = "",
    owner: str = "",
    due_date: date | None = None,
    status: str = ActionStatus.PROPOSED.value,
    reason_not_possible: str = "",
    progress_pct: int = 0,
    participation_level: str = "inform",
    done_on: date | None = None,
) -> Action:
    if not theme_ids:
        raise ActionError("Choose at least one theme this action answers")
    action = Action(
        service_id=service_id,
        created_by_id=created_by_id,
        title=title.strip(),
        description=description.strip(),
        owner=owner.strip(),
        due_date=due_date,
        progress_pct=max(0, min(100, progress_pct or 0)),
        participation_level=participation_level,
    )
    action.themes = _themes(service_id, theme_ids)
    action.comments = _comments(service_id, comment_ids or [])
    _apply_status(action, status, reason_not_possible, done_on)
    db.session.add(action)
    db.session.commit()
    return action


def update_action(action: Action, *, theme_ids: list[int], comment_ids: list[int] | None = None,
                  **fields: Any) -> Action:
    if not theme_ids:
        raise ActionError("Choose at least one theme this action answers")
    action.themes = _themes(action.service_id, theme_ids)
    if comment_ids is not None:
        action.comments = _comments(action.service_id, comment_ids)
    for name in ("title", "description", "owner"):
        if name in fields:
            setattr(action, name, (fields[name] or "").strip())
    if "due_date" in fields:
        action.due_date = fields["due_date"]
    if "participation_level" in fields:
        action.participation_level = fields["participation_level"]
    if "progress_pct" in fields and fields["progress_pct"] is not None:
        action.progress_pct = max(0, min(100, fields["progress_pct"]))
    _apply_status(action, fields.get("status", action.status),
                  fields.get("reason_not_possible"), fields.get("done_on"))
    db.session.commit()
    return action


def add_update(action: Action, text: str, created_by_id: int | None,
               status: str | None = None, reason_not_possible: str | None = None) -> ActionUpdate:
    """Add a dated step to the timeline, optionally moving the action to a new status."""
    update = ActionUpdate(action=action, text=text.strip(), created_by_id=created_by_id,
                          status_after=status or None)
    if status:
        _apply_status(action, status, reason_not_possible, None)
    db.session.add(update)
    db.session.commit()
    return update


def set_published(action: Action, published: bool) -> Action:
    action.published = published
    action.published_at = now_utc() if published else None
    db.session.commit()
    return action


def service_actions(service_id: int) -> list[Action]:
    return list(
        db.session.scalars(
            sa.select(Action)
            .where(Action.service_id == service_id)
            .options(selectinload(Action.themes))
            .order_by(Action.created_at.desc())
        )
    )


def is_overdue(action: Action, today: date | None = None) -> bool:
    today = today or now_utc().date()
    return (action.due_date is not None and action.due_date < today
            and action.status in {s.value for s in OPEN_STATUSES})


def status_counts(actions: list[Action]) -> Counter:
    return Counter(a.status for a in actions)
