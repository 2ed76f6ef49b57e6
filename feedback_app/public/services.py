"""What anyone can see without signing in: the public board and the receipt look-up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from feedback_app.extensions import db
from feedback_app.models import (
    Action,
    Answer,
    Comment,
    CommentTheme,
    Response,
    RiskLevel,
    Service,
    Theme,
    action_comment,
    action_theme,
)
from feedback_app.models._base import now_utc
from feedback_app.themes.services import recount_themes

QUOTES_PER_ACTION = 3
_CODE = re.compile(r"^[A-Z0-9]{4,16}$")
# Looked up when the code is malformed, so that a malformed code costs the same query as an
# unknown one and the answer's timing says nothing about which codes exist.
_NEVER_A_CODE = "----"


@dataclass
class BoardItem:
    action: Action
    themes: list[Theme]
    quotes: list[str] = field(default_factory=list)


def quotable(query: sa.Select) -> sa.Select:
    """Only comments people agreed to have quoted, and never ones flagged for risk."""
    withdrawn = (
        sa.select(Response.id)
        .where(Response.id == Comment.response_id, Response.deletion_requested_at.is_not(None))
        .exists()
    )
    return query.where(
        Comment.quote_publicly.is_(True),
        Comment.risk_level == RiskLevel.NONE.value,
        Comment.redacted_text != "",
        ~withdrawn,
    )


def _quotes(action: Action) -> list[str]:
    theme_ids = [t.id for t in action.themes]
    chosen = quotable(
        sa.select(Comment.redacted_text)
        .join(action_comment, action_comment.c.comment_id == Comment.id)
        .where(action_comment.c.action_id == action.id)
        .order_by(Comment.received_at.desc())
    )
    quotes = list(dict.fromkeys(db.session.scalars(chosen.limit(QUOTES_PER_ACTION))))
    # Then the comments the analysis found most typical of each theme, in its order.
    typical = [i for t in action.themes for i in (t.representative_ids or [])]
    if len(quotes) < QUOTES_PER_ACTION and typical:
        found = dict(db.session.execute(quotable(
            sa.select(Comment.id, Comment.redacted_text)
            .where(Comment.id.in_(typical), Comment.service_id == action.service_id)
        )).all())
        for comment_id in typical:
            text = found.get(comment_id)
            if text and text not in quotes and len(quotes) < QUOTES_PER_ACTION:
                quotes.append(text)
    if len(quotes) < QUOTES_PER_ACTION and theme_ids:
        from_themes = quotable(
            sa.select(Comment.redacted_text)
            .join(CommentTheme, CommentTheme.comment_id == Comment.id)
            .where(CommentTheme.theme_id.in_(theme_ids), Comment.service_id == action.service_id)
            .order_by(CommentTheme.is_primary.desc(), CommentTheme.score.desc(), Comment.id)
            .limit(QUOTES_PER_ACTION * 3)
        )
        for text in db.session.scalars(from_themes):
            if text not in quotes:
                quotes.append(text)
            if len(quotes) >= QUOTES_PER_ACTION:
                break
    return quotes


def service_by_slug(slug: str) -> Service | None:
    return db.session.scalar(sa.select(Service).where(Service.slug == slug))


def public_board(service: Service) -> list[BoardItem]:
    actions = db.session.scalars(
        sa.select(Action)
        .where(Action.service_id == service.id, Action.published.is_(True))
        .options(selectinload(Action.themes), selectinload(Action.updates))
        .order_by(Action.published_at.desc(), Action.id.desc())
    )
    return [BoardItem(a, list(a.themes), _quotes(a)) for a in actions]


def normalise_code(raw: str) -> str | None:
    """'k7qx 4mrp', 'K7QX-4MRP' and 'k7qx4mrp' are the same code; None if it cannot be one."""
    compact = re.sub(r"[\s\-–—]", "", raw or "").upper()
    return compact if _CODE.match(compact) else None


def find_response(raw: str) -> Response | None:
    compact = normalise_code(raw)
    if compact is None:
        compact = _NEVER_A_CODE
    dashed = f"{compact[:4]}-{compact[4:]}" if len(compact) == 8 else compact
    return db.session.scalar(
        sa.select(Response).where(
            sa.or_(Response.receipt_code == dashed,
                   sa.func.replace(Response.receipt_code, "-", "") == compact),
            Response.deletion_requested_at.is_(None),
        )
    )


@dataclass
class Receipt:
    response: Response
    themes: list[Theme]
    actions: list[Action]


def receipt_summary(response: Response) -> Receipt:
    """The themes this person's feedback is part of, and the published actions on them."""
    comment_ids = sa.select(Comment.id).where(Comment.response_id == response.id)
    themes = list(
        db.session.scalars(
            sa.select(Theme)
            .where(
                Theme.id.in_(
                    sa.select(CommentTheme.theme_id).where(
                        CommentTheme.comment_id.in_(comment_ids)
                    )
                ),
                Theme.is_hidden.is_(False),
                Theme.merged_into_id.is_(None),
            )
            .order_by(Theme.name)
        )
    )
    theme_ids = [t.id for t in themes]
    linked_by_theme = sa.select(action_theme.c.action_id).where(
        action_theme.c.theme_id.in_(theme_ids)
    )
    linked_by_comment = sa.select(action_comment.c.action_id).where(
        action_comment.c.comment_id.in_(comment_ids)
    )
    actions = list(
        db.session.scalars(
            sa.select(Action)
            .where(Action.published.is_(True),
                   sa.or_(Action.id.in_(linked_by_theme), Action.id.in_(linked_by_comment)))
            .options(selectinload(Action.updates))
            .order_by(Action.published_at.desc())
        )
    )
    return Receipt(response, themes, actions)


def request_deletion(response: Response) -> int:
    """Delete what this person wrote and answered; keep only a tombstone.

    The Response row stays, with no answers, no comments and no details about the person,
    marked with when deletion was asked for, so the receipt code is never reissued. Returns the
    number of comments deleted.
    """
    comments = list(
        db.session.scalars(sa.select(Comment).where(Comment.response_id == response.id))
    )
    ids = [c.id for c in comments]
    service_ids = {c.service_id for c in comments}
    if ids:
        db.session.execute(sa.delete(CommentTheme).where(CommentTheme.comment_id.in_(ids)))
        db.session.execute(sa.delete(action_comment).where(action_comment.c.comment_id.in_(ids)))
        db.session.execute(sa.delete(Comment).where(Comment.id.in_(ids)))
    db.session.execute(sa.delete(Answer).where(Answer.response_id == response.id))
    response.deletion_requested_at = now_utc()
    response.fft_answer = None
    response.quote_publicly = False
    response.use_in_research = False
    for attribute in ("age_band", "ethnicity", "gender", "disability", "first_language"):
        setattr(response, attribute, None)
    db.session.flush()
    for service_id in service_ids:
        recount_themes(service_id)
    db.session.commit()
    db.session.expire_all()
    return len(ids)
