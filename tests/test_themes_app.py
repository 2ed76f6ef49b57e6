"""Analysis runs from the app and the CLI, the theme pages, curation and small-count suppression."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from feedback_app.comments.services import record_comment
from feedback_app.extensions import db
from feedback_app.models import (
    Action,
    AnalysisRun,
    Comment,
    CommentSource,
    CommentTheme,
    Role,
    RunStatus,
    Theme,
    ThemeCuration,
)
from feedback_app.themes import services
from feedback_app.themes.services import suppress_small_counts

WAITING = [
    "I waited five months for my first appointment and felt worse every week.",
    "The wait for therapy was far too long, I nearly gave up.",
    "Nobody contacted me while I was on the waiting list for four months.",
    "Waiting so long for treatment made my anxiety much worse.",
    "It took ages to get seen after the assessment, the waiting list is huge.",
    "Long waiting times, I was left on my own for months.",
    "I was on the waiting list for half a year with no check in calls.",
    "The waiting time between assessment and treatment was awful.",
    "Months of waiting with no update, I felt forgotten.",
    "Too long a wait to start therapy.",
    "The wait to be seen was really difficult when I was struggling.",
    "I had to wait nearly six months which is far too long.",
]
STAFF = [
    "My therapist was kind, patient and really listened to me.",
    "The therapist was brilliant and understanding, thank you.",
    "Lovely staff who made me feel at ease.",
    "My practitioner was warm and never judged me.",
    "The therapist really understood me and helped so much.",
    "Staff were friendly and supportive throughout.",
    "My therapist was amazing, caring and professional.",
    "Really kind therapist who listened without judging.",
    "The practitioner was supportive and easy to talk to.",
    "I felt listened to by my therapist every session.",
    "Wonderful staff, so kind and helpful.",
    "The therapist was very patient with me.",
]
APPOINTMENTS = [
    "I could not get an evening appointment because I work full time.",
    "Appointments only in working hours, no evening slots.",
    "Hard to find appointment times that fit around my job.",
    "Please offer evening or weekend appointments.",
    "I had to take time off work for every appointment.",
    "No appointments after 5pm which is difficult with work.",
    "The appointment times did not fit with my childcare.",
    "I needed later appointments but none were available.",
    "Rebooking a cancelled appointment took weeks.",
    "Getting an appointment time that suits was hard.",
    "Weekend appointments would really help people who work.",
    "Evening sessions please, I work nine to five.",
]
QUESTIONNAIRES = [
    "Filling in the questionnaires every session felt like a box ticking exercise.",
    "Too many forms to fill in every week.",
    "The questionnaires at each session were repetitive.",
    "I hated scoring my mood on the forms every time.",
    "The weekly questionnaires took up time in my sessions.",
    "Answering the same questions every session felt pointless.",
    "Forms every week made me feel like a number.",
    "The questionnaire scores seemed more important than me.",
    "Less paperwork and questionnaires please.",
    "Having to do the forms before every session was stressful.",
    "The mood questionnaires felt like a test.",
    "Too much time spent on forms and scores.",
]
SESSIONS = [
    "Six sessions was not enough for me.",
    "I needed more sessions, it ended too soon.",
    "The number of sessions was too limited.",
    "Therapy finished just as I was starting to improve.",
    "Would have liked more than eight sessions.",
    "It felt rushed because of the limited sessions.",
    "More sessions would have helped me a lot.",
    "Treatment ended too early for me.",
    "Not enough sessions to deal with everything.",
    "The course of therapy was too short.",
    "I wish I could have had a few more sessions.",
    "Sessions ran out before I felt ready.",
]
ALL_TEXTS = WAITING + STAFF + APPOINTMENTS + QUESTIONNAIRES + SESSIONS


def add_comments(service, texts, *, start=None, source=CommentSource.PANEL, **links):
    start = start or datetime(2026, 1, 5, 10, 0)
    comments = [
        record_comment(service_id=service.id, source=source, text=text,
                       received_at=start + timedelta(days=i % 150), **links)
        for i, text in enumerate(texts)
    ]
    db.session.commit()
    return comments


@pytest.fixture
def app(app, tmp_path):
    app.config["MODEL_DIR"] = str(tmp_path / "models")
    return app


@pytest.fixture
def service(make_service):
    return make_service(name="Northshire Talking Therapies", slug="northshire")


@pytest.fixture
def lead(make_user, service):
    return make_user(Role.LEAD, services=[service])


def run_via_app(client, service):
    response = client.post(f"/themes/runs?service={service.id}")
    assert response.status_code == 302
    services.wait_for_background_runs()
    db.session.expire_all()
    return db.session.scalars(sa.select(AnalysisRun).order_by(AnalysisRun.id.desc())).first()


def theme_of(service, text_fragment):
    """The primary theme of the comment containing `text_fragment`."""
    return db.session.scalar(
        sa.select(Theme)
        .join(CommentTheme, CommentTheme.theme_id == Theme.id)
        .join(Comment, Comment.id == CommentTheme.comment_id)
        .where(Comment.service_id == service.id, Comment.text.contains(text_fragment),
               CommentTheme.is_primary.is_(True))
    )


def themes_of(service, text_fragment):
    return set(db.session.scalars(
        sa.select(CommentTheme.theme_id)
        .join(Comment, Comment.id == CommentTheme.comment_id)
        .where(Comment.service_id == service.id, Comment.text.contains(text_fragment))
    ))


def themes_of_id(comment_id):
    return set(db.session.scalars(
        sa.select(CommentTheme.theme_id).where(CommentTheme.comment_id == comment_id)))


def test_run_from_the_app_finds_themes_in_the_background(client, auth, service, lead, count_rows):
    add_comments(service, ALL_TEXTS)
    auth.login(lead)
    run = run_via_app(client, service)
    assert run.status == RunStatus.DONE, run.error
    assert run.started_by_id == lead.id
    assert run.n_comments == len(ALL_TEXTS)
    assert run.model_version.startswith("yousaid")
    assert run.parameters["taxonomy"] == "iapt"
    assert run.started_at and run.finished_at and run.model_path
    assert count_rows(Theme) >= 3
    assert count_rows(CommentTheme) >= len(ALL_TEXTS) // 2
    waiting = theme_of(service, "five months for my first appointment")
    assert waiting is not None and waiting.key == "waiting_distress"

    page = client.get(f"/themes/runs/{run.id}").get_data(as_text=True)
    assert "Analysis finished" in page and lead.name in page
    listing = client.get(f"/themes/?service={service.id}").get_data(as_text=True)
    assert waiting.name in listing
    assert "<svg" in listing and "New" in listing


def test_run_page_refreshes_while_running(client, auth, service, lead):
    auth.login(lead)
    run, _ = services.queue_run(service.id, lead.id)
    html = client.get(f"/themes/runs/{run.id}").get_data(as_text=True)
    assert 'http-equiv="refresh"' in html
    assert "Finding themes" in html


def test_too_few_comments_fails_with_a_plain_message(client, auth, service, lead):
    add_comments(service, WAITING[:3])
    auth.login(lead)
    run = run_via_app(client, service)
    assert run.status == RunStatus.FAILED
    assert "At least 10" in run.message
    html = client.get(f"/themes/runs/{run.id}").get_data(as_text=True)
    assert "did not finish" in html and "At least 10" in html


def test_engine_crash_is_recorded_not_raised(app, service, lead, monkeypatch):
    add_comments(service, ALL_TEXTS[:20])

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("analysis.themes.ThemeModel.fit", explode)
    run, _ = services.queue_run(service.id, lead.id)
    services.execute_run(run.id)
    assert run.status == RunStatus.FAILED
    assert "could not finish" in run.message
    assert "boom" in run.error


def test_cli_analyse_and_assign_new(runner, service, count_rows):
    add_comments(service, ALL_TEXTS)
    result = runner.invoke(args=["analyse", "--service", "northshire"])
    assert result.exit_code == 0, result.output
    assert "100.0%" in result.output and "Found" in result.output
    run = db.session.scalar(sa.select(AnalysisRun))
    assert run.status == RunStatus.DONE and run.started_by_id is None

    new = add_comments(service, ["The waiting list was months long and nobody called me."])
    result = runner.invoke(args=["assign-new", "--service", "northshire"])
    assert result.exit_code == 0, result.output
    assert "Filed 1 new comments" in result.output
    rows = db.session.scalars(
        sa.select(CommentTheme).where(CommentTheme.comment_id == new[0].id)
    ).all()
    assert rows and rows[0].theme.key == "waiting_distress"
    # No refit: still one saved model, from the first run.
    assert count_rows(AnalysisRun) == 2
    assert runner.invoke(args=["analyse", "--service", "nope"]).exit_code != 0


def test_update_with_new_feedback_button(client, auth, service, lead, runner):
    add_comments(service, ALL_TEXTS)
    runner.invoke(args=["analyse", "--service", "northshire"])
    new = add_comments(service, ["My therapist was so kind and really listened."])
    auth.login(lead)
    assert client.post(f"/themes/assign-new?service={service.id}").status_code == 302
    services.wait_for_background_runs()
    db.session.expire_all()
    assert db.session.scalar(
        sa.select(sa.func.count()).where(CommentTheme.comment_id == new[0].id)
    ) >= 1


def test_curation_survives_a_refit_with_action_links_intact(client, auth, service, lead, runner):
    add_comments(service, ALL_TEXTS)
    auth.login(lead)
    run_via_app(client, service)
    staff = theme_of(service, "kind, patient and really listened")
    waiting = theme_of(service, "five months for my first appointment")
    assert staff and waiting and staff.id != waiting.id

    # Rename and describe.
    response = client.post(f"/themes/{staff.id}/edit",
                           data={"name": "Kind, listening therapists",
                                 "description": "People valued being heard."})
    assert response.status_code == 302
    # A lead plans an action on the waiting theme.
    response = client.post(f"/actions/new?service={service.id}",
                           data={"title": "Check-in calls while you wait",
                                 "status": "planned", "participation_level": "consult",
                                 "themes": [waiting.id]})
    assert response.status_code == 302
    action = db.session.scalar(sa.select(Action))
    # Move one comment by hand.
    moved = db.session.scalar(sa.select(Comment).where(Comment.text.contains("Too long a wait")))
    sessions = theme_of(service, "Six sessions was not enough")
    response = client.post(f"/themes/{theme_of(service, 'Too long a wait').id}/comments/"
                           f"{moved.id}/move", data={"theme": sessions.id})
    assert response.status_code == 302

    kinds = set(db.session.scalars(sa.select(ThemeCuration.kind)))
    assert {"rename", "describe", "move"} <= kinds
    curation = db.session.scalar(sa.select(ThemeCuration).where(ThemeCuration.kind == "rename"))
    assert curation.user_id == lead.id
    assert curation.before["name"] != curation.after["name"] == "Kind, listening therapists"

    size_before = db.session.get(Theme, waiting.id).size
    add_comments(service, [t.replace("I ", "We ").replace("my ", "our ") for t in WAITING[:6]],
                 start=datetime(2026, 6, 1))
    second = run_via_app(client, service)
    assert second.status == RunStatus.DONE, second.error
    assert second.parameters["corrections"] == 3
    db.session.expire_all()
    staff_after = db.session.get(Theme, staff.id)
    assert staff_after.name == "Kind, listening therapists"
    assert staff_after.description == "People valued being heard."
    assert theme_of(service, "kind, patient and really listened").id == staff.id
    # The action is still linked to the same theme row, which grew with the new comments.
    action = db.session.get(Action, action.id)
    assert [t.id for t in action.themes] == [waiting.id]
    waiting_after = db.session.get(Theme, waiting.id)
    assert waiting_after.key == "waiting_distress" and waiting_after.is_active
    assert waiting_after.previous_size == size_before and waiting_after.size > 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Theme).where(
        Theme.key == "waiting_distress")) == 1
    # The hand-moved comment stays where the person put it.
    assert theme_of(service, "Too long a wait").id == sessions.id
    # Curations were applied once.
    assert all(c.applied_run_id is not None for c in db.session.scalars(sa.select(ThemeCuration)))


def test_merge_split_and_not_a_theme(client, auth, service, lead):
    add_comments(service, ALL_TEXTS)
    auth.login(lead)
    run_via_app(client, service)
    appointments = theme_of(service, "evening appointment because I work")
    sessions = theme_of(service, "Six sessions was not enough")
    questionnaires = theme_of(service, "Too many forms to fill in")
    assert len({appointments.id, sessions.id, questionnaires.id}) == 3
    client.post(f"/actions/new?service={service.id}",
                data={"title": "Longer courses", "status": "proposed",
                      "participation_level": "inform", "themes": [sessions.id]})

    # Merge sessions into appointments: comments and action links follow.
    assert client.post(f"/themes/{appointments.id}/merge",
                       data={"themes": [sessions.id]}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Theme, sessions.id).merged_into_id == appointments.id
    assert theme_of(service, "Six sessions was not enough").id == appointments.id
    action = db.session.scalar(sa.select(Action))
    assert [t.id for t in action.themes] == [appointments.id]
    assert client.get(f"/themes/{sessions.id}").status_code == 404

    # Split the session comments back out, chosen by checkbox.
    in_theme = {c.id for c in db.session.scalars(services.theme_comments_query(appointments))}
    chosen = [c.id for c in db.session.scalars(
        sa.select(Comment).where(Comment.text.in_(SESSIONS))) if c.id in in_theme][:4]
    assert len(chosen) == 4
    page = client.get(f"/themes/{appointments.id}/split").get_data(as_text=True)
    assert 'type="checkbox"' in page
    response = client.post(f"/themes/{appointments.id}/split",
                           data={"name": "Number of sessions", "comments": chosen})
    assert response.status_code == 302
    new = db.session.scalar(sa.select(Theme).where(Theme.name == "Number of sessions"))
    assert new is not None and new.key.startswith("curated-")
    assert all(new.id in themes_of_id(i) for i in chosen)

    # Not a theme: hidden, comments lose it.
    assert client.post(f"/themes/{questionnaires.id}/not-a-theme").status_code == 302
    db.session.expire_all()
    assert db.session.get(Theme, questionnaires.id).is_hidden
    assert db.session.scalar(sa.select(sa.func.count()).where(
        CommentTheme.theme_id == questionnaires.id)) == 0
    listing = client.get(f"/themes/?service={service.id}").get_data(as_text=True)
    assert f'href="/themes/{questionnaires.id}"' not in listing

    # A refit honours all of it: hidden stays hidden, the split theme persists.
    run = run_via_app(client, service)
    assert run.status == RunStatus.DONE, run.error
    db.session.expire_all()
    assert db.session.get(Theme, questionnaires.id).is_hidden
    assert db.session.scalar(sa.select(sa.func.count()).where(
        CommentTheme.theme_id == questionnaires.id)) == 0
    assert db.session.get(Theme, new.id).name == "Number of sessions"


def test_split_needs_a_name_and_comments(client, auth, service, lead):
    add_comments(service, ALL_TEXTS)
    auth.login(lead)
    run_via_app(client, service)
    theme = theme_of(service, "Six sessions was not enough")
    html = client.post(f"/themes/{theme.id}/split", data={"name": ""}).get_data(as_text=True)
    assert "There is a problem" in html
    assert "Enter a name for the new theme" in html
    assert "Choose the comments" in html


def test_theme_page_shows_comments_chart_and_suppressed_breakdowns(client, auth, service, lead):
    add_comments(service, ALL_TEXTS)
    auth.login(lead)
    run_via_app(client, service)
    theme = theme_of(service, "five months for my first appointment")
    html = client.get(f"/themes/{theme.id}").get_data(as_text=True)
    assert theme.name in html
    assert "Typical comments" in html and "<svg" in html
    assert "Where it came from" in html and "Age" in html
    assert "five months for my first appointment" in html


def test_theme_page_paginates(client, auth, service, lead, app):
    app.config["PAGE_SIZE"] = 5
    add_comments(service, ALL_TEXTS)
    auth.login(lead)
    run_via_app(client, service)
    theme = theme_of(service, "five months for my first appointment")
    html = client.get(f"/themes/{theme.id}").get_data(as_text=True)
    assert "Showing 1 to 5 of" in html and "page=2" in html
    assert client.get(f"/themes/{theme.id}?page=2").status_code == 200


class TestSuppression:
    def test_small_counts_are_hidden(self):
        b = suppress_small_counts("Age", {"18-24": 12, "25-34": 3, "35-44": 2, "45-54": 9})
        shown = {c.label: c.count for c in b.cells}
        assert shown == {"18-24": 12, "45-54": 9, "25-34": None, "35-44": None}
        assert b.total == 26

    def test_a_lone_hidden_cell_takes_the_next_smallest_with_it(self):
        b = suppress_small_counts("Age", {"18-24": 12, "25-34": 3, "35-44": 7, "45-54": 9})
        shown = {c.label: c.count for c in b.cells}
        assert shown["25-34"] is None
        assert shown["35-44"] is None  # the next smallest
        assert shown["18-24"] == 12 and shown["45-54"] == 9
        # Subtraction cannot recover either hidden cell.
        visible = sum(c.count for c in b.cells if c.count is not None)
        assert b.total - visible == 10  # 3 + 7: neither number alone

    def test_nothing_hidden_when_every_count_is_big_enough(self):
        b = suppress_small_counts("Gender", {"Woman": 8, "Man": 5})
        assert [c.count for c in b.cells] == [8, 5] and b.total == 13

    def test_a_single_small_cell_withholds_the_breakdown(self):
        b = suppress_small_counts("Gender", {"Woman": 3})
        assert b.hidden and b.cells == [] and b.total is None

    @pytest.mark.parametrize("counts", [
        {"a": 1, "b": 20, "c": 30}, {"a": 4, "b": 5, "c": 6, "d": 100}, {"a": 2, "b": 2},
        {"a": 4, "b": 50},
    ])
    def test_never_exactly_one_hidden(self, counts):
        b = suppress_small_counts("x", counts)
        hidden = [c for c in b.cells if c.count is None]
        assert b.hidden or len(hidden) != 1
        assert all(c.count is None or c.count >= 5 for c in b.cells)


def test_theme_page_suppresses_small_demographic_groups(client, auth, service, lead, app):
    from feedback_app.models import Question, Response, Survey

    survey = Survey(service_id=service.id, title="Experience", slug="exp")
    question = Question(survey=survey, kind="text", text="Tell us more")
    db.session.add_all([survey, question])
    db.session.flush()
    bands = ["18-24"] * 8 + ["25-34"] * 3 + ["65+"] * 1
    for i, (text, band) in enumerate(zip(WAITING, bands, strict=True)):
        r = Response(survey_id=survey.id, receipt_code=f"AAAA-{i:04d}", submission_key=f"k{i}",
                     age_band=band, gender="Woman")
        db.session.add(r)
        db.session.flush()
        record_comment(service_id=service.id, source=CommentSource.SURVEY, text=text,
                       survey_id=survey.id, response_id=r.id, question_id=question.id)
    add_comments(service, STAFF + APPOINTMENTS)
    auth.login(lead)
    run_via_app(client, service)
    theme = theme_of(service, "five months for my first appointment")
    _by_source, demographic = services.theme_breakdowns(theme)
    age = next(b for b in demographic if b.title == "Age")
    hidden = [c.label for c in age.cells if c.count is None]
    assert "25-34" in hidden and "65+" in hidden
    assert len(hidden) >= 2
    html = client.get(f"/themes/{theme.id}").get_data(as_text=True)
    assert "Fewer than 5 or hidden" in html


def test_facilitator_may_curate_and_other_services_are_404(client, auth, service, make_service,
                                                           make_user, runner):
    add_comments(service, ALL_TEXTS)
    runner.invoke(args=["analyse", "--service", "northshire"])
    theme = theme_of(service, "five months for my first appointment")
    run = db.session.scalar(sa.select(AnalysisRun))
    other = make_service(name="Elsewhere")
    outsider = make_user(Role.LEAD, services=[other])
    auth.login(outsider)
    for url in (f"/themes/{theme.id}", f"/themes/{theme.id}/edit", f"/themes/{theme.id}/split",
                f"/themes/runs/{run.id}", f"/themes/?service={service.id}"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/themes/{theme.id}/not-a-theme").status_code == 404
    assert client.post(f"/themes/runs?service={service.id}").status_code == 404
    auth.logout()

    facilitator = make_user(Role.FACILITATOR, services=[service])
    auth.login(facilitator)
    assert client.post(f"/themes/{theme.id}/edit",
                       data={"name": "Waiting", "description": ""}).status_code == 302
    # Facilitators curate but do not create actions.
    assert client.get(f"/actions/new?service={service.id}").status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client, service):
    assert client.get(f"/themes/?service={service.id}").status_code == 302


def test_text_people_wrote_is_escaped_on_curation_pages(client, auth, service, lead):
    """Comment text comes from the public: it must never run as HTML in a staff browser."""
    theme = Theme(service_id=service.id, key="x", name="<b>Bold</b> theme",
                  description="</textarea><script>alert(2)</script>")
    other = Theme(service_id=service.id, key="y", name="<i>Other</i>")
    db.session.add_all([theme, other])
    db.session.flush()
    comments = add_comments(service, ["<script>alert(1)</script> waited ages", "Fine really"])
    for c in comments:
        db.session.add(CommentTheme(comment_id=c.id, theme_id=theme.id))
    db.session.commit()
    auth.login(lead)
    pages = [client.get(url).get_data(as_text=True) for url in (
        f"/themes/{theme.id}", f"/themes/{theme.id}/split", f"/themes/{theme.id}/edit",
        f"/themes/{other.id}/merge", f"/themes/{other.id}/comments/{comments[0].id}/move",
        f"/actions/new?service={service.id}&comment={comments[0].id}",
    )]
    for html in pages:
        assert "<script>alert" not in html
        assert "<b>Bold</b>" not in html and "<i>Other</i>" not in html
    assert "&lt;script&gt;alert(1)" in pages[1]
    assert "&lt;/textarea&gt;" in pages[2]


def test_only_one_run_at_a_time_and_stale_runs_are_failed(client, auth, service, lead):
    auth.login(lead)
    run, created = services.queue_run(service.id, lead.id)
    assert created
    response = client.post(f"/themes/runs?service={service.id}")
    assert response.headers["Location"].endswith(f"/themes/runs/{run.id}")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AnalysisRun)) == 1
    run.created_at = datetime(2020, 1, 1)
    db.session.commit()
    assert services.active_run(service.id) is None
    assert run.status == RunStatus.FAILED and "stopped unexpectedly" in run.message


def test_redaction_placeholders_never_make_a_theme(runner, service):
    """Comments that quote an NHS number or a phone number are about something else: the
    placeholders left by redaction must not group them (the demo once grew an "Nhs number")."""
    with_ids = [
        f"{text} 943 476 5919, 07700 900{100 + i}, jo.bloggs{i}@example.com"
        for i, text in enumerate(WAITING[:6] + STAFF[:6] + SESSIONS[:6])
    ]
    comments = add_comments(service, ALL_TEXTS + with_ids)
    assert all("[NHS NUMBER]" in c.redacted_text for c in comments[-len(with_ids):])
    assert services.analysable("Ring [PHONE] re [NAME], [NHS NUMBER].") == "Ring re , ."

    result = runner.invoke(args=["analyse", "--service", "northshire"])
    assert result.exit_code == 0, result.output
    for theme in db.session.scalars(sa.select(Theme)):
        terms = " ".join(theme.top_terms).lower()
        assert not {"nhs", "number", "phone", "email"} & set(terms.split()), (theme.name, terms)
    assert theme_of(service, "I waited five months").key == "waiting_distress"


def test_new_feedback_is_filed_under_the_themes_as_it_arrives(app, client, runner, service):
    from feedback_app.models import QuestionKind
    from feedback_app.surveys import services as surveys

    add_comments(service, ALL_TEXTS)
    assert runner.invoke(args=["analyse", "--service", "northshire"]).exit_code == 0
    survey = surveys.create_survey(service, "Your views")
    surveys.publish_survey(survey)
    text_q = next(q for q in survey.questions if q.kind == QuestionKind.TEXT)
    fft_q = next(q for q in survey.questions if q.kind == QuestionKind.FFT)
    app.config["ASSIGN_ON_ARRIVAL"] = True

    response = client.post(f"/s/{survey.slug}", data={
        f"q{fft_q.id}": "Poor", "submission_key": "arrival-key-0123456789",
        f"q{text_q.id}": "The waiting list was months long and nobody called me.",
    })
    assert response.status_code == 303
    services.wait_for_background_runs()
    db.session.expire_all()
    comment = db.session.scalar(sa.select(Comment).where(Comment.question_id == text_q.id))
    keys = [ct.theme.key for ct in db.session.scalars(
        sa.select(CommentTheme).where(CommentTheme.comment_id == comment.id))]
    assert keys and keys[0] == "waiting_distress"


def test_filing_on_arrival_waits_for_a_running_analysis(app, runner, service):
    add_comments(service, ALL_TEXTS)
    assert runner.invoke(args=["analyse", "--service", "northshire"]).exit_code == 0
    new = add_comments(service, ["Too many forms to fill in, every single week."])
    services.queue_run(service.id, started_by_id=None)  # a full analysis is waiting to start
    app.config["ASSIGN_ON_ARRIVAL"] = True
    services.file_on_arrival(service.id)
    services.wait_for_background_runs()
    db.session.expire_all()
    assert db.session.scalar(
        sa.select(sa.func.count()).select_from(CommentTheme)
        .where(CommentTheme.comment_id == new[0].id)
    ) == 0  # left for the full analysis, which files every comment


def test_filing_new_feedback_loads_the_saved_model_once_until_a_new_fit(
        app, runner, service, monkeypatch):
    from analysis.themes import ThemeModel

    services._MODEL_CACHE.clear()
    loads = []
    real_load = ThemeModel.load.__func__
    monkeypatch.setattr(ThemeModel, "load",
                        classmethod(lambda cls, path: loads.append(path) or real_load(cls, path)))
    add_comments(service, ALL_TEXTS)
    assert runner.invoke(args=["analyse", "--service", "northshire"]).exit_code == 0
    loads.clear()

    texts = ["The waiting list was months long and nobody called me.",
             "Too many forms to fill in, every single week.",
             "My therapist was so kind and really listened."]
    for text in texts:
        new = add_comments(service, [text])
        assert services.assign_new_comments(service.id) == 1
        assert db.session.scalar(
            sa.select(sa.func.count()).where(CommentTheme.comment_id == new[0].id)) >= 1
    assert len(loads) == 1  # one read of the file served all three

    # A new fit writes a new file (the old one is pruned): the next filing reads the new one.
    assert runner.invoke(args=["analyse", "--service", "northshire"]).exit_code == 0
    loads.clear()
    add_comments(service, ["Evening appointments would help me."])
    assert services.assign_new_comments(service.id) == 1
    latest = services.latest_run(service.id)
    assert loads == [latest.model_path]
    assert all(key[0] == latest.model_path for key in services._MODEL_CACHE)


class HashedWordsEmbedder:
    """Stands in for the sentence-embeddings extra (torch is not installed everywhere)."""

    def __init__(self, pooling="mean"):
        self.pooling = pooling

    def fit(self, texts, y=None):
        return self

    def transform(self, texts):
        import numpy as np

        out = np.zeros((len(texts), 32), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in str(text or "").lower().split():
                out[i, sum(map(ord, word.strip(".,!?"))) % 32] += 1.0
        return out


def test_the_embeddings_backend_is_a_setting(app, runner, service, monkeypatch):
    from analysis import themes as engine

    monkeypatch.setattr(engine, "_load_embedder", lambda: HashedWordsEmbedder)
    app.config["THEMES_BACKEND"] = "embeddings"
    add_comments(service, ALL_TEXTS)
    result = runner.invoke(args=["analyse", "--service", "northshire"])
    assert result.exit_code == 0, result.output
    run = services.latest_run(service.id)
    assert run.status == RunStatus.DONE and run.parameters["backend"] == "embeddings"
    model, _ = services.load_latest_model(service.id)
    assert model.backend == "embeddings" and model.embedder_ is not None
    new = add_comments(service, ["The waiting list was months long and nobody called me."])
    assert services.assign_new_comments(service.id) == 1
    assert db.session.scalar(
        sa.select(sa.func.count()).where(CommentTheme.comment_id == new[0].id)) >= 1


def test_embeddings_switched_on_but_not_installed_fails_in_plain_words(
        app, runner, service, monkeypatch):
    from analysis import themes as engine
    from analysis.embeddings import EmbeddingsUnavailable

    class Missing:
        def __init__(self, pooling="mean"):
            self.pooling = pooling

        def fit(self, texts, y=None):
            return self

        def transform(self, texts):
            raise EmbeddingsUnavailable()

    monkeypatch.setattr(engine, "_load_embedder", lambda: Missing)
    app.config["THEMES_BACKEND"] = "embeddings"
    add_comments(service, ALL_TEXTS)
    runner.invoke(args=["analyse", "--service", "northshire"])
    run = services.latest_run(service.id, done=False)
    assert run.status == RunStatus.FAILED
    assert "pip install '.[embeddings]'" in run.message
    assert services.load_latest_model(service.id) is None


def test_an_answer_is_read_with_the_question_it_answers(runner, service):
    from analysis.sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD
    from feedback_app.models import QuestionKind
    from feedback_app.surveys import services as surveys

    survey = surveys.create_survey(service, "Your views", starter_questions=False)
    good = surveys.add_question(survey, QuestionKind.TEXT, "What was good about your care?")
    better = surveys.add_question(survey, QuestionKind.TEXT, "What could we do better?")
    add_comments(service, ALL_TEXTS)
    nothing_good, nothing_better = (
        add_comments(service, ["Nothing."], source=CommentSource.SURVEY, survey_id=survey.id,
                     question_id=question.id)[0]
        for question in (good, better)
    )
    (staff_better,) = add_comments(service, ["The reception staff."], source=CommentSource.SURVEY,
                                   survey_id=survey.id, question_id=better.id)
    (staff_panel,) = add_comments(service, ["The reception staff."])
    assert runner.invoke(args=["analyse", "--service", "northshire"]).exit_code == 0
    db.session.expire_all()
    # "Nothing." to "what could we do better?" is praise; to "what was good?" it is not.
    assert db.session.get(Comment, nothing_better.id).sentiment >= POSITIVE_THRESHOLD
    assert db.session.get(Comment, nothing_good.id).sentiment < POSITIVE_THRESHOLD
    # Naming something in answer to "what could we do better?" is a complaint about it.
    complaint = db.session.get(Comment, staff_better.id).sentiment
    assert complaint <= NEGATIVE_THRESHOLD
    assert complaint < db.session.get(Comment, staff_panel.id).sentiment
