"""A lead's overview of a service: themes rising and falling, actions, volume and FFT."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from feedback_app.actions.services import is_overdue, service_actions, status_counts
from feedback_app.extensions import db
from feedback_app.impact import ALPHA, ProportionTest, compare_proportions
from feedback_app.models import Action, Comment, CommentTheme, Response, Survey, Theme
from feedback_app.models._base import now_utc
from feedback_app.themes.services import active_themes, month_of, month_starts

POSITIVE_FFT = ("Very good", "Good")
TREND_DAYS = 90
MIN_SHOWN = 5


@dataclass
class ThemeTrend:
    theme: Theme
    test: ProportionTest
    direction: str  # "rising", "falling" or "steady"


@dataclass
class Overview:
    months: list[date]
    trends: list[ThemeTrend]
    counts: Counter
    overdue: list[Action]
    done: list[Action] = field(default_factory=list)  # with a done date, newest change first
    volume: dict[str, list[int]] = field(default_factory=dict)
    fft: list[tuple[date, int | None, int | None]] = field(default_factory=list)
    recent_total: int = 0
    earlier_total: int = 0

    @property
    def rising(self) -> list[ThemeTrend]:
        return [t for t in self.trends if t.direction == "rising"]

    @property
    def falling(self) -> list[ThemeTrend]:
        return [t for t in self.trends if t.direction == "falling"]


def _bounds(today: date) -> tuple[datetime, datetime, datetime]:
    end = datetime.combine(today + timedelta(days=1), time.min)
    middle = end - timedelta(days=TREND_DAYS)
    return end - timedelta(days=2 * TREND_DAYS), middle, end


def theme_trends(service_id: int, today: date) -> tuple[list[ThemeTrend], int, int]:
    """Each theme's share of the last 90 days' comments against the 90 days before."""
    start, middle, end = _bounds(today)
    in_service = (Comment.service_id == service_id, Comment.received_at >= start,
                  Comment.received_at < end)
    recent = Comment.received_at >= middle
    totals = dict(db.session.execute(
        sa.select(recent, sa.func.count(Comment.id)).where(*in_service).group_by(recent)
    ).all())
    n_recent, n_earlier = totals.get(True, 0), totals.get(False, 0)
    themes = {t.id: t for t in active_themes(service_id)}
    rows = db.session.execute(
        sa.select(CommentTheme.theme_id, recent, sa.func.count(sa.distinct(Comment.id)))
        .join(Comment, Comment.id == CommentTheme.comment_id)
        .where(*in_service, CommentTheme.theme_id.in_(list(themes)))
        .group_by(CommentTheme.theme_id, recent)
    ).all()
    counts: dict[int, dict[bool, int]] = {}
    for theme_id, is_recent, n in rows:
        counts.setdefault(theme_id, {})[bool(is_recent)] = n
    trends = []
    if n_recent and n_earlier:
        for theme_id, by_period in counts.items():
            test = compare_proportions(by_period.get(False, 0), n_earlier,
                                       by_period.get(True, 0), n_recent)
            direction = "steady"
            if test.p_value < ALPHA:
                direction = "rising" if test.difference > 0 else "falling"
            trends.append(ThemeTrend(themes[theme_id], test, direction))
    trends.sort(key=lambda t: -abs(t.test.difference))
    return trends, n_recent, n_earlier


def volume_by_source(service_id: int, months: list[date]) -> dict[str, list[int]]:
    position = {m: i for i, m in enumerate(months)}
    out: dict[str, list[int]] = {}
    start = datetime.combine(months[0], time.min)
    rows = db.session.execute(
        sa.select(Comment.source, Comment.received_at)
        .where(Comment.service_id == service_id, Comment.received_at >= start)
    )
    for source, received in rows:
        i = position.get(month_of(received))
        if i is not None:
            out.setdefault(source, [0] * len(months))[i] += 1
    return out


def fft_by_month(service_id: int,
                 months: list[date]) -> list[tuple[date, int | None, int | None]]:
    """Friends and Family Test: answers and % positive (Very good or Good) each month; None
    for both when 1 to 4 people answered."""
    start = datetime.combine(months[0], time.min)
    rows = db.session.execute(
        sa.select(Response.submitted_at, Response.fft_answer)
        .join(Survey, Survey.id == Response.survey_id)
        .where(Survey.service_id == service_id, Response.submitted_at >= start,
               Response.fft_answer.is_not(None))
    )
    totals: Counter = Counter()
    positive: Counter = Counter()
    for submitted, answer in rows:
        month = month_of(submitted)
        totals[month] += 1
        positive[month] += answer in POSITIVE_FFT
    rows_out = []
    for m in months:
        n = totals[m]
        # A month's percentage from one to four people could say how someone answered.
        pct = round(100 * positive[m] / n) if n >= MIN_SHOWN else None
        rows_out.append((m, n if n >= MIN_SHOWN or n == 0 else None, pct))
    return rows_out


def service_overview(service_id: int, today: date | None = None, months: int = 12) -> Overview:
    today = today or now_utc().date()
    starts = month_starts(months, today)
    actions = service_actions(service_id)
    trends, n_recent, n_earlier = theme_trends(service_id, today)
    return Overview(
        months=starts,
        trends=trends,
        counts=status_counts(actions),
        overdue=[a for a in actions if is_overdue(a, today)],
        done=sorted((a for a in actions if a.done_on), key=lambda a: a.done_on, reverse=True),
        volume=volume_by_source(service_id, starts),
        fft=fft_by_month(service_id, starts),
        recent_total=n_recent,
        earlier_total=n_earlier,
    )


@dataclass
class QuarterReport:
    label: str
    start: date
    end: date  # exclusive
    previous: str
    following: str | None
    total: int
    by_source: Counter
    fft_answers: int
    fft_positive_pct: int | None
    themes: list[tuple[Theme, int, int]]  # theme, comments, % of the quarter's comments
    done: list[Action]
    open: list[Action]
    not_possible: list[Action]


def parse_quarter(text: str | None, today: date) -> tuple[int, int]:
    """'2026-Q3' -> (2026, 3); anything else: the quarter before today's."""
    try:
        year, q = text.split("-Q")  # type: ignore[union-attr]
        if 1 <= int(q) <= 4 and 2000 <= int(year) <= 2100:
            return int(year), int(q)
    except (AttributeError, ValueError):
        pass
    q = (today.month - 1) // 3  # the last complete quarter
    return (today.year - 1, 4) if q == 0 else (today.year, q)


