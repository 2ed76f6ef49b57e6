"""Meetings and focus groups: dates, attendance, what was said (as comments), involvement."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa

from feedback_app.extensions import db
from feedback_app.models import (
    Attendance,
    Comment,
    CommentSource,
    Contribution,
    Involvement,
    Meeting,
    Role,
)
from feedback_app.panels import services
from feedback_app.panels.services import PanelRuleError

RISKY = "I have been thinking about killing myself since the sessions stopped"






@pytest.fixture
def members(panel):
    return [
        services.add_member(panel, display_name=name, joined_on=date(2025, 1, 1))
        for name in ("Ash", "Bo", "Cam")
    ]


@pytest.fixture
def meeting(service_a, panel, members):
    return services.create_meeting(
        service_id=service_a.id, panel_id=panel.id, kind="panel_meeting",
        topic="Waiting times", held_on=date(2026, 3, 9),
    )


def meeting_form(**overrides):
    data = {
        "kind": "panel_meeting", "panel_id": "", "topic": "Letters we send",
        "held_on-day": "9", "held_on-month": "3", "held_on-year": "2026",
        "agenda": "What is confusing?", "participation_level": "involve", "notes": "",
    }
    data.update(overrides)
    return data


def comment_of(contribution_id):
    return db.session.scalar(sa.select(Comment).where(Comment.contribution_id == contribution_id))


# --- Meetings -------------------------------------------------------------------------------


def test_create_panel_meeting(client, signed_in, service_a, panel):
    page = client.get(f"/panels/meetings/new?service_id={service_a.id}&panel_id={panel.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Co-produce" in html
    assert "shared power" in html  # each level is explained
    response = client.post(f"/panels/meetings/new?service_id={service_a.id}",
                           data=meeting_form(panel_id=str(panel.id)))
    assert response.status_code == 302
    meeting = db.session.scalar(sa.select(Meeting))
    assert (meeting.panel_id, meeting.service_id, meeting.kind) == (
        panel.id, service_a.id, "panel_meeting"
    )
    assert meeting.held_on == date(2026, 3, 9)
    assert meeting.participation_level == "involve"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "9 March 2026" in html
    assert "Involve" in html


def test_standalone_focus_group(client, signed_in, service_a, count_rows):
    response = client.post(f"/panels/meetings/new?service_id={service_a.id}",
                           data=meeting_form(kind="focus_group"))
    assert response.status_code == 302
    meeting = db.session.scalar(sa.select(Meeting))
    assert meeting.panel_id is None
    assert meeting.kind == "focus_group"
    assert "Letters we send" in client.get("/panels/").get_data(as_text=True)


def test_panel_meeting_needs_a_panel(client, signed_in, service_a, count_rows):
    html = client.post(f"/panels/meetings/new?service_id={service_a.id}",
                       data=meeting_form()).get_data(as_text=True)
    assert "Select the panel this meeting is for" in html
    assert count_rows(Meeting) == 0


@pytest.mark.parametrize(("day", "month", "year", "message"), [
    ("", "", "", "Enter the date of the meeting"),
    ("30", "2", "2026", "Date of the meeting must be a real date"),
    ("12", "", "2026", "Date of the meeting must include a month"),
    ("12", "", "", "Date of the meeting must include a month and year"),
    ("1", "13", "2026", "Date of the meeting must be a real date"),
    ("1", "2", "26", "Year must include 4 numbers"),
    ("x", "2", "2026", "Date of the meeting must be a real date"),
])
def test_meeting_date_errors_keep_what_was_typed(client, signed_in, service_a, panel, count_rows,
                                                 day, month, year, message):
    page = client.post(f"/panels/meetings/new?service_id={service_a.id}", data=meeting_form(**{
        "panel_id": str(panel.id), "topic": "Kept topic",
        "held_on-day": day, "held_on-month": month, "held_on-year": year,
    }))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "There is a problem" in html
    assert message in html
    # The summary links to the first box that needs fixing.
    first_bad = "held_on-month" if message.endswith(("a month", "month and year")) else (
        "held_on-year" if message.startswith("Year") else "held_on")
    assert f'href="#{first_bad}"' in html
    assert f'id="{first_bad}"' in html
    assert 'value="Kept topic"' in html
    assert "What is confusing?" in html
    for value in (day, month, year):
        if value:
            assert f'value="{value}"' in html
    assert count_rows(Meeting) == 0


def test_edit_meeting_moves_its_comments_to_the_new_date(client, signed_in, meeting):
    contribution = services.add_contribution(meeting, text="More evening sessions please")
    response = client.post(f"/panels/meetings/{meeting.id}/edit", data={
        "topic": "Waiting times and evenings", "held_on-day": "10", "held_on-month": "3",
        "held_on-year": "2026", "participation_level": "consult",
    })
    assert response.status_code == 302
    db.session.refresh(meeting)
    assert meeting.topic == "Waiting times and evenings"
    assert comment_of(contribution.id).received_at == datetime(2026, 3, 10, 12, 0)


# --- Attendance -----------------------------------------------------------------------------


def test_record_attendance(client, signed_in, meeting, members):
    ash, bo, cam = members
    page = client.get(f"/panels/meetings/{meeting.id}/attendance").get_data(as_text=True)
    for m in members:
        assert m.display_name in page
    response = client.post(f"/panels/meetings/{meeting.id}/attendance",
                           data={"member_ids": [ash.id, cam.id]})
    assert response.status_code == 302
    attended = set(db.session.scalars(
        sa.select(Attendance.member_id).where(Attendance.meeting_id == meeting.id)
    ))
    assert attended == {ash.id, cam.id}
    client.post(f"/panels/meetings/{meeting.id}/attendance", data={"member_ids": [bo.id]})
    attended = set(db.session.scalars(
        sa.select(Attendance.member_id).where(Attendance.meeting_id == meeting.id)
    ))
    assert attended == {bo.id}


def test_attendance_offers_only_members_on_the_date(client, signed_in, panel, meeting, members):
    late = services.add_member(panel, display_name="Latecomer", joined_on=date(2026, 6, 1))
    gone = services.add_member(panel, display_name="Gone", joined_on=date(2025, 1, 1),
                               left_on=date(2025, 12, 1))
    page = client.get(f"/panels/meetings/{meeting.id}/attendance").get_data(as_text=True)
    assert "Latecomer" not in page
    assert "Gone" not in page
    response = client.post(f"/panels/meetings/{meeting.id}/attendance",
                           data={"member_ids": [late.id, gone.id]})
    assert response.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attendance)) == 0


# --- What was said --------------------------------------------------------------------------


def test_contribution_becomes_an_anonymous_panel_comment(client, signed_in, meeting, service_a):
    response = client.post(f"/panels/meetings/{meeting.id}/contributions/new",
                           data={"text": "  The letters were hard to follow.  "})
    assert response.status_code == 302
    contribution = db.session.scalar(sa.select(Contribution))
    assert contribution.member_id is None
    assert contribution.text == "The letters were hard to follow."
    comment = comment_of(contribution.id)
    assert comment.source == CommentSource.PANEL
    assert comment.service_id == service_a.id
    assert comment.meeting_id == meeting.id
    assert comment.text == "The letters were hard to follow."
    assert comment.received_at == datetime(2026, 3, 9, 12, 0)
    assert comment.risk_level == "none"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Anonymous" in html
    assert "This may describe a risk" not in html


def test_attributed_focus_group_contribution(client, signed_in, service_a, panel, members):
    focus = services.create_meeting(service_id=service_a.id, panel_id=panel.id,
                                    kind="focus_group", topic="Our website",
                                    held_on=date(2026, 4, 1))
    bo = members[1]
    client.post(f"/panels/meetings/{focus.id}/contributions/new",
                data={"text": "I could not find the phone number.", "member_id": str(bo.id)})
    contribution = db.session.scalar(sa.select(Contribution))
    assert contribution.member_id == bo.id
    comment = comment_of(contribution.id)
    assert comment.source == CommentSource.FOCUS_GROUP
    assert comment.meeting_id == focus.id
    html = client.get(f"/panels/meetings/{focus.id}").get_data(as_text=True)
    assert "Bo" in html


def test_standalone_focus_group_contributions_are_anonymous(client, signed_in, service_a):
    focus = services.create_meeting(service_id=service_a.id, kind="focus_group",
                                    topic="Drop-in", held_on=date(2026, 4, 1))
    page = client.get(f"/panels/meetings/{focus.id}/contributions/new").get_data(as_text=True)
    assert "Who said it?" not in page
    client.post(f"/panels/meetings/{focus.id}/contributions/new", data={"text": "Good chairs"})
    comment = db.session.scalar(sa.select(Comment))
    assert (comment.source, comment.service_id) == (CommentSource.FOCUS_GROUP, service_a.id)


def test_risky_contribution_warns_the_facilitator(client, signed_in, meeting):
    response = client.post(f"/panels/meetings/{meeting.id}/contributions/new",
                           data={"text": RISKY}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "This may describe a risk to someone&#39;s safety" in html
    assert "Follow your service&#39;s safeguarding procedure." in html
    assert "killing myself" in html  # the reason
    assert "nhsuk-card--warning" in html
    comment = db.session.scalar(sa.select(Comment))
    assert comment.risk_level != "none"


def test_a_contribution_flagged_by_the_learnt_reader_says_so(client, signed_in, meeting):
    text = "P2 said most nights she sits in the car by the reservoir and wonders how deep it is."
    response = client.post(f"/panels/meetings/{meeting.id}/contributions/new",
                           data={"text": text}, follow_redirects=True)
    html = response.get_data(as_text=True)
    comment = db.session.scalar(sa.select(Comment))
    # Review or urgent, as the learnt urgency model reads it; either way it says where the
    # flag came from.
    assert comment.risk_learnt is True and comment.risk_level != "none"
    assert "This may describe a risk to someone&#39;s safety" in html
    assert "our risk rules did not flag it" in html
    assert "it mentions" not in html


def test_contribution_text_is_required_and_limited(client, signed_in, meeting, count_rows):
    html = client.post(f"/panels/meetings/{meeting.id}/contributions/new",
                       data={"text": "   "}).get_data(as_text=True)
    assert "Enter what was said" in html
    long_text = "a" * 5001
    html = client.post(f"/panels/meetings/{meeting.id}/contributions/new",
                       data={"text": long_text}).get_data(as_text=True)
    assert "5,000 characters or fewer" in html
    assert long_text in html
    assert count_rows(Contribution) == 0
    assert count_rows(Comment) == 0


def test_editing_a_contribution_rescreens_its_comment(client, signed_in, meeting, members):
    contribution = services.add_contribution(meeting, text="The room was cold.")
    assert comment_of(contribution.id).risk_level == "none"
    response = client.post(f"/panels/contributions/{contribution.id}/edit",
                           data={"text": RISKY, "member_id": str(members[0].id)},
                           follow_redirects=True)
    assert "This may describe a risk" in response.get_data(as_text=True)
    comment = comment_of(contribution.id)
    assert comment.text == RISKY
    assert comment.risk_level != "none"
    assert comment.risk_reasons
    db.session.refresh(contribution)
    assert contribution.member_id == members[0].id
    client.post(f"/panels/contributions/{contribution.id}/edit",
                data={"text": "The room was warm.", "member_id": ""})
    db.session.expire_all()
    comment = comment_of(contribution.id)
    assert (comment.text, comment.risk_level, comment.risk_reasons) == (
        "The room was warm.", "none", []
    )


def test_deleting_a_contribution_deletes_its_comment(client, signed_in, meeting, count_rows):
    contribution = services.add_contribution(meeting, text="Please phone before visiting.")
    page = client.get(f"/panels/contributions/{contribution.id}/delete")
    assert "Are you sure" in page.get_data(as_text=True)
    response = client.post(f"/panels/contributions/{contribution.id}/delete")
    assert response.status_code == 302
    assert count_rows(Contribution) == 0
    assert count_rows(Comment) == 0


def test_contribution_by_someone_not_on_the_panel_is_refused(meeting, service_a):
    other = services.create_panel(service_id=service_a.id, name="Other panel")
    stranger = services.add_member(other, display_name="Stranger")
    with pytest.raises(PanelRuleError):
        services.add_contribution(meeting, text="Hello", member_id=stranger.id)


# --- Involvement ----------------------------------------------------------------------------


def involvement(client, meeting, member, **data):
    return client.post(f"/panels/meetings/{meeting.id}/involvement/{member.id}", data=data)


def test_record_involvement(client, signed_in, meeting, members):
    services.set_attendance(meeting, [members[0].id])
    html = client.get(f"/panels/meetings/{meeting.id}").get_data(as_text=True)
    assert "Not recorded yet" in html
    response = involvement(client, meeting, members[0], hours="2.5", reward="payment",
                           amount="£25.00", notes="Bank transfer")
    assert response.status_code == 302
    row = db.session.scalar(sa.select(Involvement))
    assert (row.hours, row.reward, row.amount_pence) == (Decimal("2.50"), "payment", 2500)
    # Saving again changes the same row.
    involvement(client, meeting, members[0], hours="3", reward="voucher", amount="20")
    db.session.expire_all()
    rows = list(db.session.scalars(sa.select(Involvement)))
    assert len(rows) == 1
    assert (rows[0].reward, rows[0].amount_pence) == ("voucher", 2000)


@pytest.mark.parametrize(("data", "message"), [
    ({"hours": "2", "reward": "declined", "amount": "10"},
     "Leave the amount empty when the member declined"),
    ({"hours": "2", "reward": "payment", "amount": ""}, "Enter the amount in pounds"),
    ({"hours": "25", "reward": "declined"}, "Enter the hours as a number from 0 to 24"),
    ({"hours": "-1", "reward": "declined"}, "Enter the hours as a number from 0 to 24"),
    ({"hours": "", "reward": "declined"}, "Enter the number of hours"),
    ({"hours": "2", "reward": "expenses", "amount": "ten"}, "Enter the amount in pounds"),
    ({"hours": "2", "reward": "voucher", "amount": "1.005"}, "up to 2 numbers after"),
    ({"hours": "2"}, "Select how the member was thanked"),
])
def test_involvement_validation(client, signed_in, meeting, members, count_rows, data, message):
    page = involvement(client, meeting, members[0], **data)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert message in html
    assert "There is a problem" in html
    assert count_rows(Involvement) == 0


def test_service_refuses_an_amount_with_declined(meeting, members):
    with pytest.raises(PanelRuleError):
        services.record_involvement(meeting, member_id=members[0].id, hours=1,
                                    reward="declined", amount_pence=500)


def test_involvement_summary_totals(client, signed_in, service_a, panel, meeting, members):
    ash, bo, _cam = members
    second = services.create_meeting(service_id=service_a.id, panel_id=panel.id,
                                     kind="focus_group", topic="Website",
                                     held_on=date(2026, 4, 20))
    services.record_involvement(meeting, member_id=ash.id, hours="2", reward="payment",
                                amount_pence=2500)
    services.record_involvement(second, member_id=ash.id, hours="1.5", reward="expenses",
                                amount_pence=740)
    services.record_involvement(meeting, member_id=bo.id, hours="2", reward="declined")
    services.record_involvement(second, member_id=bo.id, hours="1.25", reward="voucher",
                                amount_pence=1000)
    summary = services.involvement_summary(panel)
    rows = {r.member.display_name: r for r in summary.rows}
    assert set(rows) == {"Ash", "Bo"}  # Cam has nothing recorded
    assert rows["Ash"].hours == Decimal("3.50")
    assert rows["Ash"].pence == {"payment": 2500, "voucher": 0, "expenses": 740}
    assert rows["Ash"].meetings == 2
    assert rows["Bo"].declined == 1
    assert rows["Bo"].pence["voucher"] == 1000
    assert summary.total.hours == Decimal("6.75")
    assert summary.total.total_pence == 4240
    assert summary.total.meetings == 2  # two meetings, each counted once
    # A period only counts meetings in it.
    april = services.involvement_summary(panel, start=date(2026, 4, 1), end=date(2026, 4, 30))
    assert april.total.hours == Decimal("2.75")

    html = client.get(f"/panels/{panel.id}/involvement").get_data(as_text=True)
    assert "6.75" in html
    assert "£25.00" in html
    assert "£7.40" in html
    html = client.get(f"/panels/members/{ash.id}").get_data(as_text=True)
    assert "3.50" in html
    assert "£25.00" in html
    html = client.get(f"/panels/{panel.id}/involvement?start-day=1&start-month=4&start-year=2026"
                      "&end-day=30&end-month=4&end-year=2026").get_data(as_text=True)
    assert "2.75" in html
    assert "£25.00" not in html


def test_involvement_period_errors_are_shown(client, signed_in, panel):
    html = client.get(f"/panels/{panel.id}/involvement?start-day=31&start-month=2"
                      "&start-year=2026").get_data(as_text=True)
    assert "From must be a real date" in html


def test_involvement_csv_neutralises_formulas(client, signed_in, meeting, members):
    ash = members[0]
    services.update_member(ash, display_name="=HYPERLINK(\"http://evil\")",
                           joined_on=date(2025, 1, 1))
    services.record_involvement(meeting, member_id=ash.id, hours="2", reward="payment",
                                amount_pence=2500, notes="+cmd|' /C calc'!A0")
    services.record_involvement(meeting, member_id=members[1].id, hours="1",
                                reward="declined", notes="@SUM(1)")
    response = client.get(f"/panels/{meeting.panel_id}/involvement.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "Panel"
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=HYPERLINK(\"http://evil\")" in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "'@SUM(1)" in cells
    assert "25.00" in cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+44", "'+44"), ("-2", "'-2"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("plain", "plain"), (None, ""), (12, "12"),
])
def test_neutralise_cell(value, expected):
    assert services.neutralise_cell(value) == expected


# --- Isolation and roles for meetings -------------------------------------------------------


def test_lead_sees_meeting_but_cannot_add_to_it(client, auth, make_user, service_a, meeting,
                                                count_rows):
    services.add_contribution(meeting, text="Kind receptionist")
    auth.login(make_user(Role.LEAD, services=[service_a]))
    html = client.get(f"/panels/meetings/{meeting.id}").get_data(as_text=True)
    assert "Kind receptionist" in html
    assert "Add what was said" not in html
    assert client.post(f"/panels/meetings/{meeting.id}/contributions/new",
                       data={"text": "Lead words"}).status_code == 403
    assert client.post(f"/panels/meetings/{meeting.id}/attendance",
                       data={"member_ids": []}).status_code == 403
    assert client.get(f"/panels/{meeting.panel_id}/involvement.csv").status_code == 200
    assert count_rows(Contribution) == 1


def test_facilitator_of_another_service_gets_404(client, auth, make_user, make_service,
                                                 meeting, members, count_rows):
    contribution = services.add_contribution(meeting, text="North words")
    auth.login(make_user(Role.FACILITATOR, services=[make_service(name="South")]))
    for url in (f"/panels/meetings/{meeting.id}",
                f"/panels/meetings/{meeting.id}/attendance",
                f"/panels/meetings/{meeting.id}/involvement/{members[0].id}",
                f"/panels/contributions/{contribution.id}/edit"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/panels/contributions/{contribution.id}/delete").status_code == 404
    assert client.post(f"/panels/meetings/{meeting.id}/contributions/new",
                       data={"text": "Injected"}).status_code == 404
    assert count_rows(Contribution) == 1
    assert count_rows(Comment) == 1


# --- Themes and actions follow the text -------------------------------------------------------


@pytest.fixture
def themed(meeting, service_a):
    from feedback_app.models import Action, CommentTheme, Theme

    contribution = services.add_contribution(meeting, text="The waiting room is too cold.")
    comment = comment_of(contribution.id)
    theme = Theme(service_id=service_a.id, key="environment", name="Rooms", size=1)
    action = Action(service_id=service_a.id, title="Fix the heating")
    db.session.add_all([theme, action])
    db.session.flush()
    db.session.add(CommentTheme(comment_id=comment.id, theme_id=theme.id, is_primary=True))
    action.comments.append(comment)
    comment.sentiment = -0.4
    db.session.commit()
    return contribution, theme, action


def test_changing_the_words_unfiles_the_comment_from_its_themes(client, signed_in, themed):
    from feedback_app.models import CommentTheme

    contribution, theme, _ = themed
    client.post(f"/panels/contributions/{contribution.id}/edit",
                data={"text": "The chairs are uncomfortable.", "member_id": ""})
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CommentTheme)) == 0
    assert db.session.get(type(theme), theme.id).size == 0
    assert comment_of(contribution.id).sentiment is None


def test_changing_only_who_said_it_keeps_themes(client, signed_in, themed, members):
    from feedback_app.models import CommentTheme

    contribution, _, _ = themed
    client.post(f"/panels/contributions/{contribution.id}/edit",
                data={"text": contribution.text, "member_id": str(members[0].id)})
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CommentTheme)) == 1


def test_deleting_a_themed_linked_contribution(client, signed_in, themed, count_rows):
    from feedback_app.models import Action, action_comment

    contribution, theme, action = themed
    assert client.post(f"/panels/contributions/{contribution.id}/delete").status_code == 302
    db.session.expire_all()
    assert count_rows(Comment) == 0
    assert db.session.get(type(theme), theme.id).size == 0
    assert db.session.get(Action, action.id) is not None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(action_comment)) == 0


# --- Public quoting follows the member's consent ----------------------------------------------


def test_quoting_follows_consent(client, signed_in, meeting, members):
    ash, bo, _ = members
    services.record_consent(ash, purpose=services.QUOTE_PURPOSE, given_on=date(2025, 1, 1))
    said_by_ash = services.add_contribution(meeting, text="Evening groups helped me.",
                                            member_id=ash.id)
    said_by_bo = services.add_contribution(meeting, text="Parking is hard.", member_id=bo.id)
    anonymous = services.add_contribution(meeting, text="Nice staff.")
    assert comment_of(said_by_ash.id).quote_publicly is True
    assert comment_of(said_by_bo.id).quote_publicly is False
    assert comment_of(anonymous.id).quote_publicly is False
    # Re-attributing to someone without that consent stops the quoting.
    client.post(f"/panels/contributions/{said_by_ash.id}/edit",
                data={"text": said_by_ash.text, "member_id": str(bo.id)})
    assert comment_of(said_by_ash.id).quote_publicly is False
    client.post(f"/panels/contributions/{said_by_ash.id}/edit",
                data={"text": said_by_ash.text, "member_id": str(ash.id)})
    assert comment_of(said_by_ash.id).quote_publicly is True
    # Withdrawing the consent takes effect at once.
    consent = next(c for c in ash.consents if c.purpose == services.QUOTE_PURPOSE)
    client.post(f"/panels/consents/{consent.id}/withdraw", data={
        "withdrawn_on-day": "2", "withdrawn_on-month": "1", "withdrawn_on-year": "2025",
    })
    db.session.expire_all()
    assert comment_of(said_by_ash.id).quote_publicly is False


def test_focus_groups_are_listed_a_page_at_a_time(client, signed_in, service_a, app):
    app.config["PAGE_SIZE"] = 4
    for day in range(1, 11):
        services.create_meeting(service_id=service_a.id, kind="focus_group",
                                topic=f"Topic number {day}", held_on=date(2026, 1, day))
    index = client.get("/panels/").get_data(as_text=True)
    assert "Topic number 10" in index
    assert "Topic number 1<" not in index  # only the latest few on the index
    assert "See all 10 focus groups" in index
    first = client.get(f"/panels/focus-groups?service_id={service_a.id}").get_data(as_text=True)
    assert "Topic number 10" in first
    assert "Topic number 6" not in first
    third = client.get(f"/panels/focus-groups?service_id={service_a.id}&page=3")
    assert "Topic number 1<" in third.get_data(as_text=True)


def test_focus_group_list_of_another_service_is_404(client, signed_in, make_service):
    other = make_service(name="Elsewhere")
    assert client.get(f"/panels/focus-groups?service_id={other.id}").status_code == 404
    assert client.get("/panels/focus-groups").status_code == 404


def test_financial_year_links():
    from feedback_app.panels.pages import financial_years

    links = financial_years(date(2026, 2, 10))
    assert links[0][0] == "This financial year (April 2025 to March 2026)"
    assert links[0][1] == {"start-day": "1", "start-month": "4", "start-year": "2025",
                           "end-day": "31", "end-month": "3", "end-year": "2026"}
    assert links[1][0].startswith("Last financial year (April 2024")
    assert financial_years(date(2026, 4, 1))[0][0].endswith("(April 2026 to March 2027)")


def test_remove_an_involvement_record(client, signed_in, meeting, members, count_rows):
    row = services.record_involvement(meeting, member_id=members[0].id, hours="1",
                                      reward="declined")
    page = client.get(f"/panels/meetings/{meeting.id}/involvement/{members[0].id}")
    assert "Remove this record" in page.get_data(as_text=True)
    response = client.post(f"/panels/involvement/{row.id}/delete")
    assert response.status_code == 302
    assert count_rows(Involvement) == 0


def test_cannot_remove_another_services_involvement(client, auth, make_user, make_service,
                                                     meeting, members, count_rows):
    row = services.record_involvement(meeting, member_id=members[0].id, hours="1",
                                      reward="declined")
    auth.login(make_user(Role.FACILITATOR, services=[make_service(name="Elsewhere")]))
    assert client.post(f"/panels/involvement/{row.id}/delete").status_code == 404
    assert count_rows(Involvement) == 1


def test_delete_a_meeting_added_by_mistake(client, signed_in, meeting, members, count_rows):
    services.set_attendance(meeting, [members[0].id])
    services.add_contribution(meeting, text="Said at the wrong meeting")
    assert "Are you sure" in client.get(f"/panels/meetings/{meeting.id}/delete").get_data(
        as_text=True)
    response = client.post(f"/panels/meetings/{meeting.id}/delete")
    assert response.status_code == 302
    assert (count_rows(Meeting), count_rows(Contribution), count_rows(Comment),
            count_rows(Attendance)) == (0, 0, 0, 0)


def test_meeting_with_payments_is_not_deleted(client, signed_in, meeting, members, count_rows):
    services.record_involvement(meeting, member_id=members[0].id, hours="2", reward="payment",
                                amount_pence=2000)
    html = client.post(f"/panels/meetings/{meeting.id}/delete").get_data(as_text=True)
    assert "Remove the involvement and payment records first" in html
    assert count_rows(Meeting) == 1


def test_impossible_date_highlights_every_box(client, signed_in, service_a, panel):
    html = client.post(f"/panels/meetings/new?service_id={service_a.id}", data=meeting_form(**{
        "panel_id": str(panel.id), "held_on-day": "30", "held_on-month": "2",
    })).get_data(as_text=True)
    boxes = [line for line in html.splitlines() if 'name="held_on-' in line]
    assert len(boxes) == 3
    assert all("nhsuk-input--error" in line for line in boxes)
    html = client.post(f"/panels/meetings/new?service_id={service_a.id}", data=meeting_form(**{
        "panel_id": str(panel.id), "held_on-month": "",
    })).get_data(as_text=True)
    boxes = {re.search(r'name="(held_on-\w+)"', line).group(1): "nhsuk-input--error" in line
             for line in html.splitlines() if 'name="held_on-' in line}
    assert boxes == {"held_on-day": False, "held_on-month": True, "held_on-year": False}
