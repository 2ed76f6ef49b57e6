"""Answering a survey at /s/<slug>: no account, a phone, a few minutes."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from config import TestConfig
from feedback_app import create_app
from feedback_app.extensions import db
from feedback_app.models import (
    Answer,
    Comment,
    CommentSource,
    QuestionKind,
    Response,
    Role,
    Service,
    Survey,
    SurveyStatus,
)
from feedback_app.surveys import services
from feedback_app.surveys.questions import FFT_TEXT

RECEIPT = re.compile(r"\b[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}\b")
KEY = "a-submission-key-0123456789"


def build_survey(service, *, status=SurveyStatus.PUBLISHED, ask_about_you=True) -> Survey:
    """One question of every kind, after the starter FFT and follow-up."""
    survey = services.create_survey(
        service, "Tell us about your therapy", ask_about_you=ask_about_you
    )
    services.add_question(survey, QuestionKind.YES_NO, "Were you offered a choice of times?")
    services.add_question(survey, QuestionKind.FREQUENCY, "Did staff listen to you?")
    services.add_question(survey, QuestionKind.SCALE_0_4, "How much did therapy help?")
    services.add_question(
        survey, QuestionKind.SINGLE, "How did you hear about us?", options=["GP", "Online"]
    )
    services.add_question(
        survey,
        QuestionKind.MULTIPLE,
        "Which sessions did you have?",
        options=["Phone", "Video", "In person"],
    )
    if status != SurveyStatus.DRAFT:
        services.publish_survey(survey)
    if status == SurveyStatus.CLOSED:
        services.close_survey(survey)
    return survey


def qid(survey: Survey, kind: QuestionKind) -> str:
    return next(f"q{q.id}" for q in survey.questions if q.kind == kind)


def full_answers(survey: Survey) -> dict:
    return {
        qid(survey, QuestionKind.FFT): "Good",
        qid(survey, QuestionKind.TEXT): "My therapist was kind and listened.",
        qid(survey, QuestionKind.YES_NO): "Not applicable",
        qid(survey, QuestionKind.FREQUENCY): "Most of the time",
        qid(survey, QuestionKind.SCALE_0_4): "3",
        qid(survey, QuestionKind.SINGLE): "Online",
        qid(survey, QuestionKind.MULTIPLE): ["Phone", "Video"],
        "age_band": "25 to 34",
        "ethnicity": "Prefer not to say",
        "gender": "Woman",
        "submission_key": KEY,
    }


@pytest.fixture
def survey(make_service) -> Survey:
    return build_survey(make_service())


def test_the_page_asks_every_question_with_plain_fieldsets(client, survey):
    page = client.get(f"/s/{survey.slug}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<html lang="en"' in html
    assert FFT_TEXT in html
    for option in ("Very good", "Neither good nor poor", "Very poor", "Don&#39;t know"):
        assert option in html
    assert "Some of the time" in html and "Not applicable" in html
    assert "0 - Not at all" in html and "4 - Completely" in html
    assert html.count("<fieldset") >= 6
    assert 'name="submission_key"' in html
    assert "About you (optional)" in html
    assert html.count('value="Prefer not to say"') == 5
    assert "You can enter up to 5000 characters" in html or "5,000" in html
    # the "about you" questions come after the feedback
    assert html.index("How did you hear about us?") < html.index("How old are you?")


def test_answering_every_kind_stores_a_response_answers_and_a_comment(client, survey, count_rows):
    posted = client.post(f"/s/{survey.slug}", data=full_answers(survey))
    assert posted.status_code == 303
    assert posted.headers["Location"].endswith(f"/s/{survey.slug}/thank-you")

    response = db.session.scalar(sa.select(Response))
    assert response.fft_answer == "Good"
    assert response.age_band == "25 to 34"
    assert response.ethnicity == "Prefer not to say"
    assert response.gender == "Woman"
    assert response.disability is None
    assert response.quote_publicly is False and response.use_in_research is False
    assert RECEIPT.fullmatch(response.receipt_code)
    by_question = {a.question.kind: a for a in response.answers}
    assert by_question[QuestionKind.SCALE_0_4].value == "3"
    assert by_question[QuestionKind.MULTIPLE].values == ["Phone", "Video"]
    assert by_question[QuestionKind.YES_NO].value == "Not applicable"
    assert count_rows(Answer) == 7

    comment = db.session.scalar(sa.select(Comment))
    assert count_rows(Comment) == 1
    assert comment.source == CommentSource.SURVEY
    assert comment.text == "My therapist was kind and listened."
    assert comment.response_id == response.id
    assert comment.survey_id == survey.id
    assert comment.service_id == survey.service_id
    assert comment.question_id == int(qid(survey, QuestionKind.TEXT)[1:])
    assert comment.fft_answer == "Good"
    assert comment.received_at == response.submitted_at

    page = client.get(posted.headers["Location"])
    assert page.headers["Cache-Control"] == "no-store"
    thanks = page.get_data(as_text=True)
    assert response.receipt_code in thanks
    assert "Keep this code" in thanks
    assert "If you need help now" in thanks
    assert "Your words will only be read by the service team." in thanks


def test_consent_choices_reach_the_response_and_the_comment(client, survey):
    data = {**full_answers(survey), "consent": ["quote", "research"]}
    client.post(f"/s/{survey.slug}", data=data)
    response = db.session.scalar(sa.select(Response))
    comment = db.session.scalar(sa.select(Comment))
    assert response.quote_publicly and response.use_in_research
    assert comment.quote_publicly and comment.use_in_research


def test_only_quote_consent(client, survey):
    client.post(f"/s/{survey.slug}", data={**full_answers(survey), "consent": "quote"})
    comment = db.session.scalar(sa.select(Comment))
    assert comment.quote_publicly is True and comment.use_in_research is False


def test_empty_text_answers_make_no_comment(client, survey, count_rows):
    data = {**full_answers(survey), qid(survey, QuestionKind.TEXT): "   \r\n  "}
    assert client.post(f"/s/{survey.slug}", data=data).status_code == 303
    assert count_rows(Response) == 1
    assert count_rows(Comment) == 0


def test_about_you_is_not_asked_when_the_survey_says_not(client, make_service):
    survey = build_survey(make_service(), ask_about_you=False)
    html = client.get(f"/s/{survey.slug}").get_data(as_text=True)
    assert "How old are you?" not in html
    data = {**full_answers(survey), "age_band": "18 to 24"}
    client.post(f"/s/{survey.slug}", data=data)
    assert db.session.scalar(sa.select(Response)).age_band is None


def test_nothing_answered_asks_for_at_least_one_answer(client, survey, count_rows):
    page = client.post(f"/s/{survey.slug}", data={"submission_key": KEY, "age_band": "18 to 24"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "There is a problem" in html
    assert "Answer at least one question" in html
    assert f'href="#{qid(survey, QuestionKind.FFT)}"' in html
    assert count_rows(Response) == 0
    # what was chosen is still chosen
    assert re.search(r'value="18 to 24"\s+checked', html)


def test_a_required_question_left_empty_keeps_every_other_answer(client, survey, count_rows):
    question = next(q for q in survey.questions if q.kind == QuestionKind.FREQUENCY)
    question.required = True
    db.session.commit()
    data = {**full_answers(survey)}
    del data[f"q{question.id}"]
    html = client.post(f"/s/{survey.slug}", data=data).get_data(as_text=True)
    assert "There is a problem" in html
    assert f'href="#q{question.id}"' in html
    assert "Select an answer to: Did staff listen to you?" in html
    assert "My therapist was kind and listened." in html
    assert re.search(r'value="Online"\s+checked', html)
    assert re.search(r'value="Phone"\s+checked', html)
    assert re.search(r'value="3"\s+checked', html)
    assert f'value="{KEY}"' in html
    assert count_rows(Response) == 0


def test_too_long_text_is_refused_beside_the_field_and_kept(client, survey, count_rows):
    text = "a" * 5000 + "b"
    field = qid(survey, QuestionKind.TEXT)
    html = client.post(f"/s/{survey.slug}", data={**full_answers(survey), field: text}).get_data(
        as_text=True
    )
    assert "Your answer must be 5,000 characters or fewer" in html
    assert f"{field}-error" in html
    assert text in html
    assert count_rows(Response) == 0


def test_exactly_5000_characters_with_windows_new_lines_is_accepted(client, survey):
    text = ("x" * 99 + "\r\n") * 50  # 5,000 characters once new lines count as one
    field = qid(survey, QuestionKind.TEXT)
    posted = client.post(f"/s/{survey.slug}", data={**full_answers(survey), field: text})
    assert posted.status_code == 303


def test_html_and_script_are_stored_as_text_and_escaped(client, survey):
    script = '<script>alert("hi")</script><b>bold</b>'
    field = qid(survey, QuestionKind.TEXT)
    # sent with an invalid option, so the page comes back with the text in it
    data = {**full_answers(survey), field: script, qid(survey, QuestionKind.FFT): "Brilliant"}
    html = client.post(f"/s/{survey.slug}", data=data).get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;hi&#34;)&lt;/script&gt;" in html
    client.post(f"/s/{survey.slug}", data={**full_answers(survey), field: script})
    assert db.session.scalar(sa.select(Comment)).text == script


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (QuestionKind.FFT, "Brilliant"),
        (QuestionKind.SCALE_0_4, "5"),
        (QuestionKind.SINGLE, "Radio advert"),
        (QuestionKind.MULTIPLE, ["Phone", "Carrier pigeon"]),
    ],
)
def test_options_that_were_not_offered_are_refused(client, survey, count_rows, kind, value):
    data = {**full_answers(survey), qid(survey, kind): value}
    html = client.post(f"/s/{survey.slug}", data=data).get_data(as_text=True)
    assert "There is a problem" in html
    assert "options shown" in html
    assert count_rows(Response) == 0


def test_an_about_you_value_that_was_not_offered_is_refused(client, survey, count_rows):
    data = {**full_answers(survey), "ethnicity": "Martian"}
    html = client.post(f"/s/{survey.slug}", data=data).get_data(as_text=True)
    assert 'href="#ethnicity"' in html
    assert count_rows(Response) == 0


def test_bytes_that_are_not_utf8_get_a_clear_message(client, survey, count_rows):
    field = qid(survey, QuestionKind.TEXT)
    raw = client.post(
        f"/s/{survey.slug}",
        data=f"{field}=caf\xe9 ok&submission_key={KEY}".encode("latin-1"),
        content_type="application/x-www-form-urlencoded",
    )
    assert raw.status_code == 200
    assert "We could not read your answers" in raw.get_data(as_text=True)

    multipart = (
        b'--XX\r\nContent-Disposition: form-data; name="' + field.encode() + b'"\r\n\r\n'
        b"caf\xe9 ok\r\n--XX--\r\n"
    )
    page = client.post(
        f"/s/{survey.slug}", data=multipart, content_type="multipart/form-data; boundary=XX"
    )
    assert page.status_code == 200
    assert "could not be read" in page.get_data(as_text=True)
    assert count_rows(Response) == 0


def test_a_double_submission_is_stored_once_and_shows_the_same_receipt(client, survey, count_rows):
    first = client.post(f"/s/{survey.slug}", data=full_answers(survey))
    code = db.session.scalar(sa.select(Response.receipt_code))
    second = client.post(f"/s/{survey.slug}", data=full_answers(survey))
    assert first.status_code == second.status_code == 303
    assert count_rows(Response) == 1
    assert count_rows(Comment) == 1
    assert code in client.get(second.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("key", ["", "short", "<script>" * 4, "k" * 65])
def test_a_missing_or_odd_submission_key_is_replaced(client, survey, key):
    data = {**full_answers(survey), "submission_key": key}
    assert client.post(f"/s/{survey.slug}", data=data).status_code == 303
    stored = db.session.scalar(sa.select(Response.submission_key))
    assert stored != key and len(stored) >= 16


def test_two_requests_racing_with_one_key_store_one_response(survey, monkeypatch, count_rows):
    stored = services.record_response(survey, {survey.questions[0].id: "Good"}, submission_key=KEY)
    # The second request checked for the key before the first one committed.
    calls = iter([None])
    real = services.response_for_key
    monkeypatch.setattr(services, "response_for_key", lambda key: next(calls, real(key)))
    again = services.record_response(survey, {survey.questions[0].id: "Poor"}, submission_key=KEY)
    assert again.id == stored.id
    assert count_rows(Response) == 1


def test_receipt_codes_are_readable_and_retried_when_taken(survey, monkeypatch):
    codes = {services.generate_receipt_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(RECEIPT.fullmatch(c) for c in codes)
    assert not any(set(c) & set("01OIL") for c in codes)

    first = services.record_response(survey, {survey.questions[0].id: "Good"})
    queue = iter([first.receipt_code, "ABCD-EFGH"])
    monkeypatch.setattr(services, "generate_receipt_code", lambda: next(queue))
    second = services.record_response(survey, {survey.questions[0].id: "Good"})
    assert second.receipt_code == "ABCD-EFGH"


def test_record_response_refuses_plain_values_that_were_not_offered(survey):
    with pytest.raises(ValueError, match="not one of its options"):
        services.record_response(survey, {survey.questions[0].id: "Brilliant"})
    with pytest.raises(ValueError, match="not an option"):
        services.record_response(
            survey, {survey.questions[0].id: "Good"}, about_you={"gender": "Robot"}
        )


def test_record_response_needs_at_least_one_answer(survey, count_rows):
    with pytest.raises(ValueError, match="at least one"):
        services.record_response(survey, {survey.questions[0].id: ""}, {"gender": "Man"})
    assert count_rows(Response) == 0


def test_record_response_takes_a_date_for_demo_data(survey):
    from datetime import datetime

    when = datetime(2026, 1, 15, 10, 30)
    text_q = next(q for q in survey.questions if q.kind == QuestionKind.TEXT)
    response = services.record_response(
        survey, {text_q: "Lovely staff", survey.questions[0]: "Very good"}, submitted_at=when
    )
    comment = db.session.scalar(sa.select(Comment))
    assert response.submitted_at == when == comment.received_at
    assert comment.fft_answer == "Very good"


def test_the_receipt_is_only_shown_to_the_browser_that_sent_it(app, client, survey):
    client.post(f"/s/{survey.slug}", data=full_answers(survey))
    stranger = app.test_client()
    page = stranger.get(f"/s/{survey.slug}/thank-you")
    assert page.status_code == 302
    assert page.headers["Location"].endswith(f"/s/{survey.slug}")


def test_words_that_suggest_risk_put_the_help_first(client, survey):
    field = qid(survey, QuestionKind.TEXT)
    words = "I feel hopeless and I want to end my life, I have been thinking about suicide."
    posted = client.post(f"/s/{survey.slug}", data={**full_answers(survey), field: words})
    comment = db.session.scalar(sa.select(Comment))
    assert comment.risk_level != "none"
    html = client.get(posted.headers["Location"]).get_data(as_text=True)
    assert "We have told the service team" in html
    assert html.index("If you need help now") < html.index("Keep this code")
    assert "end my life" not in html
    assert html.count('id="get-help-now"') == 1


def test_risk_in_words_no_rule_knows_still_reaches_a_person(client, survey):
    # The hand-written rules pass this; the learnt second reader flags it, and its urgency
    # model calls it urgent.
    field = qid(survey, QuestionKind.TEXT)
    words = "Most nights I sit in the car by the reservoir and wonder how deep the water is."
    posted = client.post(f"/s/{survey.slug}", data={**full_answers(survey), field: words})
    comment = db.session.scalar(sa.select(Comment))
    assert (comment.risk_level, comment.risk_learnt) == ("urgent", True)
    assert comment.risk_reasons == [
        "Most nights I sit in the car by the reservoir and wonder how deep the water is."]
    html = client.get(posted.headers["Location"]).get_data(as_text=True)
    assert "We have told the service team" in html
    assert html.index("If you need help now") < html.index("Keep this code")


def test_starting_the_server_trains_the_learnt_models_in_the_background(monkeypatch):
    from analysis import risk_learnt, sentiment
    from config import Config
    from feedback_app import create_app

    started = []
    monkeypatch.setattr(risk_learnt, "model", lambda: started.append("risk"))
    monkeypatch.setattr(risk_learnt, "urgency_model", lambda: started.append("urgency"))
    monkeypatch.setattr(sentiment, "model", lambda: started.append("sentiment"))

    class Served(Config):
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    create_app(Served)
    import threading

    for thread in threading.enumerate():
        if thread.name == "learnt-models-warm-up":
            thread.join(10)
    assert started == ["risk", "urgency", "sentiment"]


def test_without_risk_words_the_help_card_comes_after_the_receipt(client, survey):
    posted = client.post(f"/s/{survey.slug}", data=full_answers(survey))
    html = client.get(posted.headers["Location"]).get_data(as_text=True)
    assert "We have told the service team" not in html
    assert html.index("Keep this code") < html.index("If you need help now")


def test_a_closed_survey_says_so(client, make_service, count_rows):
    survey = build_survey(make_service(), status=SurveyStatus.CLOSED)
    page = client.get(f"/s/{survey.slug}")
    assert page.status_code == 410
    assert "This survey has closed" in page.get_data(as_text=True)
    sent = client.post(f"/s/{survey.slug}", data=full_answers(survey))
    assert sent.status_code == 410
    assert "closed while you were answering" in sent.get_data(as_text=True)
    assert count_rows(Response) == 0


def test_a_draft_is_not_open_to_the_public(client, make_service, count_rows):
    survey = build_survey(make_service(), status=SurveyStatus.DRAFT)
    page = client.get(f"/s/{survey.slug}")
    assert page.status_code == 404
    assert "This survey is not open yet" in page.get_data(as_text=True)
    assert client.post(f"/s/{survey.slug}", data=full_answers(survey)).status_code == 404
    assert count_rows(Response) == 0


def test_an_unknown_survey_is_a_friendly_404(client):
    page = client.get("/s/no-such-survey")
    assert page.status_code == 404
    assert "Page not found" in page.get_data(as_text=True)


def test_staff_of_the_service_preview_a_draft_and_nothing_is_stored(
    client, auth, make_service, make_user, count_rows
):
    service = make_service()
    survey = build_survey(service, status=SurveyStatus.DRAFT)
    auth.login(make_user(Role.FACILITATOR, services=[service]))
    page = client.get(f"/s/{survey.slug}")
    assert page.status_code == 200
    assert "Preview" in page.get_data(as_text=True)
    posted = client.post(f"/s/{survey.slug}", data=full_answers(survey))
    assert posted.status_code == 200
    assert "nothing was saved" in posted.get_data(as_text=True)
    assert count_rows(Response) == 0


def test_staff_of_another_service_cannot_preview_a_draft(client, auth, make_service, make_user):
    survey = build_survey(make_service(), status=SurveyStatus.DRAFT)
    auth.login(make_user(Role.LEAD, services=[make_service()]))
    assert client.get(f"/s/{survey.slug}").status_code == 404


# --- with CSRF protection switched on, as in production ---------------------------------------


@pytest.fixture
def csrf_app(tmp_path):
    class Config(TestConfig):
        WTF_CSRF_ENABLED = True
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'csrf.sqlite3'}"

    app = create_app(Config)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()


def _csrf_survey(status=SurveyStatus.PUBLISHED) -> Survey:
    # Not the make_service fixture: it would bring the other (CSRF-free) app's context.
    service = Service(name="Talking Therapies North", slug="north")
    db.session.add(service)
    db.session.commit()
    return build_survey(service, status=status)


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_an_expired_page_keeps_every_answer_and_asks_to_send_again(csrf_app):
    survey = _csrf_survey()
    client = csrf_app.test_client()
    token = _token(client.get(f"/s/{survey.slug}").get_data(as_text=True))
    csrf_app.config["WTF_CSRF_TIME_LIMIT"] = -1  # every token is now out of date
    page = client.post(f"/s/{survey.slug}", data={**full_answers(survey), "csrf_token": token})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "There is a problem" in html
    assert "This page was open for a long time" in html
    assert "My therapist was kind and listened." in html
    assert re.search(r'value="Good"\s+checked', html)
    assert re.search(r'value="25 to 34"\s+checked', html)
    assert db.session.scalar(sa.select(sa.func.count(Response.id))) == 0

    # the page came back with a fresh token: sending it again works
    csrf_app.config["WTF_CSRF_TIME_LIMIT"] = 3600
    again = client.post(
        f"/s/{survey.slug}", data={**full_answers(survey), "csrf_token": _token(html)}
    )
    assert again.status_code == 303
    assert db.session.scalar(sa.select(sa.func.count(Response.id))) == 1


def test_a_missing_token_keeps_the_answers_too(csrf_app):
    survey = _csrf_survey()
    client = csrf_app.test_client()  # a new browser: no session, no token
    page = client.post(f"/s/{survey.slug}", data=full_answers(survey))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "This page was open for a long time" in html
    assert "My therapist was kind and listened." in html


def test_staff_forms_are_still_protected(csrf_app):
    survey = _csrf_survey(status=SurveyStatus.DRAFT)
    client = csrf_app.test_client()
    assert client.post(f"/surveys/{survey.id}/publish").status_code == 400
