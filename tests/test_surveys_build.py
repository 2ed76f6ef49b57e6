"""Staff building surveys: create, questions, reorder, publish, close, and who may do it."""

from __future__ import annotations

import io

import pytest
import segno
import sqlalchemy as sa

from feedback_app.extensions import db
from feedback_app.models import Question, QuestionKind, Response, Role, Survey, SurveyStatus
from feedback_app.surveys import services
from feedback_app.surveys.questions import FFT_TEXT, FOLLOW_UP_TEXT, STANDARD_PEQ_QUESTIONS


@pytest.fixture
def service(make_service):
    return make_service(name="Talking Therapies Southwark")


@pytest.fixture
def facilitator(client, auth, make_user, service):
    user = make_user(Role.FACILITATOR, services=[service])
    auth.login(user)
    return user


def texts(survey: Survey) -> list[str]:
    db.session.refresh(survey)
    return [q.text for q in survey.questions]


def test_creating_a_survey_starts_with_the_fft_and_a_follow_up(client, facilitator, service):
    page = client.get("/surveys/new")
    assert page.status_code == 200
    posted = client.post(
        "/surveys/new",
        data={
            "service_id": service.id,
            "title": "Tell us about your therapy",
            "intro": "It takes 3 minutes.",
            "ask_about_you": "y",
        },
    )
    survey = db.session.scalar(sa.select(Survey))
    assert posted.status_code == 302
    assert posted.headers["Location"].endswith(f"/surveys/{survey.id}")
    assert survey.slug == "tell-us-about-your-therapy"
    assert survey.status == SurveyStatus.DRAFT
    assert survey.created_by_id == facilitator.id
    assert survey.ask_about_you is True
    assert [q.kind for q in survey.questions] == [QuestionKind.FFT, QuestionKind.TEXT]
    assert texts(survey) == [FFT_TEXT, FOLLOW_UP_TEXT]

    html = client.get(posted.headers["Location"]).get_data(as_text=True)
    assert "Draft" in html
    assert FFT_TEXT in html


def test_the_list_shows_status_responses_and_the_full_link(client, facilitator, service):
    survey = services.create_survey(service, "Spring feedback")
    html = client.get("/surveys/").get_data(as_text=True)
    assert "Spring feedback" in html
    assert "Talking Therapies Southwark" in html
    assert "http://localhost/s/spring-feedback" in html
    assert "nhsuk-tag--grey" in html
    services.publish_survey(survey)
    assert "nhsuk-tag--green" in client.get("/surveys/").get_data(as_text=True)


def test_the_list_is_paginated(client, facilitator, service):
    for n in range(27):
        services.create_survey(service, f"Survey number {n}", starter_questions=False)
    first = client.get("/surveys/").get_data(as_text=True)
    assert "Survey number 26" in first and "Survey number 1<" not in first
    assert "Page 2 of 2" in first
    second = client.get("/surveys/?page=2").get_data(as_text=True)
    assert "Survey number 0<" in second and "Survey number 1<" in second


def test_a_slug_already_taken_is_an_error_beside_the_field(client, facilitator, service):
    services.create_survey(service, "Spring feedback")
    page = client.post(
        "/surveys/new",
        data={"service_id": service.id, "title": "Another", "slug": "spring-feedback"},
    )
    html = page.get_data(as_text=True)
    assert "There is a problem" in html
    assert 'href="#slug"' in html
    assert "already used" in html
    assert 'value="Another"' in html


def test_the_same_title_twice_gets_a_different_slug(service):
    first = services.create_survey(service, "Feedback")
    second = services.create_survey(service, "Feedback")
    assert (first.slug, second.slug) == ("feedback", "feedback-2")


def test_a_survey_needs_a_title_and_a_service_of_mine(client, facilitator, make_service):
    other = make_service()
    html = client.post("/surveys/new", data={"service_id": other.id, "title": ""}).get_data(
        as_text=True
    )
    assert "Enter a title" in html
    assert "Not a valid choice" in html or 'href="#service_id"' in html
    assert db.session.scalar(sa.select(sa.func.count(Survey.id))) == 0


