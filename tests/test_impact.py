"""Did the change help? The before/after comparison on examples whose answer is known."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from scipy.stats import norm

from feedback_app.extensions import db
from feedback_app.impact import (
    action_impact,
    compare_proportions,
    describe_negative,
    detectable_change,
)
from feedback_app.models import Action, Comment, CommentTheme, Role, Theme

DONE = date(2026, 4, 1)


class TestCompareProportions:
    def test_a_clear_fall_is_significant(self):
        test = compare_proportions(40, 200, 10, 200)
        assert test.p_before == pytest.approx(0.20) and test.p_after == pytest.approx(0.05)
        assert test.difference == pytest.approx(-0.15)
        # Pooled p = 0.125, SE = sqrt(0.125 * 0.875 * 2/200) = 0.03307, z = -4.536.
        assert test.z == pytest.approx(-4.536, abs=0.001)
        assert test.p_value < 0.001
        assert test.p_value == pytest.approx(2 * norm.sf(abs(test.z)))
        assert 5.7e-6 < test.p_value < 5.8e-6
        # Unpooled SE = sqrt(.2*.8/200 + .05*.95/200) = 0.03221; 1.96 * SE = 0.0631.
        assert test.ci_low == pytest.approx(-0.2131, abs=0.0005)
        assert test.ci_high == pytest.approx(-0.0869, abs=0.0005)

    def test_a_tiny_difference_is_not_detectable(self):
        test = compare_proportions(20, 200, 21, 200)
        assert test.p_value > 0.8
        assert test.ci_low < 0 < test.ci_high

    def test_no_variation_at_all(self):
        test = compare_proportions(0, 50, 0, 60)
        assert test.p_value == 1.0 and test.difference == 0

    def test_the_change_these_numbers_could_show(self):
        # p = 0.10, n = 200 each: sqrt(.1 * .9 * (2/200)) = 0.03; (1.960 + 0.842) * 0.03 = 0.0840.
        assert detectable_change(compare_proportions(20, 200, 21, 200)) == pytest.approx(
            0.0840, abs=0.0002)
        # Four times the comments, half the change.
        assert detectable_change(compare_proportions(80, 800, 84, 800)) == pytest.approx(
            0.0420, abs=0.0002)

    def test_too_few_comments_to_see_even_a_fall_to_nothing_is_said(self):
        _, sentence = describe_negative(compare_proportions(9, 123, 4, 101))
        assert "a change would need to be about 9.8 percentage points" in sentence
        assert "more than the 7.3% before, so even a fall to nothing might not show" in sentence

    def test_empty_groups_are_refused(self):
        with pytest.raises(ValueError, match="at least one"):
            compare_proportions(0, 0, 1, 10)


def _comments(service, theme, when, themed, total):
    """`total` comments on `when`'s day, `themed` of them in the theme (made directly: the
    statistics are under test here, not the screening of text)."""
    for i in range(total):
        comment = Comment(service_id=service.id, source="survey", text=f"c{i}",
                          redacted_text=f"c{i}", received_at=when + timedelta(minutes=i),
                          sentiment=-0.5 if i < themed else 0.3)
        db.session.add(comment)
        db.session.flush()
        if i < themed:
            db.session.add(CommentTheme(comment_id=comment.id, theme_id=theme.id))


@pytest.fixture
def setup(make_service):
    service = make_service(slug="northshire")
    theme = Theme(service_id=service.id, key="waiting_distress", name="Waiting")
    db.session.add(theme)
    db.session.flush()
    action = Action(service_id=service.id, title="Check-in calls", status="done", done_on=DONE)
    action.themes = [theme]
    db.session.add(action)
    db.session.commit()
    return service, theme, action


def test_theme_eased_after_the_change(setup):
    service, theme, action = setup
    _comments(service, theme, datetime(2026, 2, 1), 40, 200)  # 60 to 30 days before
    _comments(service, theme, datetime(2026, 5, 1), 10, 200)  # 30 days after
    # Inside the 14 days either side: left out.
    _comments(service, theme, datetime(2026, 3, 25), 50, 50)
    _comments(service, theme, datetime(2026, 4, 10), 50, 50)
    # Outside both windows: left out.
    _comments(service, theme, datetime(2025, 6, 1), 30, 30)
    db.session.commit()
    impact = action_impact(action, today=date(2026, 9, 1))
    assert impact.verdict == "eased"
    assert impact.test.n_before == 200 and impact.test.n_after == 200
    assert impact.test.p_value < 0.001
    assert impact.summary.startswith("This theme eased")
    assert "20.0% of comments before and 5.0% after" in impact.summary
    assert "p < 0.001" in impact.summary
    assert impact.basis == "Based on 200 comments before and 200 after."
    assert impact.sentiment_before == pytest.approx(-0.5)
    assert impact.before == (date(2025, 12, 18), date(2026, 3, 18))
    assert impact.after == (date(2026, 4, 15), date(2026, 7, 14))


def test_no_detectable_change(setup):
    service, theme, action = setup
    _comments(service, theme, datetime(2026, 2, 1), 20, 200)
    _comments(service, theme, datetime(2026, 5, 1), 21, 200)
    db.session.commit()
    impact = action_impact(action, today=date(2026, 9, 1))
    assert impact.verdict == "no_change"
    assert impact.summary.startswith("No change we can detect")
    # A lead is told how large a change these numbers could have shown.
    assert ("a change would need to be about 8.4 percentage points to be seen reliably "
            "(80% of the time).") in impact.summary


def test_theme_grew(setup):
    service, theme, action = setup
    _comments(service, theme, datetime(2026, 2, 1), 10, 200)
    _comments(service, theme, datetime(2026, 5, 1), 40, 200)
    db.session.commit()
    assert action_impact(action, today=date(2026, 9, 1)).verdict == "grew"


def test_too_early_and_no_data_and_not_done(setup):
    service, theme, action = setup
    assert action_impact(action, today=DONE + timedelta(days=3)).verdict == "too_early"
    impact = action_impact(action, today=date(2026, 9, 1))
    assert impact.verdict == "no_data"
    _comments(service, theme, datetime(2026, 2, 1), 5, 20)
    _comments(service, theme, datetime(2026, 5, 1), 5, 20)
    db.session.commit()
    partial = action_impact(action, today=date(2026, 5, 20))
    assert "not over yet" in partial.basis
    action.done_on = None
    assert action_impact(action) is None


def test_impact_is_shown_on_the_action_page_and_list(client, auth, make_user, setup):
    service, theme, action = setup
    _comments(service, theme, datetime(2026, 2, 1), 40, 200)
    _comments(service, theme, datetime(2026, 5, 1), 10, 200)
    db.session.commit()
    auth.login(make_user(Role.LEAD, services=[service]))
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert "This theme eased" in page and "Based on 200 comments before and 200 after" in page
    listing = client.get(f"/actions/?service={service.id}").get_data(as_text=True)
    assert "This theme eased" in listing
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 400


def test_complaints_can_ease_while_the_theme_is_still_talked_about(setup):
    """After the change people mention the theme as often, but kindly: the complaint eased."""
    service, theme, action = setup
    _comments(service, theme, datetime(2026, 2, 1), 40, 200)  # 40 negative in the theme
    _comments(service, theme, datetime(2026, 5, 1), 0, 160)
    for i in range(40):  # 40 comments in the theme after the change, all positive
        comment = Comment(service_id=service.id, source="survey", text=f"p{i}",
                          redacted_text=f"p{i}", received_at=datetime(2026, 5, 2),
                          sentiment=0.6)
        db.session.add(comment)
        db.session.flush()
        db.session.add(CommentTheme(comment_id=comment.id, theme_id=theme.id))
    db.session.commit()

    impact = action_impact(action, today=date(2026, 9, 1))

    assert impact.verdict == "no_change"  # 20% of comments raise it before and after
    assert impact.negative_verdict == "eased"
    assert impact.negative_test.x_before == 40 and impact.negative_test.x_after == 0
    assert impact.negative_summary.startswith("Complaints about it eased")
    assert "20.0% of all comments before and 0.0% after" in impact.negative_summary


def test_the_overview_says_whether_each_done_change_helped(client, auth, make_user, setup):
    service, theme, action = setup
    _comments(service, theme, datetime(2026, 2, 1), 40, 200)
    _comments(service, theme, datetime(2026, 5, 1), 10, 200)
    db.session.commit()
    auth.login(make_user(Role.LEAD, services=[service]))
    page = client.get(f"/themes/overview?service={service.id}").get_data(as_text=True)
    assert "Did our changes help?" in page
    assert f'href="/actions/{action.id}">Check-in calls</a>' in page
    assert "This theme eased" in page and "Complaints about it eased" in page
