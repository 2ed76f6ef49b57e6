"""Did an action help? Compare a theme's share of feedback before and after the change.

For an action with a done date, the windows are `window` days long, and the `gap` days either
side of the change are left out (people settle in, and feedback given just before a change often
arrives after it). The share of the service's comments that carry the action's themes is
compared with a two-proportion z-test, with a 95% confidence interval for the difference.

A change often makes people talk about the theme in a new, kinder way ("the check-in calls while
I waited were lovely"), which keeps the theme's share up while the complaint behind it eases. So
the share of all comments that are *negative* and carry the theme is compared the same way, and
both results are given.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from scipy.stats import norm

from feedback_app.extensions import db
from feedback_app.models import Action, Comment, CommentTheme, action_theme
from feedback_app.models._base import now_utc
from feedback_app.themes.services import NEGATIVE_AT_MOST

WINDOW_DAYS = 90
GAP_DAYS = 14
ALPHA = 0.05
# "Reliably seen": a change this size is detected this often (see `detectable_change`).
POWER = 0.8


@dataclass(frozen=True)
class ProportionTest:
    x_before: int
    n_before: int
    x_after: int
    n_after: int
    p_before: float
    p_after: float
    difference: float  # after minus before
    ci_low: float
    ci_high: float
    z: float
    p_value: float


def compare_proportions(x1: int, n1: int, x2: int, n2: int,
                        confidence: float = 0.95) -> ProportionTest:
    """Two-proportion z-test (pooled standard error for the test, unpooled for the interval)."""
    if n1 <= 0 or n2 <= 0:
        raise ValueError("both groups need at least one comment")
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    diff = p2 - p1
    if se_pooled == 0:
        z, p_value = 0.0, 1.0
    else:
        z = diff / se_pooled
        p_value = float(2 * norm.sf(abs(z)))
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    margin = float(norm.ppf(0.5 + confidence / 2)) * se
    return ProportionTest(x1, n1, x2, n2, p1, p2, diff, diff - margin, diff + margin, z, p_value)


@dataclass(frozen=True)
class Impact:
    verdict: str  # "eased", "grew", "no_change", "too_early", "no_data"
    summary: str
    basis: str
    test: ProportionTest | None
    before: tuple[date, date]
    after: tuple[date, date]
    sentiment_before: float | None
    sentiment_after: float | None
    after_complete: bool
    # The same comparison for comments that are negative in tone and carry the theme.
    negative_verdict: str = ""
    negative_summary: str = ""
    negative_test: ProportionTest | None = None


def _points(value: float) -> str:
    return f"{abs(value) * 100:.1f}"


def _p_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def detectable_change(test: ProportionTest, power: float = POWER) -> float:
    """The smallest change in the share that these numbers of comments would show `power` of
    the time (two-sided test at `ALPHA`), taking the share before as the level: about
    (z_(1-alpha/2) + z_power) * sqrt(p (1 - p) (1/n1 + 1/n2)).

    A small service's "no change we can detect" often means "too few comments to tell": this
    says how large a change would have had to be.
    """
    p = test.p_before if 0 < test.p_before < 1 else (test.x_before + test.x_after) / (
        test.n_before + test.n_after)
    spread = math.sqrt(p * (1 - p) * (1 / test.n_before + 1 / test.n_after))
    return float(norm.ppf(1 - ALPHA / 2) + norm.ppf(power)) * spread


def _too_small(test: ProportionTest) -> str:
    change = detectable_change(test)
    if change <= 0:
        return ""
    said = (f" With this many comments, a change would need to be about {_points(change)} "
            f"percentage points to be seen reliably ({POWER:.0%} of the time)")
    if change > test.p_before > 0:
        return (f"{said}: more than the {test.p_before * 100:.1f}% before, so even a fall to "
                f"nothing might not show.")
    return said + "."


def describe(test: ProportionTest) -> tuple[str, str]:
    """The verdict and a plain-English sentence for a test result."""
    shares = (f"{test.p_before * 100:.1f}% of comments before and {test.p_after * 100:.1f}% "
              f"after")
    interval = (f"95% confidence interval for the change: {test.ci_low * 100:+.1f} to "
                f"{test.ci_high * 100:+.1f} percentage points")
    if test.p_value < ALPHA and test.difference < 0:
        return "eased", (
            f"This theme eased: it was raised in {shares}, a fall of "
            f"{_points(test.difference)} percentage points ({interval}; {_p_text(test.p_value)})."
        )
    if test.p_value < ALPHA and test.difference > 0:
        return "grew", (
            f"This theme grew: it was raised in {shares}, a rise of "
            f"{_points(test.difference)} percentage points ({interval}; {_p_text(test.p_value)})."
        )
    return "no_change", (
        f"No change we can detect: it was raised in {shares} ({interval}; "
        f"{_p_text(test.p_value)}). A difference this size could be chance.{_too_small(test)}"
    )


def describe_negative(test: ProportionTest) -> tuple[str, str]:
    """The verdict and a sentence for the share of comments that are negative about the theme."""
    shares = (f"{test.p_before * 100:.1f}% of all comments before and "
              f"{test.p_after * 100:.1f}% after")
    detail = (f"95% confidence interval for the change: {test.ci_low * 100:+.1f} to "
              f"{test.ci_high * 100:+.1f} percentage points; {_p_text(test.p_value)}")
    said = f"negative comments on it were {shares} ({detail})."
    if test.p_value < ALPHA and test.difference < 0:
        return "eased", f"Complaints about it eased: {said}"
    if test.p_value < ALPHA and test.difference > 0:
        return "grew", f"Complaints about it grew: {said}"
    return "no_change", (f"No change we can detect in complaints about it: {said}"
                         f"{_too_small(test)}")


def _counts(service_id: int, theme_ids: list[int], start: date,
            end: date) -> tuple[int, int, float | None, int]:
    lo, hi = datetime.combine(start, time.min), datetime.combine(end, time.min)
    in_window = (Comment.service_id == service_id, Comment.received_at >= lo,
                 Comment.received_at < hi)
    total = db.session.scalar(sa.select(sa.func.count(Comment.id)).where(*in_window)) or 0
    themed = (
        sa.select(Comment.id, Comment.sentiment)
        .where(*in_window,
               sa.select(CommentTheme.id)
               .where(CommentTheme.comment_id == Comment.id,
                      CommentTheme.theme_id.in_(theme_ids))
               .exists())
    )
    rows = db.session.execute(themed).all()
    sentiments = [s for _, s in rows if s is not None]
    mean = sum(sentiments) / len(sentiments) if sentiments else None
    negative = sum(1 for s in sentiments if s <= NEGATIVE_AT_MOST)
    return len(rows), total, mean, negative


def action_impact(action: Action, today: date | None = None, window: int = WINDOW_DAYS,
                  gap: int = GAP_DAYS) -> Impact | None:
    """The before/after comparison for a done action; None if it has no done date."""
    if action.done_on is None:
        return None
    today = today or now_utc().date()
    done = action.done_on
    before = (done - timedelta(days=gap + window), done - timedelta(days=gap))
    after = (done + timedelta(days=gap), done + timedelta(days=gap + window))
    theme_ids = list(
        db.session.scalars(
            sa.select(action_theme.c.theme_id).where(action_theme.c.action_id == action.id)
        )
    )
    after_complete = today >= after[1]
    if today <= after[0]:
        return Impact("too_early",
                      f"Too early to tell: we compare feedback from {after[0].day} "
                      f"{after[0]:%B %Y} onwards with the {window} days before the change.",
                      "", None, before, after, None, None, False)
    x1, n1, s1, neg1 = _counts(action.service_id, theme_ids, *before)
    after_end = min(after[1], today + timedelta(days=1))
    x2, n2, s2, neg2 = _counts(action.service_id, theme_ids, after[0], after_end)
    basis = f"Based on {n1:,} comments before and {n2:,} after."
    if not after_complete:
        basis += f" The {window} days after the change are not over yet."
    if n1 == 0 or n2 == 0:
        return Impact("no_data", "Not enough feedback to tell: there was no feedback in one "
                      "of the periods compared.", basis, None, before, after, s1, s2,
                      after_complete)
    test = compare_proportions(x1, n1, x2, n2)
    verdict, summary = describe(test)
    negative = compare_proportions(neg1, n1, neg2, n2)
    negative_verdict, negative_summary = describe_negative(negative)
    return Impact(verdict, summary, basis, test, before, after, s1, s2, after_complete,
                  negative_verdict, negative_summary, negative)