@pytest.mark.parametrize(
    ("kind", "text", "options", "stored_options"),
    [
        (QuestionKind.YES_NO, "Were you offered a choice?", "", None),
        (QuestionKind.FREQUENCY, "Did staff listen to you?", "", None),
        (
            QuestionKind.SCALE_0_4,
            "How much did it help?",
            "Not at all\nA lot",
            ["Not at all", "A lot"],
        ),
        (
            QuestionKind.SINGLE,
            "Where did you hear about us?",
            "GP\r\n\r\nOnline\nGP",
            ["GP", "Online"],
        ),
        (QuestionKind.MULTIPLE, "Which sessions?", "Phone\nVideo", ["Phone", "Video"]),
        (QuestionKind.TEXT, "Anything else?", "", None),
    ],
)
def test_adding_each_kind_of_question(
    client, facilitator, service, kind, text, options, stored_options
):
    survey = services.create_survey(service, "Feedback")
    assert client.get(f"/surveys/{survey.id}/questions/new").status_code == 200
    posted = client.post(
        f"/surveys/{survey.id}/questions/new",
        data={"kind": kind.value, "text": text, "hint": "A hint", "options": options},
    )
    assert posted.status_code == 302
    question = db.session.scalar(sa.select(Question).order_by(Question.position.desc()))
    assert (question.kind, question.text, question.hint) == (kind, text, "A hint")
    assert question.options == stored_options
    assert question.position == 3


def test_a_choice_question_needs_two_options_and_keeps_what_was_typed(client, facilitator, service):
    survey = services.create_survey(service, "Feedback")
    html = client.post(
        f"/surveys/{survey.id}/questions/new",
        data={"kind": "single", "text": "Pick one", "options": "Only one"},
    ).get_data(as_text=True)
    assert "Give at least 2 options" in html
    assert 'href="#options"' in html
    assert 'value="Pick one"' in html
    assert "Only one</textarea>" in html
    assert len(texts(survey)) == 2


def test_only_one_fft_question_with_its_fixed_wording(client, facilitator, service):
    survey = services.create_survey(service, "Feedback", starter_questions=False)
    client.post(f"/surveys/{survey.id}/questions/new", data={"kind": "fft", "text": "Rate us"})
    assert texts(survey) == [FFT_TEXT]
    html = client.post(
        f"/surveys/{survey.id}/questions/new", data={"kind": "fft", "text": ""}
    ).get_data(as_text=True)
    assert "already has the Friends and Family Test question" in html
    assert len(texts(survey)) == 1


def test_editing_a_question(client, facilitator, service):
    survey = services.create_survey(service, "Feedback")
    follow_up = survey.questions[1]
    page = client.get(f"/surveys/{survey.id}/questions/{follow_up.id}/edit")
    assert FOLLOW_UP_TEXT in page.get_data(as_text=True)
    client.post(
        f"/surveys/{survey.id}/questions/{follow_up.id}/edit",
        data={"text": "What could we do better?", "hint": "", "required": "y"},
    )
    db.session.refresh(follow_up)
    assert follow_up.text == "What could we do better?"
    assert follow_up.required is True
    assert follow_up.kind == QuestionKind.TEXT


def test_the_fft_wording_cannot_be_edited(client, facilitator, service):
    survey = services.create_survey(service, "Feedback")
    fft = survey.questions[0]
    client.post(
        f"/surveys/{survey.id}/questions/{fft.id}/edit",
        data={"text": "How were we?", "hint": "Think about your last session"},
    )
    db.session.refresh(fft)
    assert fft.text == FFT_TEXT
    assert fft.hint == "Think about your last session"


