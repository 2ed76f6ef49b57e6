"""Service isolation and role rules across every staff area.

A person of service A who guesses the id of something belonging to service B gets 404 (the same
as for an id that does not exist), and each role gets 403 on the areas that are not for it.
Every route is also requested by a member of service B, so a 404 here proves isolation, not a
mistyped address.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from werkzeug.routing import IntegerConverter

from feedback_app import models
from feedback_app.extensions import db
from feedback_app.models import (
    Comment,
    ConsentRecord,
    Contribution,
    Involvement,
    Meeting,
    Panel,
    PanelMember,
    Question,
    Role,
    Survey,
)

# (method, address). Placeholders are filled from the objects of service B.
SURVEYS = [
    ("GET", "/surveys/{survey}"),
    ("GET", "/surveys/{survey}/edit"),
    ("GET", "/surveys/{survey}/questions/new"),
    ("GET", "/surveys/{survey}/questions/{question}/edit"),
    ("GET", "/surveys/{survey}/preview"),
    ("GET", "/surveys/{survey}/results"),
    ("GET", "/surveys/{survey}/qr.svg"),
    ("GET", "/surveys/{survey}/qr.png"),
    ("POST", "/surveys/{survey}/questions/{question}/move"),
    ("POST", "/surveys/{survey}/peq"),
    ("POST", "/surveys/{survey}/publish"),
    ("POST", "/surveys/{survey}/close"),
    ("POST", "/surveys/{survey}/questions/{question}/delete"),
]
PANELS_VIEW = [
    ("GET", "/panels/{panel}"),
    ("GET", "/panels/members/{member}"),
    ("GET", "/panels/meetings/{meeting}"),
    ("GET", "/panels/{panel}/involvement"),
    ("GET", "/panels/{panel}/involvement.csv"),
]
PANELS_CHANGE = [
    ("GET", "/panels/{panel}/edit"),
    ("GET", "/panels/{panel}/members/new"),
    ("GET", "/panels/members/{member}/edit"),
    ("GET", "/panels/members/{member}/erase"),
    ("GET", "/panels/members/{member}/consents/new"),
    ("GET", "/panels/consents/{consent}/withdraw"),
    ("GET", "/panels/meetings/{meeting}/edit"),
    ("GET", "/panels/meetings/{meeting}/attendance"),
    ("GET", "/panels/meetings/{meeting}/contributions/new"),
    ("GET", "/panels/meetings/{meeting}/involvement/{member}"),
    ("GET", "/panels/contributions/{contribution}/edit"),
    ("GET", "/panels/contributions/{contribution}/delete"),
    ("GET", "/panels/meetings/{meeting}/delete"),
    ("POST", "/panels/involvement/{involvement}/delete"),
]
INBOX = [
    ("GET", "/feedback/{comment}"),
    ("GET", "/feedback/?survey={survey}"),
    ("GET", "/feedback/?service={service}"),
]
INBOX_LEAD = [("POST", "/feedback/{comment}/reviewed")]
THEMES = [
    ("GET", "/themes/?service={service}"),
    ("GET", "/themes/{theme}"),
    ("GET", "/themes/{theme}/edit"),
    ("GET", "/themes/{theme}/merge"),
    ("GET", "/themes/{theme}/split"),
    ("GET", "/themes/{theme}/not-a-theme"),
    ("GET", "/themes/{theme}/comments/{comment}/move"),
    ("GET", "/themes/runs/{run}"),
]
ACTIONS = [("GET", "/actions/?service={service}"), ("GET", "/actions/{action}")]
ACTIONS_LEAD = [
    ("GET", "/actions/{action}/edit"),
    ("POST", "/actions/{action}/updates"),
    ("POST", "/actions/{action}/publish"),
]

# Only asked by outsiders: for the service's own people these start real work.
OUTSIDER_ONLY = [
    ("POST", "/themes/runs?service={service}"),
    ("POST", "/themes/assign-new?service={service}"),
]

FACILITATOR_ROUTES = SURVEYS + PANELS_VIEW + PANELS_CHANGE + INBOX + THEMES + ACTIONS
LEAD_ROUTES = SURVEYS + PANELS_VIEW + INBOX + INBOX_LEAD + THEMES + ACTIONS + ACTIONS_LEAD


@pytest.fixture
def world(make_service, make_user):
    """Service A with its people, and service B with one of everything."""
    a, b = make_service(name="Service A"), make_service(name="Service B")
    survey = Survey(service_id=b.id, title="B survey", slug="b-survey")
    db.session.add(survey)
    db.session.flush()
    question = Question(survey_id=survey.id, kind="text", text="Anything else?", position=1)
    panel = Panel(service_id=b.id, name="B panel")
    db.session.add_all([question, panel])
    db.session.flush()
    member = PanelMember(panel_id=panel.id, display_name="Member B")
    meeting = Meeting(service_id=b.id, panel_id=panel.id, topic="B meeting",
                      held_on=date(2026, 3, 9))
    db.session.add_all([member, meeting])
    db.session.flush()
    consent = ConsentRecord(member_id=member.id, purpose="Take part", given_on=date(2026, 1, 1))
    contribution = Contribution(meeting_id=meeting.id, text="Said in B")
    involvement = Involvement(meeting_id=meeting.id, member_id=member.id, hours=2,
                              reward="voucher")
    db.session.add_all([consent, contribution, involvement])
    db.session.flush()
    comment = Comment(service_id=b.id, source="panel", text="B words", redacted_text="B words",
                      redacted_kinds=[], meeting_id=meeting.id, risk_level="urgent",
                      risk_reasons=["x"], received_at=datetime(2026, 3, 9))
    db.session.add(comment)
    ids = {"service": b.id, "survey": survey.id, "question": question.id, "panel": panel.id,
           "member": member.id, "meeting": meeting.id, "consent": consent.id,
           "contribution": contribution.id, "involvement": involvement.id}
    if hasattr(models, "Theme"):
        theme = models.Theme(service_id=b.id, key="waiting", name="Waiting times")
        run = models.AnalysisRun(service_id=b.id)
        action = models.Action(service_id=b.id, title="Shorter waits")
        db.session.add_all([theme, run, action])
        db.session.flush()
        db.session.add(models.CommentTheme(comment_id=comment.id, theme_id=theme.id))
        ids.update(theme=theme.id, run=run.id, action=action.id)
    db.session.flush()
    ids["comment"] = comment.id
    db.session.commit()
    return {
        "ids": ids,
        Role.FACILITATOR: (make_user(Role.FACILITATOR, services=[a]),
                           make_user(Role.FACILITATOR, services=[b])),
        Role.LEAD: (make_user(Role.LEAD, services=[a]), make_user(Role.LEAD, services=[b])),
    }


def _request(client, method: str, address: str):
    return client.get(address) if method == "GET" else client.post(address)


def _routes(routes, ids):
    for method, template in routes:
        try:
            yield method, template.format(**ids)
        except KeyError:  # an area whose models are not there yet
            continue


@pytest.mark.parametrize(
    ("role", "routes"),
    [(Role.FACILITATOR, FACILITATOR_ROUTES), (Role.LEAD, LEAD_ROUTES)],
)
def test_another_services_objects_are_404(client, auth, world, role, routes):
    outsider, _ = world[role]
    auth.login(outsider)
    wrong = {
        address: status
        for method, address in _routes(routes + OUTSIDER_ONLY, world["ids"])
        if (status := _request(client, method, address).status_code) != 404
    }
    assert wrong == {}, f"these answered a user of another service: {wrong}"


@pytest.mark.parametrize(
    ("role", "routes"),
    [(Role.FACILITATOR, FACILITATOR_ROUTES), (Role.LEAD, LEAD_ROUTES)],
)
def test_the_same_addresses_work_for_the_services_own_people(client, auth, world, role, routes):
    _, insider = world[role]
    auth.login(insider)
    wrong = {}
    for method, address in _routes(routes, world["ids"]):
        status = _request(client, method, address).status_code
        if status == 404 or status >= 500 or status == 403:
            wrong[address] = status
    assert wrong == {}, f"these failed for the service's own people: {wrong}"


@pytest.mark.parametrize(
    ("address", "data", "model"),
    [
        ("/surveys/new", {"title": "Sneaky survey"}, Survey),
        ("/panels/new", {"name": "Sneaky panel"}, Panel),
    ],
)
def test_nothing_can_be_created_in_another_service(client, auth, world, count_rows, address,
                                                   data, model):
    auth.login(world[Role.FACILITATOR][0])
    before = count_rows(model)
    response = client.post(address, data={**data, "service_id": world["ids"]["service"]})
    assert response.status_code in (200, 400, 404)  # the form again, or not found; never saved
    assert count_rows(model) == before


def test_every_staff_route_with_an_id_is_covered_here(app):
    """A new route that takes an id must be added to the lists above (admin routes excepted:
    administrators see every service)."""
    adapter = app.url_map.bind("localhost")
    ids = dict.fromkeys(
        ["service", "survey", "question", "panel", "member", "meeting", "consent", "contribution",
         "involvement", "comment", "theme", "run", "action"], 1)
    covered = set()
    for method, template in [*FACILITATOR_ROUTES, *LEAD_ROUTES, *OUTSIDER_ONLY]:
        path = template.format(**ids).split("?")[0]
        covered.add(adapter.match(path, method=method)[0])
    with_ids = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if any(isinstance(c, IntegerConverter) for c in rule._converters.values())
        and not rule.endpoint.startswith("admin.")
    }
    assert "inbox.detail" in with_ids  # the guard sees the routes at all
    assert with_ids - covered == set()


def test_ids_that_do_not_exist_are_404_too(client, auth, world):
    auth.login(world[Role.FACILITATOR][1])
    for address in ("/feedback/99999", "/surveys/99999", "/panels/99999",
                    "/panels/meetings/99999", "/panels/members/99999"):
        assert client.get(address).status_code == 404, address


def test_lists_only_show_the_users_own_services(client, auth, world):
    auth.login(world[Role.LEAD][0])
    for address in ("/feedback/", "/feedback/attention", "/surveys/", "/panels/", "/dashboard"):
        html = client.get(address).get_data(as_text=True)
        for text in ("B words", "B survey", "B panel", "B meeting", "Service B"):
            assert text not in html, (address, text)
    assert "Needs attention (0)" in client.get("/dashboard").get_data(as_text=True)


def test_admins_see_every_service(client, auth, world, make_user):
    auth.login(make_user(Role.ADMIN))
    ids = world["ids"]
    assert client.get(f"/feedback/{ids['comment']}").status_code == 200
    assert client.get(f"/surveys/{ids['survey']}").status_code == 200
    assert client.get(f"/panels/{ids['panel']}").status_code == 200


# Roles ---------------------------------------------------------------------------------------

ROLE_FORBIDDEN = [
    (Role.FACILITATOR, "GET", "/admin/"),
    (Role.FACILITATOR, "GET", "/admin/users/new"),
    (Role.FACILITATOR, "POST", "/admin/services/new"),
    (Role.FACILITATOR, "POST", "/feedback/{comment}/reviewed"),
    (Role.LEAD, "GET", "/admin/"),
    (Role.LEAD, "POST", "/admin/users/{lead_b}/deactivate"),
    (Role.LEAD, "GET", "/panels/new"),
    (Role.LEAD, "GET", "/panels/{panel}/edit"),
    (Role.LEAD, "POST", "/panels/members/{member}/erase"),
]


@pytest.mark.parametrize(("role", "method", "template"), ROLE_FORBIDDEN)
def test_each_role_gets_403_outside_its_areas(client, auth, world, role, method, template):
    _, insider = world[role]  # even in their own service
    auth.login(insider)
    address = template.format(**world["ids"], lead_b=world[Role.LEAD][1].id)
    assert _request(client, method, address).status_code == 403


@pytest.mark.parametrize(
    "address",
    ["/dashboard", "/admin/", "/feedback/", "/feedback/attention", "/surveys/", "/panels/"],
)
def test_signed_out_people_are_sent_to_sign_in(client, address):
    response = client.get(address)
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_a_deactivated_account_loses_access_at_once(client, auth, world):
    # Deactivation must end a session that is already signed in, not just stop new sign-ins.
    _, insider = world[Role.LEAD]
    auth.login(insider)
    assert client.get("/feedback/").status_code == 200
    insider.active = False
    db.session.commit()
    assert client.get("/feedback/").status_code in (302, 401)


def test_ids_beyond_the_database_range_are_not_found_on_every_route(app, client, auth, make_user,
                                                                   make_service):
    """Every <int:...> route answers 404 to an id no database column can hold, never a 500."""
    auth.login(make_user(Role.ADMIN, services=[make_service()]))
    huge = 2**63 + 1
    checked = 0
    for rule in app.url_map.iter_rules():
        ints = [name for name, conv in rule._converters.items()
                if isinstance(conv, IntegerConverter)]
        if not ints or "GET" not in rule.methods:
            continue
        values = dict.fromkeys(rule.arguments, 1)
        for name in ints:
            values[name] = huge
        path = rule.rule
        for name in rule.arguments:
            path = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]), path)
        assert client.get(path).status_code == 404, path
        checked += 1
    assert checked >= 10
