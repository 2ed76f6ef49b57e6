"""Text people type is shown as text, never run as markup, including inside NHS.UK components."""

from __future__ import annotations

from feedback_app.models import QuestionKind
from feedback_app.surveys import services

SCRIPT = "<script>alert('x')</script>"


def test_question_text_and_options_are_escaped_on_the_survey_page(client, make_service):
    survey = services.create_survey(make_service(), "Your views")
    services.add_question(survey, QuestionKind.SINGLE, f"Pick one {SCRIPT}",
                          options=[f"Option {SCRIPT}", "Other"])
    services.add_question(survey, QuestionKind.YES_NO, f"Yes or no {SCRIPT}",
                          hint=f"A hint {SCRIPT}")
    services.publish_survey(survey)

    page = client.get(f"/s/{survey.slug}").get_data(as_text=True)

    assert "<script>alert" not in page
    assert "Pick one &lt;script&gt;" in page
    assert "Option &lt;script&gt;" in page



def test_survey_titles_are_escaped_in_the_inbox_filter(client, make_service, make_user, auth):
    service = make_service()
    services.create_survey(service, f"Title {SCRIPT}")
    auth.login(make_user("lead", services=[service]))

    page = client.get("/feedback/").get_data(as_text=True)

    assert "<script>alert" not in page
    assert "Title &lt;script&gt;" in page


def test_typed_text_coming_back_after_an_error_is_escaped(client, make_service):
    survey = services.create_survey(make_service(), "Your views")
    services.add_question(survey, QuestionKind.YES_NO, "Required one", required=True)
    services.publish_survey(survey)
    text_q = next(q for q in survey.questions if q.kind == QuestionKind.TEXT)
    typed = f"</textarea>{SCRIPT}"

    page = client.post(f"/s/{survey.slug}", data={f"q{text_q.id}": typed,
                                                  "submission_key": "k" * 24})

    body = page.get_data(as_text=True)
    assert "There is a problem" in body
    assert "<script>alert" not in body
    assert "&lt;/textarea&gt;&lt;script&gt;" in body



def test_nhs_components_escape_what_they_are_given(app):
    """Any NHS.UK component a future template passes people's words to escapes them itself."""
    template = app.jinja_env.from_string(
        '{% from "nhsuk/components/input/macro.jinja" import input %}'
        '{{ input({"id": "a", "name": "a", "label": {"text": words}, "value": words}) }}'
    )
    with app.test_request_context():
        html = template.render(words=SCRIPT)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
