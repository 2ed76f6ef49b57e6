"""The demo: `flask load-demo` and `flask demo-logins` on a fresh database.

Loading takes a few seconds, so one load is shared by the tests of this module (they only read).
"""

from __future__ import annotations

import os
import random
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from flask import Flask

from config import TestConfig
from feedback_app import create_app
from feedback_app.demo import content, fragments
from feedback_app.demo.loader import compose_comments, demo_story, read_comments
from feedback_app.extensions import db
from feedback_app.models import (
    Action,
    Comment,
    CommentSource,
    CommentTheme,
    ConsentRecord,
    Contribution,
    Involvement,
    Meeting,
    MeetingKind,
    Panel,
    PanelMember,
    Response,
    RiskLevel,
    Service,
    Survey,
    SurveyStatus,
    Theme,
    User,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[tuple[Flask, str]]:
    external = os.environ.get("TEST_DATABASE_URL")
    uri = external or f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = uri

    app = create_app(Config)
    with app.app_context():
        if external:
            db.drop_all()
        db.create_all()
        result = app.test_cli_runner().invoke(args=["load-demo"])
        assert result.exit_code == 0, result.output
        db.session.remove()
    yield app, result.output
    if external:
        with app.app_context():
            db.drop_all()


@pytest.fixture
def demo_context(demo) -> Iterator[None]:
    # A fresh app context per test: requests reuse the pushed one, and with it `g`, where
    # Flask-Login keeps the signed-in user, so one shared context would leak sign-ins.
    app, _output = demo
    with app.app_context():
        yield
        db.session.remove()


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0


def test_load_demo_reports_what_it_loaded(demo, demo_context):
    _app, output = demo
    assert "Demo loaded in" in output
    assert "Story: wellbeing check-in calls while you wait from" in output


def test_at_least_600_comments_from_all_three_sources_over_18_months(demo, demo_context):
    sources = Counter(db.session.scalars(sa.select(Comment.source)))
    assert sum(sources.values()) >= 600
    assert sources[CommentSource.SURVEY] > sources[CommentSource.PANEL] > 0
    assert sources[CommentSource.FOCUS_GROUP] > 0
    moments = list(db.session.scalars(sa.select(Comment.received_at)))
    assert len({(m.year, m.month) for m in moments}) >= 17
    assert max(moments) <= datetime.now()
    texts = list(db.session.scalars(sa.select(Comment.text)))
    assert len(set(texts)) > 0.95 * len(texts)


def test_services_users_surveys_and_panel_are_there(demo, demo_context):
    services = {s.slug: s for s in db.session.scalars(sa.select(Service))}
    assert set(services) == {s.slug for s in content.SERVICES}
    users = {u.email: u for u in db.session.scalars(sa.select(User))}
    assert set(users) == {u.email for u in content.USERS}
    northfield_lead = users[f"northfield.lead@{content.DEMO_EMAIL_DOMAIN}"]
    assert [s.slug for s in northfield_lead.services] == [content.NORTHFIELD.slug]
    statuses = Counter(db.session.scalars(sa.select(Survey.status)))
    assert statuses == {SurveyStatus.PUBLISHED: 2, SurveyStatus.CLOSED: 1, SurveyStatus.DRAFT: 1}
    for service in services.values():
        assert count(Comment, Comment.service_id == service.id) > 0
    assert count(Panel) == 1
    assert count(PanelMember) == 10
    assert count(Meeting, Meeting.kind == MeetingKind.PANEL_MEETING) == 8
    assert count(Meeting, Meeting.kind == MeetingKind.FOCUS_GROUP) == 4
    assert count(Meeting, Meeting.panel_id.is_(None)) == 2  # the service's own focus groups
    assert count(ConsentRecord, ConsentRecord.withdrawn_on.is_not(None)) >= 1
    assert count(Involvement) > 40
    assert count(Contribution, Contribution.member_id.is_(None)) > 0
    assert count(Contribution, Contribution.member_id.is_not(None)) > 0


def test_survey_responses_have_fft_consent_and_receipts(demo, demo_context):
    responses = list(db.session.scalars(sa.select(Response)))
    assert len({r.receipt_code for r in responses}) == len(responses)
    fft = Counter(r.fft_answer for r in responses)
    assert set(fft) <= {"Very good", "Good", "Neither good nor poor", "Poor", "Very poor",
                        "Don't know"}
    assert fft["Very good"] + fft["Good"] > len(responses) / 2
    quote = sum(r.quote_publicly for r in responses) / len(responses)
    research = sum(r.use_in_research for r in responses) / len(responses)
    assert 0.3 < quote < 0.5
    assert 0.15 < research < 0.35
    assert any(r.age_band == "Prefer not to say" for r in responses)
    assert any(r.ethnicity is None for r in responses)


def test_free_text_was_screened_and_redacted(demo, demo_context):
    redacted = list(db.session.scalars(
        sa.select(Comment).where(Comment.redacted_text.contains("[NHS NUMBER]"))
    ))
    assert redacted
    assert all(c.text != c.redacted_text for c in redacted)
    flagged = count(Comment, Comment.risk_level != RiskLevel.NONE)
    # The demo's own risk comments, plus the learnt reader's flags: it adds flags to about 3.6%
    # of real comments (analysis.risk_learnt), so the queue holds a few false ones too.
    assert 5 <= flagged <= 0.06 * count(Comment)
    assert count(Comment, Comment.risk_level == RiskLevel.URGENT) > 0
    # Older flags have been reviewed by a lead; the newest wait in the risk queue.
    reviewed = Comment.risk_reviewed_at.is_not(None)
    assert count(Comment, Comment.risk_level != RiskLevel.NONE, reviewed) > 0
    assert count(Comment, Comment.risk_level != RiskLevel.NONE, ~reviewed) > 0


def _share(pattern: str, before: date, after: date, unless: str = "^$") -> tuple[float, float]:
    riverside = db.session.scalar(
        sa.select(Service.id).where(Service.slug == content.RIVERSIDE.slug)
    )
    rows = db.session.execute(
        sa.select(Comment.text, Comment.received_at).where(
            Comment.service_id == riverside, Comment.source == CommentSource.SURVEY
        )
    ).all()
    matches, other = re.compile(pattern, re.IGNORECASE), re.compile(unless, re.IGNORECASE)

    def hit(text: str) -> bool:
        return bool(matches.search(text)) and not other.search(text)

    early = [hit(t) for t, when in rows if when.date() < before]
    late = [hit(t) for t, when in rows if when.date() >= after]
    return sum(early) / len(early), sum(late) / len(late)


def test_the_data_tells_the_story_in_the_docstring(demo, demo_context):
    story = demo_story()
    started = story.checkin_calls_started
    # Comments praising the check-in calls mention waiting too: they are not distress.
    early, late = _share(r"wait", started, started, unless=r"check.?in|call")
    assert late < 0.6 * early
    changed = story.questionnaires_every_other_session_started
    early, late = _share(r"questionnaire|forms|scores?\b|PHQ", changed, changed)
    assert late < early


def test_loading_twice_changes_nothing(demo, demo_context):
    app, _output = demo
    before = count(Comment), count(Response), count(User)
    result = app.test_cli_runner().invoke(args=["load-demo"])
    assert result.exit_code == 0
    assert "Demo already loaded" in result.output
    assert (count(Comment), count(Response), count(User)) == before


def test_demo_logins_prints_accounts_password_and_links(demo, demo_context):
    app, _output = demo
    result = app.test_cli_runner().invoke(args=["demo-logins"])
    assert result.exit_code == 0
    for user in content.USERS:
        assert user.email in result.output
    assert content.DEMO_PASSWORD in result.output
    assert "DEMO ONLY" in result.output
    assert "riverside-experience" in result.output
    assert "northfield-experience" in result.output


@pytest.mark.parametrize("user", content.USERS, ids=lambda u: u.email.split("@")[0])
def test_each_demo_login_works(demo, demo_context, user):
    app, _output = demo
    client = app.test_client()
    response = client.post(
        "/auth/login", data={"email": user.email, "password": content.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert user.name in client.get("/dashboard").get_data(as_text=True)


def test_northfield_lead_cannot_open_a_riverside_survey(demo, demo_context):
    app, _output = demo
    client = app.test_client()
    client.post("/auth/login", data={"email": content.USERS[3].email,
                                     "password": content.DEMO_PASSWORD})
    riverside = db.session.scalar(
        sa.select(Survey.id).where(Survey.slug == "riverside-experience")
    )
    assert client.get(f"/surveys/{riverside}").status_code == 404


def test_the_demo_finds_themes_and_closes_the_loop(demo, demo_context):
    app, output = demo
    assert 'Added 5 "You said, we did" actions' in output
    riverside = db.session.scalar(sa.select(Service).where(Service.slug == content.RIVERSIDE.slug))
    keys = set(db.session.scalars(sa.select(Theme.key).where(Theme.service_id == riverside.id)))
    assert {"waiting_distress", "measurement_pressure", "session_limits"} <= keys
    northfield_themes = count(Theme, Theme.service_id != riverside.id)
    assert northfield_themes > 0

    board = app.test_client().get(f"/you-said-we-did/{riverside.slug}").get_data(as_text=True)
    assert "Wellbeing check-in calls while you wait" in board
    assert "national Talking Therapies model" in board  # "we can't, and why"
    assert "Interpreters booked at referral" not in board  # not published


def test_a_demo_receipt_shows_what_happened(demo, demo_context):
    app, _output = demo
    waiting = db.session.scalar(sa.select(Theme).where(Theme.key == "waiting_distress"))
    response = db.session.scalar(
        sa.select(Response).join(Comment, Comment.response_id == Response.id)
        .join(CommentTheme, CommentTheme.comment_id == Comment.id)
        .where(CommentTheme.theme_id == waiting.id).limit(1)
    )
    client = app.test_client()
    client.post("/receipt", data={"code": response.receipt_code.lower()})
    page = client.get("/receipt/yours").get_data(as_text=True)
    assert waiting.name in page
    assert "Wellbeing check-in calls while you wait" in page


def test_the_check_in_action_measures_the_waiting_theme(demo, demo_context):
    app, _output = demo
    action = db.session.scalar(sa.select(Action).where(Action.title.startswith("Wellbeing")))
    assert action.done_on == demo_story().checkin_calls_started
    client = app.test_client()
    client.post("/auth/login", data={"email": content.USERS[1].email,
                                     "password": content.DEMO_PASSWORD})
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert "Did it help?" in page
    assert re.search(r"Based on \d+ comments before and \d+ after", page)


def test_half_finished_load_is_refused_not_repeated(app, runner, make_service):
    make_service(name="Riverside", slug=content.RIVERSIDE.slug)
    result = runner.invoke(args=["load-demo"])
    assert result.exit_code != 0
    assert "stopped part way" in result.output


def test_demo_logins_before_loading_says_what_to_do(app, runner):
    result = runner.invoke(args=["demo-logins"])
    assert result.exit_code != 0
    assert "flask load-demo" in result.output


# --- The written material (no database) ----------------------------------------------------


def test_hand_written_comments_are_many_and_distinct():
    written = read_comments()
    assert len(written) >= 250
    assert len({c.text for c in written}) == len(written)
    sections = Counter(c.section for c in written)
    for theme in fragments.CORES:
        assert sections[theme] >= 20
    assert sections["risk"] >= 6
    assert sections["contentless"] >= 10
    lengths = [len(c.text.split()) for c in written]
    assert min(lengths) <= 3
    assert sum(n >= 60 for n in lengths) >= 8
    assert max(lengths) <= 120


def test_composed_comments_are_deterministic_and_do_not_repeat_sentences():
    first = compose_comments(random.Random(1), 200)
    again = compose_comments(random.Random(1), 200)
    assert first == again
    assert len(first) >= 180
    sentences = Counter(
        s for c in first for s in re.split(r"(?<=[.!?])\s+", c.text) if len(s) > 30
    )
    assert max(sentences.values()) <= 3
    written = {c.text for c in read_comments()}
    assert not written & {c.text for c in first}


@pytest.mark.parametrize(
    ("today", "start", "calls", "questionnaires"),
    [
        (date(2026, 11, 26), date(2025, 6, 1), date(2026, 5, 1), date(2026, 7, 1)),
        (date(2027, 1, 1), date(2025, 8, 1), date(2026, 7, 1), date(2026, 9, 1)),
    ],
)
def test_story_dates_are_relative_to_today(today, start, calls, questionnaires):
    story = demo_story(today)
    assert story.window_start == start
    assert story.checkin_calls_started == calls
    assert story.questionnaires_every_other_session_started == questionnaires
