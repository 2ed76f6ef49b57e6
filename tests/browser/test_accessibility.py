"""The pages people use, checked by axe-core (WCAG 2.0, 2.1 and 2.2, A and AA, and axe's best
practices) in a real Chromium on a small phone (where nothing may scroll sideways) and a laptop,
plus keyboard basics on the survey.

Each test visits several pages and fails once, at the end, listing every page's violations (rule,
impact, the elements, and what the rule asks), so one run shows all there is to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import pytest
import sqlalchemy as sa

from feedback_app.actions.services import add_update, create_action, set_published
from feedback_app.auth.services import create_user
from feedback_app.comments.services import record_comment
from feedback_app.extensions import db
from feedback_app.models import Comment, CommentSource, CommentTheme, Role, Service, Theme
from feedback_app.panels import services as panels
from feedback_app.surveys import services as surveys

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery"
PHONE = {"width": 320, "height": 640}  # a small phone, and the width WCAG's reflow rule uses
LAPTOP = {"width": 1280, "height": 800}


@dataclass
class Seeded:
    base: str
    survey_slug: str
    survey_id: int
    action_id: int
    theme_id: int
    receipt_code: str
    panel_id: int
    member_id: int
    meeting_id: int


@pytest.fixture
def seeded(live_app) -> Seeded:
    """A small service with everything the pages show: a published survey with each kind of
    question and one response, a theme, a published action, and a panel with a meeting."""
    app, base = live_app
    with app.app_context():
        service = Service(name="Riverside Talking Therapies", slug="riverside")
        db.session.add(service)
        db.session.commit()
        lead = create_user("lead@example.nhs.uk", "Lee Lead", PASSWORD, Role.LEAD, [service])
        create_user("facilitator@example.nhs.uk", "Fran Facilitator", PASSWORD,
                    Role.FACILITATOR, [service])

        survey = surveys.create_survey(service, "Tell us about your therapy",
                                       intro="It takes about five minutes.")
        surveys.add_question(survey, "yes_no", "Were you offered a choice of times?",
                             required=True)
        surveys.add_question(survey, "frequency", "Did staff listen to you?")
        surveys.add_question(survey, "scale_0_4", "How easy was it to get an appointment?",
                             options=["Very hard", "Very easy"])
        surveys.add_question(survey, "single", "How did you have your sessions?",
                             options=["In person", "By video", "By phone"])
        surveys.add_question(survey, "multiple", "What helped?",
                             hint="Select all that apply.",
                             options=["My therapist", "The workbooks", "Group sessions"])
        surveys.publish_survey(survey)
        fft, text = survey.questions[0], survey.questions[1]
        response = surveys.record_response(
            survey, {fft: "Good", text: "Evening appointments would help people who work."},
            consent={"quote_publicly": True},
        )
        comment = db.session.scalars(sa.select(Comment).filter_by(response_id=response.id)).one()

        theme = Theme(service_id=service.id, key="appointment_access", name="Appointment times",
                      description="Appointments at times people can make.", size=3)
        db.session.add(theme)
        db.session.flush()
        comments = [comment]
        for said in ("No slots after 5pm.", "Please offer weekend appointments."):
            comments.append(record_comment(service_id=service.id, source=CommentSource.PANEL,
                                           text=said, received_at=datetime(2026, 3, 1)))
        db.session.flush()
        for c in comments:
            db.session.add(CommentTheme(comment_id=c.id, theme_id=theme.id, is_primary=True))
        db.session.commit()

        action = create_action(service_id=service.id, created_by_id=lead.id,
                               title="Evening appointments on Tuesdays",
                               description="Appointments until 8pm every Tuesday.",
                               owner="Clinical lead", theme_ids=[theme.id],
                               comment_ids=[comments[0].id], status="in_progress",
                               progress_pct=40)
        add_update(action, "Two therapists now work Tuesday evenings.", lead.id)
        set_published(action, True)

        panel = panels.create_panel(service_id=service.id, name="Riverside experts by experience",
                                    description="People who used the service.")
        member = panels.add_member(panel, display_name="Sam")
        meeting = panels.create_meeting(service_id=service.id, kind="panel_meeting",
                                        topic="Appointment times", held_on=datetime(2026, 3, 1),
                                        panel_id=panel.id)
        panels.set_attendance(meeting, [member.id])
        panels.add_contribution(meeting, text="Evenings would make it easier.",
                                member_id=member.id)
        return Seeded(base=base, survey_slug=survey.slug, survey_id=survey.id,
                      action_id=action.id, theme_id=theme.id,
                      receipt_code=response.receipt_code, panel_id=panel.id,
                      member_id=member.id, meeting_id=meeting.id)


def at_both_sizes(axe, page, url: str) -> None:
    """Check the page on a phone and on a laptop: the NHS.UK header and grid change between."""
    for size in (PHONE, LAPTOP):
        page.set_viewport_size(size)
        response = page.goto(url)
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        axe.check(page)


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/auth/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/dashboard$"))


def test_survey_pages_for_the_public(seeded, phone, axe):
    survey_url = f"{seeded.base}/s/{seeded.survey_slug}"
    at_both_sizes(axe, phone, survey_url)

    # A required question left out: the error summary and the error beside the question.
    phone.set_viewport_size(PHONE)
    phone.goto(survey_url)
    phone.get_by_role("button", name="Send feedback").click()
    phone.locator(".nhsuk-error-summary").wait_for()
    axe.check(phone, "survey with an error summary at 320px")
    phone.set_viewport_size(LAPTOP)
    axe.check(phone, "survey with an error summary at 1280px")

    # Answered: the thank-you page with the receipt and the crisis card.
    phone.set_viewport_size(PHONE)
    phone.get_by_label("Good", exact=True).check()
    phone.get_by_role("group", name=re.compile("choice of times")).get_by_label(
        "Yes", exact=True).check()
    phone.get_by_role("button", name="Send feedback").click()
    phone.wait_for_url(re.compile(r"/thank-you$"))
    assert phone.locator("#receipt-code").first.is_visible()
    axe.check(phone, "thank-you page at 320px")
    phone.set_viewport_size(LAPTOP)
    axe.check(phone, "thank-you page at 1280px")
    axe.assert_clean()


def test_receipt_help_and_sign_in_pages(seeded, phone, axe):
    base = seeded.base
    at_both_sizes(axe, phone, f"{base}/receipt")
    at_both_sizes(axe, phone, f"{base}/help")
    at_both_sizes(axe, phone, f"{base}/you-said-we-did/riverside")

    phone.set_viewport_size(PHONE)
    phone.goto(f"{base}/receipt")
    phone.get_by_label("Your receipt code").fill("AAAA-AAAA")
    phone.get_by_role("button", name="Continue").click()
    phone.locator(".nhsuk-error-summary").wait_for()
    axe.check(phone, "receipt code not found at 320px")
    phone.get_by_label("Your receipt code").fill(seeded.receipt_code)
    phone.get_by_role("button", name="Continue").click()
    phone.wait_for_url(re.compile(r"/receipt/yours$"))
    axe.check(phone)
    phone.set_viewport_size(LAPTOP)
    axe.check(phone)

    at_both_sizes(axe, phone, f"{base}/auth/login")
    phone.get_by_label("Email address").fill("nobody@example.nhs.uk")
    phone.get_by_label("Password").fill("not the password")
    phone.get_by_role("button", name="Sign in").click()
    phone.locator(".nhsuk-error-summary").wait_for()
    axe.check(phone, "sign-in error at 1280px")
    axe.assert_clean()


STAFF_PAGES = ["/dashboard", "/feedback/", "/feedback/attention", "/surveys/", "/panels/",
               "/themes/", "/themes/overview", "/actions/"]


@pytest.mark.parametrize("role", ["lead", "facilitator"])
def test_staff_pages(seeded, phone, axe, role):
    base = seeded.base
    sign_in(phone, base, f"{role}@example.nhs.uk")
    pages = [*STAFF_PAGES, f"/surveys/{seeded.survey_id}", f"/surveys/{seeded.survey_id}/results",
             f"/actions/{seeded.action_id}", f"/themes/{seeded.theme_id}",
             f"/panels/{seeded.panel_id}", f"/panels/meetings/{seeded.meeting_id}",
             "/you-said-we-did/riverside"]
    if role == "lead":  # plans actions
        pages += [f"/actions/{seeded.action_id}/edit"]
    else:  # looks after the panel's members
        pages += [f"/panels/members/{seeded.member_id}",
                  f"/panels/members/{seeded.member_id}/consents/new"]
    for path in pages:
        at_both_sizes(axe, phone, base + path)
    axe.assert_clean()


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(seeded, phone):
    phone.goto(f"{seeded.base}/s/{seeded.survey_slug}")
    phone.keyboard.press("Tab")
    first = phone.evaluate("({tag: document.activeElement.tagName,"
                           " text: document.activeElement.textContent.trim(),"
                           " href: document.activeElement.getAttribute('href')})")
    assert first["tag"] == "A" and first["text"] == "Skip to main content"
    target = first["href"]
    assert target.startswith("#")
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == target[1:]
    assert phone.evaluate("document.activeElement.tagName") == "MAIN"
    # The next tab stop is inside the page's content, not back in the header.
    phone.keyboard.press("Tab")
    assert phone.evaluate(f"document.querySelector('{target}').contains(document.activeElement)")
