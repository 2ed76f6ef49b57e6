"""A person answers a survey on a small phone in a real Chromium, against a real server."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from feedback_app.extensions import db
from feedback_app.models import Comment, Service
from feedback_app.surveys import services

pytestmark = pytest.mark.browser

RECEIPT = re.compile(r"^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$")
WORRYING = "The wait was so long I started thinking about ending my life."


def publish_survey(live_app, title: str, *questions: tuple[str, str, bool]) -> str:
    """A published survey (the FFT and a free-text follow-up, then `questions` as (kind, text,
    required)) in a new service of the live app; returns its public address."""
    app, base = live_app
    with app.app_context():
        service = Service(name="Riverside Talking Therapies", slug="riverside")
        db.session.add(service)
        db.session.commit()
        survey = services.create_survey(service, title)
        for kind, text, required in questions:
            services.add_question(survey, kind, text, required=required)
        services.publish_survey(survey)
        return f"{base}/s/{survey.slug}"


@pytest.fixture
def survey_url(live_app):
    return publish_survey(live_app, "Tell us about your therapy")


def fits_the_screen(page) -> bool:
    # clientWidth, not window.innerWidth: on a phone (mobile emulation) the visual viewport
    # zooms out to fit wide content, so innerWidth grows with the page and always "fits".
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_answering_on_a_phone_gives_a_receipt_and_crisis_help(live_app, survey_url, phone):
    app, _ = live_app
    phone.goto(survey_url)
    assert fits_the_screen(phone)
    phone.get_by_label("Good", exact=True).check()
    phone.locator("textarea").first.fill(WORRYING)
    phone.get_by_role("button", name=re.compile("Send|Submit")).click()

    phone.wait_for_url(re.compile(r"/thank-you$"))
    code = phone.locator("#receipt-code").first.inner_text().strip()
    assert RECEIPT.match(code)
    page_text = phone.locator("body").inner_text()
    assert "116 123" in page_text  # Samaritans
    assert "85258" in page_text  # text SHOUT
    assert "111" in page_text
    assert fits_the_screen(phone)

    with app.app_context():
        comment = db.session.scalars(sa.select(Comment)).one()
        assert comment.text == WORRYING
        assert comment.risk_level != "none"  # flagged for a person to read


def test_an_expired_session_keeps_every_answer(live_app, survey_url, phone):
    app, _ = live_app
    phone.goto(survey_url)
    phone.get_by_label("Poor", exact=True).check()
    phone.locator("textarea").first.fill("Nobody called me back for weeks.")
    phone.context.clear_cookies()  # as if the session ran out while the person was typing
    phone.get_by_role("button", name=re.compile("Send|Submit")).click()

    assert phone.locator(".nhsuk-error-summary").is_visible()
    assert phone.locator("textarea").first.input_value() == "Nobody called me back for weeks."
    assert phone.get_by_label("Poor", exact=True).is_checked()
    with app.app_context():
        assert db.session.scalars(sa.select(Comment)).first() is None

    # Sending again now works, and the answers are kept exactly once.
    phone.get_by_role("button", name=re.compile("Send|Submit")).click()
    phone.wait_for_url(re.compile(r"/thank-you$"))
    with app.app_context():
        assert [c.text for c in db.session.scalars(sa.select(Comment))] == [
            "Nobody called me back for weeks."
        ]


def test_a_missing_answer_is_announced_and_focused(live_app, phone):
    """The NHS.UK error summary takes focus (for screen readers) and its link goes to the field."""
    phone.goto(publish_survey(live_app, "Quick question",
                              ("yes_no", "Were you offered a choice of times?", True)))
    phone.locator("textarea").first.fill("Kept: what I typed before the error.")
    phone.get_by_role("button", name="Send feedback").click()

    summary = phone.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert "There is a problem" in summary.inner_text()
    assert phone.evaluate("document.activeElement.classList.contains('nhsuk-error-summary')")
    summary.locator("a").first.click()
    focused_name = phone.evaluate("document.activeElement.name")
    assert focused_name and focused_name.startswith("q")
    assert phone.locator("textarea").first.input_value() == "Kept: what I typed before the error."


def test_the_survey_works_with_javascript_off(live_app, survey_url, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        page.goto(survey_url)
        page.get_by_label("Neither good nor poor", exact=True).check()
        page.locator("textarea").first.fill("Fine, but the letters were confusing.")
        page.get_by_role("button", name="Send feedback").click()
        page.wait_for_url(re.compile(r"/thank-you$"))
        assert RECEIPT.match(page.locator("#receipt-code").first.inner_text().strip())
    finally:
        context.close()