def test_moving_and_removing_questions(client, facilitator, service):
    survey = services.create_survey(service, "Feedback")
    services.add_question(survey, QuestionKind.YES_NO, "Third?")
    third = survey.questions[2]
    client.post(f"/surveys/{survey.id}/questions/{third.id}/move", data={"direction": "up"})
    assert texts(survey) == [FFT_TEXT, "Third?", FOLLOW_UP_TEXT]
    client.post(f"/surveys/{survey.id}/questions/{third.id}/move", data={"direction": "up"})
    assert texts(survey) == ["Third?", FFT_TEXT, FOLLOW_UP_TEXT]
    # moving the first question up does nothing
    client.post(f"/surveys/{survey.id}/questions/{third.id}/move", data={"direction": "up"})
    assert texts(survey) == ["Third?", FFT_TEXT, FOLLOW_UP_TEXT]
    client.post(f"/surveys/{survey.id}/questions/{third.id}/move", data={"direction": "down"})
    assert texts(survey) == [FFT_TEXT, "Third?", FOLLOW_UP_TEXT]

    client.post(f"/surveys/{survey.id}/questions/{third.id}/delete")
    assert texts(survey) == [FFT_TEXT, FOLLOW_UP_TEXT]
    assert [q.position for q in survey.questions] == [1, 2]


def test_adding_the_standard_peq_questions_once(client, facilitator, service):
    survey = services.create_survey(service, "Feedback")
    client.post(f"/surveys/{survey.id}/peq")
    client.post(f"/surveys/{survey.id}/peq")
    kinds = [q.kind for q in survey.questions]
    assert len(kinds) == 2 + len(STANDARD_PEQ_QUESTIONS)
    assert QuestionKind.FREQUENCY in kinds and QuestionKind.YES_NO in kinds
    assert "Did staff listen to you and treat your concerns seriously?" in texts(survey)


def test_publish_then_close(client, facilitator, service):
    survey = services.create_survey(service, "Feedback")
    client.post(f"/surveys/{survey.id}/publish")
    db.session.refresh(survey)
    assert survey.status == SurveyStatus.PUBLISHED and survey.published_at is not None
    assert client.get(f"/s/{survey.slug}").status_code == 200

    # questions are fixed once published
    html = client.post(f"/surveys/{survey.id}/peq", follow_redirects=True).get_data(as_text=True)
    assert "only change a survey" in html
    assert len(texts(survey)) == 2
    assert client.get(f"/surveys/{survey.id}/edit").status_code == 302

    client.post(f"/surveys/{survey.id}/close")
    db.session.refresh(survey)
    assert survey.status == SurveyStatus.CLOSED and survey.closed_at is not None
    assert client.get(f"/s/{survey.slug}").status_code == 410


def test_a_survey_without_questions_cannot_be_published(client, facilitator, service):
    survey = services.create_survey(service, "Empty", starter_questions=False)
    html = client.post(f"/surveys/{survey.id}/publish", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Add at least one question" in html
    db.session.refresh(survey)
    assert survey.status == SurveyStatus.DRAFT


def test_changing_the_details_of_a_draft(client, facilitator, service):
    survey = services.create_survey(service, "Feedback")
    client.post(
        f"/surveys/{survey.id}/edit",
        data={"service_id": service.id, "title": "Winter feedback", "slug": "winter", "intro": ""},
    )
    db.session.refresh(survey)
    assert (survey.title, survey.slug, survey.ask_about_you) == ("Winter feedback", "winter", False)


def test_preview_shows_the_survey_and_stores_nothing(client, facilitator, service, count_rows):
    survey = services.create_survey(service, "Feedback")
    page = client.get(f"/surveys/{survey.id}/preview")
    assert page.status_code == 200
    assert FFT_TEXT in page.get_data(as_text=True)
    fft = survey.questions[0]
    posted = client.post(
        f"/surveys/{survey.id}/preview", data={f"q{fft.id}": "Good", "submission_key": "k" * 20}
    )
    assert "nothing was saved" in posted.get_data(as_text=True)
    assert count_rows(Response) == 0


def test_titles_and_questions_are_escaped(client, facilitator, service):
    survey = services.create_survey(service, "<script>alert(1)</script>")
    services.add_question(survey, QuestionKind.TEXT, "<img src=x onerror=alert(1)>")
    for path in ("/surveys/", f"/surveys/{survey.id}", f"/surveys/{survey.id}/preview"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>alert(1)" not in html
        assert "<img src=x" not in html


# --- who may do what -------------------------------------------------------------------------


@pytest.fixture
def other_survey(make_service):
    return services.create_survey(make_service(name="Other service"), "Not yours")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/surveys/{id}"),
        ("get", "/surveys/{id}/edit"),
        ("get", "/surveys/{id}/results"),
        ("get", "/surveys/{id}/preview"),
        ("get", "/surveys/{id}/questions/new"),
        ("get", "/surveys/{id}/questions/{qid}/edit"),
        ("post", "/surveys/{id}/questions/{qid}/delete"),
        ("post", "/surveys/{id}/questions/{qid}/move"),
        ("post", "/surveys/{id}/peq"),
        ("post", "/surveys/{id}/publish"),
        ("post", "/surveys/{id}/close"),
    ],
)
def test_staff_of_another_service_get_404(client, facilitator, other_survey, method, path):
    url = path.format(id=other_survey.id, qid=other_survey.questions[0].id)
    assert getattr(client, method)(url).status_code == 404
    db.session.refresh(other_survey)
    assert other_survey.status == SurveyStatus.DRAFT
    assert len(other_survey.questions) == 2