def _quarter_start(year: int, q: int) -> date:
    return date(year, 3 * (q - 1) + 1, 1)


def _quarter_label(year: int, q: int) -> str:
    return f"{year}-Q{q}"


def quarterly_report(service_id: int, year: int, q: int,
                     today: date | None = None) -> QuarterReport:
    today = today or now_utc().date()
    start = _quarter_start(year, q)
    end = _quarter_start(year + (q == 4), 1 if q == 4 else q + 1)
    prev = (year - 1, 4) if q == 1 else (year, q - 1)
    following = (year + 1, 1) if q == 4 else (year, q + 1)
    lo, hi = datetime.combine(start, time.min), datetime.combine(end, time.min)
    window = (Comment.service_id == service_id, Comment.received_at >= lo,
              Comment.received_at < hi)
    by_source = Counter(dict(db.session.execute(
        sa.select(Comment.source, sa.func.count(Comment.id)).where(*window)
        .group_by(Comment.source)
    ).all()))
    total = sum(by_source.values())
    themes = {t.id: t for t in active_themes(service_id)}
    theme_counts = db.session.execute(
        sa.select(CommentTheme.theme_id, sa.func.count(sa.distinct(Comment.id)))
        .join(Comment, Comment.id == CommentTheme.comment_id)
        .where(*window, CommentTheme.theme_id.in_(list(themes)))
        .group_by(CommentTheme.theme_id)
        .order_by(sa.func.count(sa.distinct(Comment.id)).desc())
        .limit(10)
    ).all()
    fft = db.session.execute(
        sa.select(Response.fft_answer)
        .join(Survey, Survey.id == Response.survey_id)
        .where(Survey.service_id == service_id, Response.submitted_at >= lo,
               Response.submitted_at < hi, Response.fft_answer.is_not(None))
    ).scalars().all()
    positive = sum(a in POSITIVE_FFT for a in fft)
    actions = service_actions(service_id)
    return QuarterReport(
        label=f"{start:%B} to {(end - timedelta(days=1)):%B %Y}",
        start=start,
        end=end,
        previous=_quarter_label(*prev),
        following=_quarter_label(*following) if _quarter_start(*following) <= today else None,
        total=total,
        by_source=by_source,
        fft_answers=len(fft),
        fft_positive_pct=round(100 * positive / len(fft)) if len(fft) >= MIN_SHOWN else None,
        themes=[(themes[i], n, round(100 * n / total) if total else 0) for i, n in theme_counts],
        done=[a for a in actions if a.done_on and start <= a.done_on < end],
        open=[a for a in actions if a.status in ("proposed", "planned", "in_progress")],
        not_possible=[a for a in actions if a.status == "not_possible"],
    )
