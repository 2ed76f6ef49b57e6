"""'You said, we did' actions: a lead plans, updates and publishes them; isolation; bad input."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from feedback_app.comments.services import record_comment
from feedback_app.extensions import db
from feedback_app.models import (
    Action,
    ActionUpdate,
    CommentSource,
    CommentTheme,
    Role,
    Theme,
)


def make_theme(service, key, name, texts=(), **comment_links):
    theme = Theme(service_id=service.id, key=key, name=name, description=f"About {name.lower()}")
    db.session.add(theme)
    db.session.flush()
    comments = []
    for text in texts:
        comment = record_comment(service_id=service.id, source=CommentSource.PANEL, text=text,
                                 received_at=datetime(2026, 3, 1), **comment_links)
        db.session.flush()
        db.session.add(CommentTheme(comment_id=comment.id, theme_id=theme.id, is_primary=True))
        comments.append(comment)
    theme.size = len(comments)
    db.session.commit()
    return theme, comments


@pytest.fixture
def service(make_service):
    return make_service(name="Northshire Talking Therapies", slug="northshire")


@pytest.fixture
def lead(make_user, service):
    return make_user(Role.LEAD, services=[service])


@pytest.fixture
def waiting(service):
    theme, _ = make_theme(service, "waiting_distress", "Distress while waiting",
                          ["The wait was far too long.", "Nobody called me for months."])
    return theme


def test_lead_plans_an_action_from_a_theme_and_its_comments(client, auth, lead, service):
    theme, comments = make_theme(service, "appointment_access", "Appointment times",
                                 ["Evening appointments please.", "No slots after 5pm."])
    auth.login(lead)
    form = client.get(f"/actions/new?service={service.id}&theme={theme.id}"
                      f"&comment={comments[0].id}").get_data(as_text=True)
    assert "Appointment times" in form and "Evening appointments please." in form
    response = client.post(
        f"/actions/new?service={service.id}",
        data={"title": "Evening appointments on Tuesdays", "description": "Until 8pm.",
              "owner": "Clinical lead", "due_date": "2026-09-30", "status": "planned",
              "progress_pct": "10", "participation_level": "co_produce",
              "themes": [theme.id], "comments": [comments[0].id]},
    )
    assert response.status_code == 302
    action = db.session.scalar(sa.select(Action))
    assert action.title == "Evening appointments on Tuesdays"
    assert action.due_date == date(2026, 9, 30)
    assert action.status == "planned" and action.progress_pct == 10
    assert action.participation_level == "co_produce"
    assert [t.id for t in action.themes] == [theme.id]
    assert [c.id for c in action.comments] == [comments[0].id]
    assert action.created_by_id == lead.id and not action.published
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert "Evening appointments on Tuesdays" in page and "Not public" in page


def test_lifecycle_updates_timeline_done_and_publish(client, auth, lead, service, waiting):
    auth.login(lead)
    client.post(f"/actions/new?service={service.id}",
                data={"title": "Check-in calls while you wait", "status": "proposed",
                      "participation_level": "consult", "themes": [waiting.id]})
    action = db.session.scalar(sa.select(Action))
    assert client.post(f"/actions/{action.id}/updates",
                       data={"text": "Recruited two wellbeing practitioners.",
                             "status": "in_progress"}).status_code == 302
    assert client.post(f"/actions/{action.id}/updates",
                       data={"text": "Calls started for everyone waiting over 4 weeks.",
                             "status": "done"}).status_code == 302
    db.session.expire_all()
    action = db.session.get(Action, action.id)
    assert action.status == "done" and action.done_on is not None
    assert action.progress_pct == 100
    assert [u.status_after for u in action.updates] == ["in_progress", "done"]
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert "Recruited two wellbeing practitioners." in page
    assert "Too early to tell" in page  # the impact needs feedback after the change

    assert client.get("/you-said-we-did/northshire").get_data(as_text=True).count(
        "Check-in calls while you wait") == 0
    assert client.post(f"/actions/{action.id}/publish",
                       data={"published": "yes"}).status_code == 302
    board = client.get("/you-said-we-did/northshire").get_data(as_text=True)
    assert "Check-in calls while you wait" in board
    assert "Calls started for everyone waiting over 4 weeks." in board
    client.post(f"/actions/{action.id}/publish", data={"published": "no"})
    assert "Check-in calls" not in client.get("/you-said-we-did/northshire").get_data(
        as_text=True)


def test_not_possible_needs_a_reason_which_is_public(client, auth, lead, service, waiting):
    auth.login(lead)
    html = client.post(f"/actions/new?service={service.id}",
                       data={"title": "Weekend clinics", "status": "not_possible",
                             "participation_level": "inform", "themes": [waiting.id]}
                       ).get_data(as_text=True)
    assert "There is a problem" in html and "Say why it is not possible" in html
    assert 'value="Weekend clinics"' in html  # the answer is kept
    client.post(f"/actions/new?service={service.id}",
                data={"title": "Weekend clinics", "status": "not_possible",
                      "reason_not_possible": "We cannot staff the building at weekends yet.",
                      "participation_level": "inform", "themes": [waiting.id]})
    action = db.session.scalar(sa.select(Action))
    client.post(f"/actions/{action.id}/publish", data={"published": "yes"})
    board = client.get("/you-said-we-did/northshire").get_data(as_text=True)
    assert "We cannot staff the building at weekends yet." in board
    assert "Not possible" in board


@pytest.mark.parametrize(("data", "message"), [
    ({"title": "", "themes": []}, "Enter what will change"),
    ({"title": "x", "themes": []}, "Choose at least one theme"),
    ({"title": "x" * 201, "themes": ["THEME"]}, "200 characters or fewer"),
    ({"title": "x", "themes": ["THEME"], "progress_pct": "150"}, "between 0 and 100"),
    ({"title": "x", "themes": ["THEME"], "due_date": "31/02/2026"}, "Not a valid date"),
])
def test_bad_input_shows_errors(client, auth, lead, service, waiting, data, message):
    auth.login(lead)
    data = {"status": "proposed", "participation_level": "inform", **data}
    data["themes"] = [waiting.id if t == "THEME" else t for t in data["themes"]]
    response = client.post(f"/actions/new?service={service.id}", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Action)) == 0


def test_edit_an_action(client, auth, lead, service, waiting):
    auth.login(lead)
    client.post(f"/actions/new?service={service.id}",
                data={"title": "Calls", "status": "proposed", "participation_level": "inform",
                      "themes": [waiting.id]})
    action = db.session.scalar(sa.select(Action))
    assert 'value="Calls"' in client.get(f"/actions/{action.id}/edit").get_data(as_text=True)
    client.post(f"/actions/{action.id}/edit",
                data={"title": "Weekly calls", "status": "done", "done_on": "2026-05-01",
                      "participation_level": "involve", "themes": [waiting.id]})
    db.session.expire_all()
    action = db.session.get(Action, action.id)
    assert action.title == "Weekly calls" and action.done_on == date(2026, 5, 1)


def test_another_services_actions_and_themes_are_404(client, auth, make_service, make_user,
                                                     lead, service, waiting):
    other = make_service(name="Elsewhere", slug="elsewhere")
    other_theme, _ = make_theme(other, "waiting_distress", "Their waiting", ["Long wait."])
    other_action = Action(service_id=other.id, title="Their action")
    other_action.themes = [other_theme]
    db.session.add(other_action)
    db.session.commit()
    auth.login(lead)
    for url in (f"/actions/{other_action.id}", f"/actions/{other_action.id}/edit",
                f"/actions/?service={other.id}", f"/actions/new?service={other.id}"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/actions/{other_action.id}/publish",
                       data={"published": "yes"}).status_code == 404
    assert client.post(f"/actions/{other_action.id}/updates",
                       data={"text": "x"}).status_code == 404
    # A theme of another service cannot be linked to this service's action.
    html = client.post(f"/actions/new?service={service.id}",
                       data={"title": "Sneaky", "status": "proposed",
                             "participation_level": "inform", "themes": [other_theme.id]}
                       ).get_data(as_text=True)
    assert "There is a problem" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Action)) == 1


def test_facilitator_sees_but_cannot_change_actions(client, auth, make_user, service, waiting):
    action = Action(service_id=service.id, title="Calls")
    action.themes = [waiting]
    db.session.add(action)
    db.session.commit()
    facilitator = make_user(Role.FACILITATOR, services=[service])
    auth.login(facilitator)
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert "Calls" in page and "Add an update" not in page
    assert client.post(f"/actions/{action.id}/publish",
                       data={"published": "yes"}).status_code == 403
    assert client.post(f"/actions/{action.id}/updates", data={"text": "x"}).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ActionUpdate)) == 0


def test_action_list_counts_statuses_and_overdue(client, auth, lead, service, waiting):
    for title, status, due in (("A", "planned", date(2020, 1, 1)), ("B", "done", None),
                               ("C", "in_progress", date(2099, 1, 1))):
        action = Action(service_id=service.id, title=title, status=status, due_date=due,
                        done_on=date(2026, 1, 1) if status == "done" else None)
        action.themes = [waiting]
        db.session.add(action)
    db.session.commit()
    auth.login(lead)
    html = client.get(f"/actions/?service={service.id}").get_data(as_text=True)
    assert "Overdue: 1" in html and "Planned: 1" in html and "Done: 1" in html


def test_exports_neutralise_formulas_and_keep_to_redacted_text(client, auth, lead, service):
    import csv
    import io

    from openpyxl import load_workbook

    theme, _ = make_theme(service, "appointment_access", "=Appointment times",
                                 ["=HYPERLINK(\"http://evil\") call 07700 900123",
                                  "@SUM(1) evening slots please"])
    action = Action(service_id=service.id, title="-1+1 evenings", status="planned")
    action.themes = [theme]
    db.session.add(action)
    db.session.commit()
    auth.login(lead)
    response = client.get(f"/themes/export?service={service.id}&what=comments&fmt=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][3] == "Comment (identifiers removed)"
    texts = {r[3] for r in rows[1:]}
    assert "'=HYPERLINK(\"http://evil\") call [PHONE]" in texts
    assert "'@SUM(1) evening slots please" in texts
    assert all(r[4] == "'=Appointment times" for r in rows[1:])
    assert "07700" not in response.get_data(as_text=True)

    response = client.get(f"/themes/export?service={service.id}&what=actions&fmt=xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet["B2"].value == "'-1+1 evenings"
    assert sheet["D2"].value == "'=Appointment times"
    response = client.get(f"/themes/export?service={service.id}&what=themes&fmt=xlsx")
    assert load_workbook(io.BytesIO(response.data)).active["B2"].value == "'=Appointment times"
    assert client.get(f"/themes/export?service={service.id}&what=users").status_code == 404


def test_exports_overview_and_report_of_another_service_are_404(client, auth, make_service,
                                                                 make_user, service):
    other = make_service(name="Elsewhere", slug="elsewhere")
    auth.login(make_user(Role.LEAD, services=[service]))
    for url in (f"/themes/export?service={other.id}&what=comments&fmt=csv",
                f"/themes/overview?service={other.id}", f"/themes/report?service={other.id}"):
        assert client.get(url).status_code == 404, url


def test_overview_shows_rising_themes_overdue_actions_and_fft(client, auth, lead, service):
    from feedback_app.models import Comment, Question, Response, Survey
    from feedback_app.models._base import now_utc

    now = now_utc()
    theme = Theme(service_id=service.id, key="waiting_distress", name="Distress while waiting")
    db.session.add(theme)
    db.session.flush()
    for i in range(120):
        recent = i >= 60
        when = now - timedelta(days=10 if recent else 120)
        comment = Comment(service_id=service.id, source="survey", text="t", redacted_text="t",
                          received_at=when)
        db.session.add(comment)
        db.session.flush()
        if (recent and i < 90) or (not recent and i < 5):
            db.session.add(CommentTheme(comment_id=comment.id, theme_id=theme.id))
    survey = Survey(service_id=service.id, title="S", slug="s")
    db.session.add_all([survey, Question(survey=survey, kind="fft", text="FFT")])
    db.session.flush()
    for i, answer in enumerate(["Very good"] * 6 + ["Poor"] * 2):
        db.session.add(Response(survey_id=survey.id, receipt_code=f"CODE-{i:04d}",
                                submission_key=f"k{i}", fft_answer=answer))
    late = Action(service_id=service.id, title="Late action", status="planned",
                  due_date=date(2020, 1, 1))
    late.themes = [theme]
    db.session.add(late)
    db.session.commit()
    auth.login(lead)
    html = client.get(f"/themes/overview?service={service.id}").get_data(as_text=True)
    assert "Distress while waiting" in html and "Rising" in html
    assert "Late action" in html
    assert "75%" in html  # 6 of 8 positive this month
    report = client.get(f"/themes/report?service={service.id}&quarter=2026-Q1")
    assert report.status_code == 200 and "January to March 2026" in report.get_data(as_text=True)
    assert client.get(f"/themes/report?service={service.id}&quarter=junk").status_code == 200


def test_people_in_several_services_choose_one_first(client, auth, make_service, make_user):
    first, second = make_service(name="Alpha TT"), make_service(name="Beta TT")
    auth.login(make_user(Role.LEAD, services=[first, second]))
    for url in ("/themes/", "/actions/", "/themes/overview"):
        html = client.get(url).get_data(as_text=True)
        assert "Alpha TT" in html and "Beta TT" in html, url
        assert f"service={first.id}" in html