def test_a_question_of_another_survey_is_404(client, facilitator, service, other_survey):
    mine = services.create_survey(service, "Mine")
    url = f"/surveys/{mine.id}/questions/{other_survey.questions[0].id}/edit"
    assert client.get(url).status_code == 404


def test_unknown_survey_is_404(client, facilitator):
    assert client.get("/surveys/9999").status_code == 404


def test_the_list_only_shows_my_services(client, facilitator, service, other_survey):
    services.create_survey(service, "Mine")
    html = client.get("/surveys/").get_data(as_text=True)
    assert "Mine" in html
    assert "Not yours" not in html


def test_a_lead_of_one_service_cannot_see_anothers_results(
    client, auth, make_user, service, other_survey
):
    auth.login(make_user(Role.LEAD, services=[service]))
    assert client.get(f"/surveys/{other_survey.id}/results").status_code == 404


def test_an_admin_sees_every_service(client, auth, make_user, other_survey):
    auth.login(make_user(Role.ADMIN))
    assert client.get(f"/surveys/{other_survey.id}").status_code == 200


def test_signed_out_people_are_sent_to_sign_in(client, other_survey):
    page = client.get(f"/surveys/{other_survey.id}")
    assert page.status_code == 302
    assert "/auth/login" in page.headers["Location"]


def test_the_survey_page_offers_a_qr_code_of_the_public_link(client, facilitator, service):
    survey = services.create_survey(service, "Waiting list check")
    services.publish_survey(survey)
    page = client.get(f"/surveys/{survey.id}").get_data(as_text=True)
    assert f'src="/surveys/{survey.id}/qr.svg"' in page
    assert f'href="/surveys/{survey.id}/qr.png?download=1"' in page

    svg = client.get(f"/surveys/{survey.id}/qr.svg")
    assert svg.content_type == "image/svg+xml"
    # The code holds the full public link (the same matrix as encoding that link directly).
    expected = segno.make(f"http://localhost/s/{survey.slug}", error="h", micro=False)
    other = segno.make(f"http://localhost/s/{survey.slug}x", error="h", micro=False)
    assert expected.matrix != other.matrix
    out = io.BytesIO()
    expected.save(out, kind="svg", scale=8, border=4, title="QR code for the survey link",
                  xmldecl=False, svgns=True)
    assert svg.data == out.getvalue()

    png = client.get(f"/surveys/{survey.id}/qr.png?download=1")
    assert png.data.startswith(b"\x89PNG")
    assert "attachment" in png.headers["Content-Disposition"]
