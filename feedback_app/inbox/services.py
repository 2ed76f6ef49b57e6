"""The feedback inbox: every comment a person may see, filtered, and the risk queue.

Every function takes the signed-in user explicitly and limits what it returns to the services
that user belongs to (administrators: all), so a guessed id never reaches another service's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_sqlalchemy.pagination import Pagination

from feedback_app.extensions import db
from feedback_app.models import Comment, CommentSource, Meeting, RiskLevel, Role, Survey, User
from feedback_app.surveys.questions import FFT_OPTIONS

SOURCE_LABELS = {
    CommentSource.SURVEY.value: "Survey",
    CommentSource.PANEL.value: "Panel meeting",
    CommentSource.FOCUS_GROUP.value: "Focus group",
}
RISK_LABELS = {
    RiskLevel.URGENT.value: "Urgent",
    RiskLevel.REVIEW.value: "Review",
    RiskLevel.NONE.value: "None",
}
FLAGGED_LEVELS = (RiskLevel.URGENT.value, RiskLevel.REVIEW.value)
# A guessed id past the database's integer range is simply not found (not a database error).
MAX_ID = 2**31 - 1


@dataclass(frozen=True)
class CommentFilters:
    """Validated filter values; None means "any"."""

    service_id: int | None = None
    source: str | None = None
    survey_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    fft_answer: str | None = None
    risk_level: str | None = None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _limit_to_user(query: sa.Select, user: User) -> sa.Select:
    if user.is_admin:
        return query
    return query.where(Comment.service_id.in_([s.id for s in user.services]))


# The inbox -----------------------------------------------------------------------------------


def comment_query(user: User, filters: CommentFilters | None = None) -> sa.Select:
    """Comments `user` may see that match `filters`, newest first."""
    f = filters or CommentFilters()
    query = _limit_to_user(sa.select(Comment), user)
    if f.service_id is not None:
        query = query.where(Comment.service_id == f.service_id)
    if f.source:
        query = query.where(Comment.source == f.source)
    if f.survey_id is not None:
        query = query.where(Comment.survey_id == f.survey_id)
    if f.date_from is not None:
        query = query.where(Comment.received_at >= datetime.combine(f.date_from, time.min))
    if f.date_to is not None:
        # The "to" date is inclusive: everything before the start of the next day.
        end = datetime.combine(f.date_to + timedelta(days=1), time.min)
        query = query.where(Comment.received_at < end)
    if f.fft_answer:
        query = query.where(Comment.fft_answer == f.fft_answer)
    if f.risk_level:
        query = query.where(Comment.risk_level == f.risk_level)
    return query.order_by(Comment.received_at.desc(), Comment.id.desc())


def _with_origins(query: sa.Select) -> sa.Select:
    return query.options(
        so.selectinload(Comment.service),
        so.selectinload(Comment.survey),
        so.selectinload(Comment.question),
    )


def list_comments(
    user: User, filters: CommentFilters | None = None, page: int = 1, per_page: int = 25
) -> Pagination:
    return db.paginate(
        _with_origins(comment_query(user, filters)),
        page=page,
        per_page=per_page,
        error_out=False,
        count=True,
    )


def meetings_for(comments: list[Comment]) -> dict[int, Meeting]:
    """The meetings the comments came from, in one query (Comment has no meeting relationship)."""
    ids = {c.meeting_id for c in comments if c.meeting_id is not None}
    if not ids:
        return {}
    return {m.id: m for m in db.session.scalars(sa.select(Meeting).where(Meeting.id.in_(ids)))}


def get_comment_for(user: User, comment_id: int) -> Comment | None:
    """The comment if `user` may see it, else None (the caller answers 404 either way)."""
    if not 0 < comment_id <= MAX_ID:
        return None
    comment = db.session.get(Comment, comment_id)
    if comment is None or not user.can_access(comment.service_id):
        return None
    return comment


def surveys_for(user: User) -> list[Survey]:
    query = sa.select(Survey).order_by(Survey.title)
    if not user.is_admin:
        query = query.where(Survey.service_id.in_([s.id for s in user.services]))
    return list(db.session.scalars(query))


def fft_answers_for(user: User) -> list[str]:
    """The six FFT answers in their usual order, then any other answer found in the user's
    comments (older surveys), to offer as filter choices."""
    query = _limit_to_user(
        sa.select(Comment.fft_answer).where(Comment.fft_answer.is_not(None)).distinct(), user
    )
    others = sorted(set(db.session.scalars(query)) - set(FFT_OPTIONS))
    return [*FFT_OPTIONS, *others]


def count_by_source(user: User, since: datetime) -> dict[str, int]:
    """How many comments each source brought in since `since` (every source, zero included)."""
    query = _limit_to_user(
        sa.select(Comment.source, sa.func.count(Comment.id))
        .where(Comment.received_at >= since)
        .group_by(Comment.source),
        user,
    )
    counts = dict.fromkeys(SOURCE_LABELS, 0)
    counts.update(dict(db.session.execute(query).all()))
    return counts


def start_of_month(today: date | None = None) -> datetime:
    today = today or _now().date()
    return datetime(today.year, today.month, 1)


# The risk queue ------------------------------------------------------------------------------


def can_review_risk(user: User) -> bool:
    """Service leads (and administrators) mark risk as reviewed; facilitators raise it with them."""
    return user.has_role(Role.LEAD)


def can_see_original(user: User, comment: Comment) -> bool:
    """The words exactly as written (names, phone numbers) are shown only to someone who must act
    on a risk flag: a lead of that service, for a flagged comment. Everything else is redacted."""
    return (
        can_review_risk(user)
        and comment.risk_level in FLAGGED_LEVELS
        and user.can_access(comment.service_id)
    )


def attention_query(user: User) -> sa.Select:
    """Flagged comments nobody has reviewed yet: urgent first, then those waiting longest."""
    urgent_first = sa.case((Comment.risk_level == RiskLevel.URGENT.value, 0), else_=1)
    query = sa.select(Comment).where(
        Comment.risk_level.in_(FLAGGED_LEVELS), Comment.risk_reviewed_at.is_(None)
    )
    return _limit_to_user(query, user).order_by(
        urgent_first, Comment.received_at.asc(), Comment.id.asc()
    )


def list_attention(user: User, page: int = 1, per_page: int = 25) -> Pagination:
    return db.paginate(
        _with_origins(attention_query(user)), page=page, per_page=per_page, error_out=False
    )


def days_waiting(comments: list[Comment], today: date | None = None) -> dict[int, int]:
    """How many whole days each comment has waited since it was received."""
    today = today or _now().date()
    return {c.id: max((today - c.received_at.date()).days, 0) for c in comments}


def attention_counts(user: User) -> dict[str, int]:
    """Unreviewed flagged comments by level: {"urgent": n, "review": m}."""
    query = _limit_to_user(
        sa.select(Comment.risk_level, sa.func.count(Comment.id))
        .where(Comment.risk_level.in_(FLAGGED_LEVELS), Comment.risk_reviewed_at.is_(None))
        .group_by(Comment.risk_level),
        user,
    )
    counts = dict.fromkeys(FLAGGED_LEVELS, 0)
    counts.update(dict(db.session.execute(query).all()))
    return counts


def attention_count(user: User) -> int:
    """Unreviewed urgent comments: the number shown in the navigation and on the dashboard."""
    query = _limit_to_user(
        sa.select(sa.func.count(Comment.id)).where(
            Comment.risk_level == RiskLevel.URGENT.value, Comment.risk_reviewed_at.is_(None)
        ),
        user,
    )
    return db.session.scalar(query) or 0


def mark_risk_reviewed(comment: Comment, user: User) -> Comment:
    """Record who reviewed a flagged comment and when. A second review keeps the first record."""
    if not can_review_risk(user) or not user.can_access(comment.service_id):
        raise PermissionError("Only a lead of this service can review risk")
    if comment.risk_level not in FLAGGED_LEVELS:
        raise ValueError("This comment was not flagged for risk")
    if comment.risk_reviewed_at is None:
        comment.risk_reviewed_at = _now()
        comment.risk_reviewed_by_id = user.id
        db.session.commit()
    return comment


def reviewer_of(comment: Comment) -> User | None:
    if comment.risk_reviewed_by_id is None:
        return None
    return db.session.get(User, comment.risk_reviewed_by_id)
