"""Panels, members and consent, driven through the pages a facilitator uses."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from feedback_app.extensions import db
from feedback_app.models import ConsentRecord, Panel, PanelMember, Role
from feedback_app.panels import services
from feedback_app.panels.services import CONTACT_PURPOSE, PanelRuleError


def member_form(**overrides):
    data = {
        "display_name": "Robin",
        "is_pseudonym": "pseudonym",
        "joined_on-day": "3",
        "joined_on-month": "2",
        "joined_on-year": "2026",
    }
    data.update(overrides)
    return data


def only(model, **where):
    rows = list(db.session.scalars(sa.select(model).filter_by(**where)))
    assert len(rows) == 1, rows
    return rows[0]


# --- Panels ---------------------------------------------------------------------------------


def test_facilitator_creates_and_edits_a_panel(client, signed_in, service_a, count_rows):
    page = client.get("/panels/new")
    assert page.status_code == 200
    response = client.post("/panels/new", data={
        "service_id": service_a.id, "name": "Young people's panel", "description": "Ages 16 to 25",
    })
    assert response.status_code == 302
    panel = only(Panel)
    assert (panel.service_id, panel.name, panel.description) == (
        service_a.id, "Young people's panel", "Ages 16 to 25"
    )
    response = client.post(f"/panels/{panel.id}/edit", data={
        "service_id": service_a.id, "name": "Youth panel", "description": "",
    })
    assert response.status_code == 302
    db.session.refresh(panel)
    assert panel.name == "Youth panel"
    html = client.get(f"/panels/{panel.id}").get_data(as_text=True)
    assert "Youth panel" in html
    assert count_rows(Panel) == 1


def test_panel_needs_a_name_and_keeps_what_was_typed(client, signed_in, service_a, count_rows):
    page = client.post("/panels/new", data={
        "service_id": service_a.id, "name": "", "description": "Keep this text",
    })
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "There is a problem" in html
    assert "Enter a name for the panel" in html
    assert "Keep this text" in html
    assert count_rows(Panel) == 0


def test_cannot_create_a_panel_in_someone_elses_service(client, signed_in, service_b, count_rows):
    page = client.post("/panels/new", data={"service_id": service_b.id, "name": "Sneaky"})
    assert page.status_code == 200  # not one of the choices: a validation error
    assert count_rows(Panel) == 0


def test_list_shows_member_count_and_meetings(client, signed_in, panel, service_a):
    services.add_member(panel, display_name="Ash", joined_on=date(2025, 1, 1))
    services.add_member(panel, display_name="Bo", joined_on=date(2025, 1, 1),
                        left_on=date(2025, 6, 1))
    services.create_meeting(service_id=service_a.id, panel_id=panel.id, kind="panel_meeting",
                            topic="Past", held_on=date(2025, 3, 9))
    services.create_meeting(service_id=service_a.id, panel_id=panel.id, kind="panel_meeting",
                            topic="Future", held_on=date(2099, 5, 1))
    html = client.get("/panels/").get_data(as_text=True)
    assert "Service user panel" in html
    assert ">1<" in html  # one current member: Bo has left
    assert "9 March 2025" in html
    assert "1 May 2099" in html


def test_panels_list_only_shows_my_services(client, signed_in, panel, service_b):
    services.create_panel(service_id=service_b.id, name="Southern secret panel")
    html = client.get("/panels/").get_data(as_text=True)
    assert "Service user panel" in html
    assert "Southern secret panel" not in html


# --- Members --------------------------------------------------------------------------------


def test_add_member_with_contact_details_and_access_needs(client, signed_in, panel):
    response = client.post(f"/panels/{panel.id}/members/new", data=member_form(
        contact_consent="y", email="robin@example.com", phone="07911 123456",
        access_needs=["interpreter", "bsl", "other"], interpreter_language="Polish",
        access_notes="Needs regular breaks",
    ))
    assert response.status_code == 302
    member = only(PanelMember)
    assert member.email == "robin@example.com"
    assert member.phone == "+447911123456"
    assert member.access_needs == ["interpreter", "bsl", "other"]
    assert member.interpreter_language == "Polish"
    assert member.joined_on == date(2026, 2, 3)
    assert member.is_pseudonym is True
    # Agreeing to be contacted is recorded on the consent timeline too.
    consent = only(ConsentRecord, member_id=member.id)
    assert consent.purpose == CONTACT_PURPOSE
    assert consent.withdrawn_on is None
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "07911 123456" in html
    assert "An interpreter (Polish)" in html


def test_contact_details_are_dropped_without_consent(client, signed_in, panel):
    response = client.post(f"/panels/{panel.id}/members/new", data=member_form(
        email="robin@example.com", phone="07911 123456",
    ))
    assert response.status_code == 302
    member = only(PanelMember)
    assert member.contact_consent is False
    assert member.email is None
    assert member.phone is None


def test_service_drops_contact_details_without_consent(panel):
    member = services.add_member(panel, display_name="Sam", contact_consent=False,
                                 email="sam@example.com", phone="020 7946 0018")
    assert (member.email, member.phone) == (None, None)


def test_unticking_consent_clears_contact_details(client, signed_in, panel):
    member = services.add_member(panel, display_name="Sam", contact_consent=True,
                                 email="sam@example.com", phone="020 7946 0018")
    response = client.post(f"/panels/members/{member.id}/edit",
                           data=member_form(display_name="Sam", email="sam@example.com"),
                           follow_redirects=True)
    db.session.refresh(member)
    assert (member.contact_consent, member.email, member.phone) == (False, None, None)
    assert "have been deleted" in response.get_data(as_text=True)
    consent = only(ConsentRecord, member_id=member.id)
    assert consent.withdrawn_on == date.today()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("email", "not-an-email", "Enter an email address in the correct format"),
    ("phone", "12345", "Enter a UK phone number"),
    ("phone", "+1 202 555 0100", "Enter a UK phone number"),
])
def test_bad_contact_details_are_refused_and_kept(client, signed_in, panel, count_rows,
                                                  field, value, message):
    page = client.post(f"/panels/{panel.id}/members/new",
                       data=member_form(contact_consent="y", **{field: value}))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert message in html
    assert f'value="{value}"' in html
    assert f'href="#{field}"' in html
    assert count_rows(PanelMember) == 0


def test_interpreter_needs_a_language(client, signed_in, panel, count_rows):
    html = client.post(f"/panels/{panel.id}/members/new",
                       data=member_form(access_needs=["interpreter"])).get_data(as_text=True)
    assert "Enter the language the member needs an interpreter for" in html
    assert count_rows(PanelMember) == 0


def test_member_dates_are_validated(client, signed_in, panel, count_rows):
    html = client.post(f"/panels/{panel.id}/members/new", data=member_form(**{
        "joined_on-day": "31", "joined_on-month": "2", "joined_on-year": "2026",
        "left_on-day": "1", "left_on-month": "", "left_on-year": "2026",
    })).get_data(as_text=True)
    assert "Date they joined must be a real date" in html
    assert "Date they left must include a month" in html
    assert 'value="31"' in html
    assert count_rows(PanelMember) == 0


def test_member_who_leaves_keeps_past_contributions(client, signed_in, panel, service_a):
    member = services.add_member(panel, display_name="Kit", joined_on=date(2025, 1, 1))
    meeting = services.create_meeting(service_id=service_a.id, panel_id=panel.id,
                                      kind="panel_meeting", topic="Waiting times",
                                      held_on=date(2025, 2, 1))
    services.add_contribution(meeting, text="The wait felt endless.", member_id=member.id)
    response = client.post(f"/panels/members/{member.id}/edit", data=member_form(
        display_name="Kit", **{"joined_on-day": "1", "joined_on-month": "1",
                               "joined_on-year": "2025", "left_on-day": "1",
                               "left_on-month": "3", "left_on-year": "2025"},
    ))
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.left_on == date(2025, 3, 1)
    html = client.get(f"/panels/meetings/{meeting.id}").get_data(as_text=True)
    assert "The wait felt endless." in html
    assert "Kit" in html
    assert "Left 1 March 2025" in client.get(f"/panels/{panel.id}").get_data(as_text=True)


# --- Consent --------------------------------------------------------------------------------


def test_record_and_withdraw_consent_shows_a_timeline(client, signed_in, panel):
    member = services.add_member(panel, display_name="Jo")
    response = client.post(f"/panels/members/{member.id}/consents/new", data={
        "purpose": "Words quoted anonymously in public updates",
        "given_on-day": "9", "given_on-month": "3", "given_on-year": "2026",
        "notes": "Signed form",
    })
    assert response.status_code == 302
    consent = only(ConsentRecord, member_id=member.id)
    assert consent.given_on == date(2026, 3, 9)
    response = client.post(f"/panels/consents/{consent.id}/withdraw", data={
        "withdrawn_on-day": "1", "withdrawn_on-month": "4", "withdrawn_on-year": "2026",
    })
    assert response.status_code == 302
    db.session.refresh(consent)
    assert consent.withdrawn_on == date(2026, 4, 1)
    html = client.get(f"/panels/members/{member.id}").get_data(as_text=True)
    assert "9 March 2026" in html
    assert "1 April 2026" in html
    assert "withdrew consent to words quoted anonymously in public updates" in html


def test_other_purpose_needs_words(client, signed_in, panel, count_rows):
    member = services.add_member(panel, display_name="Jo")
    html = client.post(f"/panels/members/{member.id}/consents/new", data={
        "purpose": "other", "given_on-day": "9", "given_on-month": "3", "given_on-year": "2026",
    }).get_data(as_text=True)
    assert "Enter what the member agreed to" in html
    assert count_rows(ConsentRecord) == 0


def test_consent_date_cannot_be_in_the_future(client, signed_in, panel, count_rows):
    member = services.add_member(panel, display_name="Jo")
    html = client.post(f"/panels/members/{member.id}/consents/new", data={
        "purpose": "Taking part in the panel",
        "given_on-day": "1", "given_on-month": "1", "given_on-year": "2099",
    }).get_data(as_text=True)
    assert "Date they gave consent must be today or in the past" in html
    assert count_rows(ConsentRecord) == 0


def test_withdrawing_contact_consent_clears_contact_details(client, signed_in, panel):
    member = services.add_member(panel, display_name="Lee", contact_consent=True,
                                 email="lee@example.com", phone="07911 123456")
    consent = only(ConsentRecord, member_id=member.id, purpose=CONTACT_PURPOSE)
    page = client.get(f"/panels/consents/{consent.id}/withdraw").get_data(as_text=True)
    assert "will be deleted" in page
    response = client.post(f"/panels/consents/{consent.id}/withdraw", data={
        "withdrawn_on-day": str(date.today().day), "withdrawn_on-month": str(date.today().month),
        "withdrawn_on-year": str(date.today().year),
    }, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "email address and phone number have been deleted" in html
    db.session.refresh(member)
    assert (member.contact_consent, member.email, member.phone) == (False, None, None)
    assert "lee@example.com" not in html


def test_withdrawal_cannot_come_before_consent(panel):
    member = services.add_member(panel, display_name="Lee")
    consent = services.record_consent(member, purpose="Taking part in the panel",
                                      given_on=date(2026, 3, 1))
    with pytest.raises(PanelRuleError):
        services.withdraw_consent(consent, withdrawn_on=date(2026, 2, 1))


# --- Who may see and change what ------------------------------------------------------------


@pytest.fixture
def other_service_objects(service_b):
    panel = services.create_panel(service_id=service_b.id, name="South panel")
    member = services.add_member(panel, display_name="Southerner", contact_consent=True,
                                 email="south@example.com")
    consent = member.consents[0]
    meeting = services.create_meeting(service_id=service_b.id, panel_id=panel.id,
                                      kind="panel_meeting", topic="South topic",
                                      held_on=date(2026, 1, 5))
    services.set_attendance(meeting, [member.id])
    contribution = services.add_contribution(meeting, text="Southern words")
    focus = services.create_meeting(service_id=service_b.id, kind="focus_group",
                                    topic="South focus", held_on=date(2026, 1, 6))
    return {"panel": panel, "member": member, "consent": consent, "meeting": meeting,
            "contribution": contribution, "focus": focus}


def isolation_urls(o):
    p, m, c = o["panel"].id, o["member"].id, o["consent"].id
    mt, ct = o["meeting"].id, o["contribution"].id
    return [
        f"/panels/{p}", f"/panels/{p}/edit", f"/panels/{p}/members/new",
        f"/panels/{p}/involvement", f"/panels/{p}/involvement.csv",
        f"/panels/members/{m}", f"/panels/members/{m}/edit",
        f"/panels/members/{m}/consents/new", f"/panels/consents/{c}/withdraw",
        f"/panels/meetings/{mt}", f"/panels/meetings/{mt}/edit", f"/panels/meetings/{mt}/delete",
        f"/panels/meetings/{mt}/attendance", f"/panels/meetings/{mt}/contributions/new",
        f"/panels/meetings/{mt}/involvement/{m}",
        f"/panels/meetings/{o['focus'].id}",
        f"/panels/contributions/{ct}/edit", f"/panels/contributions/{ct}/delete",
        f"/panels/meetings/new?service_id={o['panel'].service_id}",
        f"/panels/focus-groups?service_id={o['panel'].service_id}",
    ]


def test_facilitator_gets_404_for_another_services_objects(client, signed_in,
                                                           other_service_objects):
    for url in isolation_urls(other_service_objects):
        assert client.get(url).status_code == 404, url
        assert client.post(url, data={}).status_code in {404, 405}, url
    html = client.get("/panels/").get_data(as_text=True)
    assert "South" not in html


def test_nothing_changes_when_another_service_posts(client, signed_in, other_service_objects):
    o = other_service_objects
    client.post(f"/panels/contributions/{o['contribution'].id}/delete")
    client.post(f"/panels/members/{o['member'].id}/edit", data=member_form(display_name="X"))
    db.session.expire_all()
    assert db.session.get(PanelMember, o["member"].id).display_name == "Southerner"
    assert db.session.get(PanelMember, o["member"].id).email == "south@example.com"


def test_lead_can_look_but_not_change(client, auth, make_user, service_a, panel, count_rows):
    member = services.add_member(panel, display_name="Ari", contact_consent=True,
                                 email="ari@example.com")
    lead = make_user(Role.LEAD, services=[service_a])
    auth.login(lead)
    assert client.get(f"/panels/{panel.id}").status_code == 200
    html = client.get(f"/panels/members/{member.id}").get_data(as_text=True)
    assert "Ari" in html
    assert "ari@example.com" not in html  # contact details are for facilitators
    assert "Change details" not in html
    assert client.get(f"/panels/{panel.id}/edit").status_code == 403
    assert client.post(f"/panels/{panel.id}/members/new",
                       data=member_form(display_name="Intruder")).status_code == 403
    assert client.post(f"/panels/members/{member.id}/edit",
                       data=member_form(display_name="Renamed")).status_code == 403
    assert client.post("/panels/new", data={"service_id": service_a.id,
                                            "name": "Lead panel"}).status_code == 403
    assert count_rows(PanelMember) == 1
    assert count_rows(Panel) == 1


def test_signed_out_people_are_sent_to_sign_in(client, panel):
    response = client.get(f"/panels/{panel.id}")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_admin_sees_every_service(client, auth, make_user, panel, service_b):
    services.create_panel(service_id=service_b.id, name="Southern panel")
    auth.login(make_user(Role.ADMIN))
    html = client.get("/panels/").get_data(as_text=True)
    assert "Service user panel" in html
    assert "Southern panel" in html


def test_changes_need_the_forms_csrf_token(app, client, signed_in, panel, count_rows):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(f"/panels/{panel.id}/members/new", data=member_form())
    assert response.status_code == 400
    assert count_rows(PanelMember) == 0
    page = client.get(f"/panels/{panel.id}/members/new").get_data(as_text=True)
    assert 'name="csrf_token"' in page
