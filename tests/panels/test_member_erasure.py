"""Erasing a panel member's personal details at their request (UK GDPR right to erasure),
driven through the pages a facilitator uses and checked in the database."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from feedback_app.extensions import db
from feedback_app.models import (
    Attendance,
    Comment,
    ConsentRecord,
    Contribution,
    Involvement,
    PanelMember,
    Role,
)
from feedback_app.panels import services
from feedback_app.panels.services import CONTACT_PURPOSE, QUOTE_PURPOSE, PanelRuleError
from feedback_app.public.services import quotable

SAID = "The wait felt endless and nobody called me back."







@pytest.fixture
def robin(panel, service_a):
    """A member with everything recorded: contact details, access needs, consents (one already
    withdrawn), attendance, a quotable contribution and a paid voucher."""
    member = services.add_member(
        panel, display_name="Robin Green", is_pseudonym=False, contact_consent=True,
        email="robin@example.com", phone="07911 123456",
        access_needs=["interpreter", "other"], interpreter_language="Polish",
        access_notes="Needs a break every 30 minutes", joined_on=date(2025, 1, 1),
        effective_on=date(2025, 1, 1),
    )
    services.record_consent(member, purpose=QUOTE_PURPOSE, given_on=date(2025, 1, 2),
                            notes="Signed the form at home in Leeds")
    old = services.record_consent(member, purpose="Photographs", given_on=date(2025, 1, 3),
                                  notes="Happy to be in photos with her son")
    services.withdraw_consent(old, withdrawn_on=date(2025, 3, 1))
    meeting = services.create_meeting(service_id=service_a.id, panel_id=panel.id,
                                      kind="panel_meeting", topic="Waiting times",
                                      held_on=date(2025, 2, 1))
    services.set_attendance(meeting, [member.id])
    services.add_contribution(meeting, text=SAID, member_id=member.id)
    services.record_involvement(meeting, member_id=member.id, hours="2", reward="voucher",
                                amount_pence=2500, notes="Voucher posted to Robin")
    return member


@pytest.fixture
def ash(panel, robin):
    """Another member at the same meeting, who agrees to be quoted: erasing Robin leaves Ash be."""
    member = services.add_member(panel, display_name="Ash", joined_on=date(2025, 1, 1))
    services.record_consent(member, purpose=QUOTE_PURPOSE, given_on=date(2025, 1, 2))
    meeting = only(Attendance, member_id=robin.id).meeting
    services.add_contribution(meeting, text="The letters were clear.", member_id=member.id)
    return member


def only(model, **where):
    rows = list(db.session.scalars(sa.select(model).filter_by(**where)))
    assert len(rows) == 1, rows
    return rows[0]


def comment_of(contribution):
    return db.session.scalar(sa.select(Comment).where(Comment.contribution_id == contribution.id))


def today_text():
    today = date.today()
    return f"{today.day} {today:%B %Y}"


def erase_url(member):
    return f"/panels/members/{member.id}/erase"


# --- The confirmation page ----------------------------------------------------------------------


def test_member_page_links_to_erasure_for_facilitators(client, signed_in, robin):
    html = client.get(f"/panels/members/{robin.id}").get_data(as_text=True)
    assert "Erase this member's personal details" in html
    assert f'href="{erase_url(robin)}"' in html


def test_confirmation_page_shows_what_is_deleted_and_what_is_kept(client, signed_in, robin):
    page = client.get(erase_url(robin))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    # Deleted, shown exactly.
    for text in ("Robin Green", "robin@example.com", "07911 123456", "An interpreter (Polish)",
                 "Needs a break every 30 minutes", f"Former member {robin.id}"):
        assert text in html, text
    # Withdrawn today: the consents in place now, not the one already withdrawn.
    assert QUOTE_PURPOSE in html
    assert CONTACT_PURPOSE in html
    assert "Photographs" not in html
    # Anonymised, with what they said, and that it will not be quoted again.
    assert SAID in html
    assert "1 thing they said at meetings is on record under their name" in html
    assert "will never be quoted in public updates again (1 could be quoted now)" in html
    # Kept, and why; the payment note to check.
    assert "Attendance at 1 meeting" in html
    assert "£25.00 paid in total" in html
    assert "audit and tax" in html
    assert "Voucher posted to Robin" in html
    # Looking changes nothing.
    db.session.expire_all()
    member = db.session.get(PanelMember, robin.id)
    assert (member.display_name, member.email, member.erased_at) == (
        "Robin Green", "robin@example.com", None
    )


def test_confirmation_page_for_a_member_with_nothing_recorded(client, signed_in, panel):
    member = services.add_member(panel, display_name="Quiet")
    html = client.get(erase_url(member)).get_data(as_text=True)
    assert "nothing to withdraw" in html
    assert "Nothing they said is on record under their name" in html
    assert "0 involvement and payment records" in html


# --- Erasing ------------------------------------------------------------------------------------


def test_erasing_deletes_personal_details_and_keeps_financial_records(
    client, signed_in, facilitator, robin, count_rows
):
    response = client.post(erase_url(robin))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/panels/members/{robin.id}")

    db.session.expire_all()
    member = db.session.get(PanelMember, robin.id)
    assert member.display_name == f"Former member {robin.id}"
    assert member.is_pseudonym is True
    assert (member.contact_consent, member.email, member.phone) == (False, None, None)
    assert (member.access_needs, member.interpreter_language, member.access_notes) == (
        [], None, ""
    )
    assert member.joined_on == date(2025, 1, 1)
    assert member.left_on == date.today()
    assert member.erased_at is not None
    assert member.erased_by_id == facilitator.id
    # Attendance and payment are kept, and point at the anonymised member.
    assert only(Attendance).member_id == member.id
    involvement = only(Involvement)
    assert (involvement.member_id, involvement.amount_pence, involvement.reward) == (
        member.id, 2500, "voucher"
    )
    assert count_rows(PanelMember) == 1


def test_every_current_consent_is_withdrawn_today_and_notes_are_deleted(client, signed_in, robin):
    client.post(erase_url(robin))
    db.session.expire_all()
    consents = {c.purpose: c for c in db.session.scalars(
        sa.select(ConsentRecord).where(ConsentRecord.member_id == robin.id)
    )}
    assert set(consents) == {CONTACT_PURPOSE, QUOTE_PURPOSE, "Photographs"}
    assert consents[CONTACT_PURPOSE].withdrawn_on == date.today()
    assert consents[QUOTE_PURPOSE].withdrawn_on == date.today()
    assert consents["Photographs"].withdrawn_on == date(2025, 3, 1)  # history kept as it was
    assert consents[QUOTE_PURPOSE].given_on == date(2025, 1, 2)
    notes = " ".join(c.notes for c in consents.values())
    assert "Leeds" not in notes
    assert "her son" not in notes
    assert consents[QUOTE_PURPOSE].notes == services.ERASED_CONSENT_NOTE


def test_contributions_become_anonymous_and_are_never_quoted_again(
    client, signed_in, robin, ash
):
    said = only(Contribution, text=SAID)
    assert comment_of(said).quote_publicly is True  # Robin agreed to be quoted, until now
    client.post(erase_url(robin))
    db.session.expire_all()
    said = only(Contribution, text=SAID)
    assert said.member_id is None
    assert said.text == SAID  # still feedback for the service
    comment = comment_of(said)
    assert comment.quote_publicly is False
    public = set(db.session.scalars(quotable(sa.select(Comment.id))))
    assert comment.id not in public
    # Ash's words are untouched.
    ash_said = only(Contribution, member_id=ash.id)
    assert comment_of(ash_said).id in public
    # The meeting page shows the words as anonymous, never under the new label.
    html = client.get(f"/panels/meetings/{said.meeting_id}").get_data(as_text=True)
    assert SAID in html
    assert "Robin" not in html


def test_new_words_cannot_be_credited_to_an_erased_member(client, signed_in, robin, count_rows):
    client.post(erase_url(robin), follow_redirects=True)
    db.session.expire_all()
    meeting = only(Attendance, member_id=robin.id).meeting
    form = client.get(f"/panels/meetings/{meeting.id}/contributions/new").get_data(as_text=True)
    assert f"Former member {robin.id}" not in form
    page = client.post(f"/panels/meetings/{meeting.id}/contributions/new",
                       data={"text": "Credited to a ghost", "member_id": str(robin.id)})
    assert page.status_code == 200
    assert count_rows(Contribution) == 1
    # Editing the anonymised contribution keeps it unquotable.
    said = only(Contribution)
    client.post(f"/panels/contributions/{said.id}/edit", data={"text": SAID + " Really.",
                                                               "member_id": ""})
    db.session.expire_all()
    assert comment_of(only(Contribution)).quote_publicly is False


def test_member_page_says_when_details_were_erased(client, signed_in, robin):
    response = client.post(erase_url(robin), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert f"Personal details erased on {today_text()}" in html
    assert f"now shown as Former member {robin.id}" in html
    for gone in ("Robin Green", "robin@example.com", "07911 123456", "Polish",
                 "Needs a break", "Leeds"):
        assert gone not in html, gone
    assert "Change details" not in html
    assert "Record consent" not in html
    assert "Erase this member" not in html
    assert "£25.00" in html  # the payment record is still shown


def test_erased_member_has_left_and_shows_up_anonymised_in_reports(
    client, signed_in, panel, robin
):
    client.post(erase_url(robin))
    name = f"Former member {robin.id}"
    panel_html = client.get(f"/panels/{panel.id}").get_data(as_text=True)
    assert name in panel_html
    assert f"Left {today_text()}" in panel_html
    assert ">0<" in client.get("/panels/").get_data(as_text=True)  # no current members
    csv_text = client.get(f"/panels/{panel.id}/involvement.csv").get_data(as_text=True)
    assert name in csv_text
    assert "Robin" not in csv_text.replace("Voucher posted to Robin", "")
    meeting = only(Attendance, member_id=robin.id).meeting
    attendance = client.get(f"/panels/meetings/{meeting.id}/attendance").get_data(as_text=True)
    assert name in attendance  # attended then, so still on the register


def test_a_planned_leaving_date_or_a_future_start_becomes_today(panel):
    leaving = services.add_member(panel, display_name="Leaving", joined_on=date(2025, 1, 1),
                                  left_on=date(2099, 1, 1))
    joining = services.add_member(panel, display_name="Joining", joined_on=date(2099, 1, 1))
    services.erase_member(leaving)
    services.erase_member(joining)
    assert (leaving.joined_on, leaving.left_on) == (date(2025, 1, 1), date.today())
    assert (joining.joined_on, joining.left_on) == (None, date.today())


# --- Once erased, no more changes ------------------------------------------------------------


def test_erased_member_cannot_be_edited_or_erased_again(client, signed_in, robin):
    client.post(erase_url(robin))
    db.session.expire_all()
    erased_at = db.session.get(PanelMember, robin.id).erased_at
    for url in (f"/panels/members/{robin.id}/edit", erase_url(robin),
                f"/panels/members/{robin.id}/consents/new"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].endswith(f"/panels/members/{robin.id}"), url
        html = client.post(url, data={"display_name": "Robin Green", "is_pseudonym": "real",
                                      "purpose": QUOTE_PURPOSE, "given_on-day": "1",
                                      "given_on-month": "1", "given_on-year": "2026"},
                           follow_redirects=True).get_data(as_text=True)
        assert f"erased on {today_text()}" in html, url
        assert "nothing more to erase" in html, url
    db.session.expire_all()
    member = db.session.get(PanelMember, robin.id)
    assert member.display_name == f"Former member {robin.id}"
    assert member.erased_at == erased_at
    assert not [c for c in member.consents if c.is_current]


def test_services_refuse_to_change_an_erased_member(robin):
    services.erase_member(robin)
    with pytest.raises(PanelRuleError, match="nothing more to erase"):
        services.erase_member(robin)
    with pytest.raises(PanelRuleError):
        services.update_member(robin, display_name="Robin Green")
    with pytest.raises(PanelRuleError):
        services.record_consent(robin, purpose=QUOTE_PURPOSE, given_on=date.today())


# --- Who may erase ------------------------------------------------------------------------------


def test_lead_can_look_but_not_erase(client, auth, make_user, service_a, robin):
    auth.login(make_user(Role.LEAD, services=[service_a]))
    html = client.get(f"/panels/members/{robin.id}").get_data(as_text=True)
    assert "Erase this member" not in html
    assert client.get(erase_url(robin)).status_code == 403
    assert client.post(erase_url(robin)).status_code == 403
    db.session.expire_all()
    member = db.session.get(PanelMember, robin.id)
    assert (member.display_name, member.erased_at) == ("Robin Green", None)


def test_facilitator_of_another_service_gets_404(client, auth, make_user, service_b, robin):
    auth.login(make_user(Role.FACILITATOR, services=[service_b]))
    assert client.get(erase_url(robin)).status_code == 404
    assert client.post(erase_url(robin)).status_code == 404
    db.session.expire_all()
    member = db.session.get(PanelMember, robin.id)
    assert (member.display_name, member.email, member.erased_at) == (
        "Robin Green", "robin@example.com", None
    )


def test_erasing_needs_the_forms_csrf_token(app, client, signed_in, robin):
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(erase_url(robin)).status_code == 400
    db.session.expire_all()
    assert db.session.get(PanelMember, robin.id).erased_at is None
    assert 'name="csrf_token"' in client.get(erase_url(robin)).get_data(as_text=True)


def test_what_people_typed_is_escaped_on_the_confirmation_page(client, signed_in, panel,
                                                               service_a):
    member = services.add_member(panel, display_name="<b>Bold</b>", access_needs=["other"],
                                 access_notes="<script>alert(1)</script>")
    meeting = services.create_meeting(service_id=service_a.id, panel_id=panel.id,
                                      kind="panel_meeting", topic="<i>Topic</i>",
                                      held_on=date(2026, 1, 5))
    services.set_attendance(meeting, [member.id])
    services.add_contribution(meeting, text="<img src=x onerror=alert(1)>", member_id=member.id)
    services.record_involvement(meeting, member_id=member.id, hours="1", reward="declined",
                                notes="<u>note</u>")
    html = client.get(erase_url(member)).get_data(as_text=True)
    for raw in ("<b>Bold</b>", "<script>alert(1)", "<i>Topic</i>", "<img src=x", "<u>note</u>"):
        assert raw not in html, raw
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
