"""The public board and the receipt look-up: no sign-in, only safe words, deletion on request."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
import sqlalchemy as sa

from config import TestConfig
from feedback_app import create_app
from feedback_app.comments.services import record_comment
from feedback_app.extensions import db
from feedback_app.models import (
    Action,
    ActionUpdate,
    Answer,
    Comment,
    CommentSource,
    CommentTheme,
    Question,
    Response,
    Survey,
    Theme,
)

CODE = "K7QX-4MRP"


@pytest.fixture
def service(make_service):
    return make_service(name="Northshire Talking Therapies", slug="northshire")


@pytest.fixture
def survey(service):
    survey = Survey(service_id=service.id, title="Your experience", slug="experience",
                    status="published")
    question = Question(survey=survey, kind="text", text="What could we do better?")
    db.session.add_all([survey, question])
    db.session.commit()
    return survey


def respond(survey, code, text, *, quote=True, key=None, theme=None, age_band="25-34"):
    """A submitted response with one free-text answer that became a Comment."""
    question = survey.questions[0]
    response = Response(survey_id=survey.id, receipt_code=code, submission_key=key or code,
                        quote_publicly=quote, age_band=age_band, gender="Woman",
                        fft_answer="good")
    db.session.add(response)
    db.session.flush()
    db.session.add(Answer(response_id=response.id, question_id=question.id, value=text))
    comment = record_comment(service_id=survey.service_id, source=CommentSource.SURVEY,
                             text=text, received_at=datetime(2026, 3, 2), survey_id=survey.id,
                             response_id=response.id, question_id=question.id,
                             quote_publicly=quote, fft_answer="good")
    db.session.flush()
    if theme is not None:
        db.session.add(CommentTheme(comment_id=comment.id, theme_id=theme.id, is_primary=True))
    db.session.commit()
    return response, comment


@pytest.fixture
def theme(service):
    theme = Theme(service_id=service.id, key="appointment_access", name="Appointment times",
                  description="Appointments at times people can make.")
    db.session.add(theme)
    db.session.commit()
    return theme


@pytest.fixture
def published(service, theme):
    action = Action(service_id=service.id, title="Evening appointments on Tuesdays",
                    status="in_progress", progress_pct=40, published=True,
                    published_at=datetime(2026, 4, 1))
    action.themes = [theme]
    action.updates = [ActionUpdate(text="Two therapists agreed to work late.")]
    db.session.add(action)
    db.session.commit()
    return action


def test_board_shows_you_said_we_did_without_sign_in(client, survey, theme, published):
    respond(survey, CODE, "Evening appointments please, I work all day.", theme=theme)
    html = client.get("/you-said-we-did/northshire").get_data(as_text=True)
    assert "You said" in html and "We did" in html
    assert "Appointment times" in html and "Appointments at times people can make." in html
    assert "Evening appointments on Tuesdays" in html and "In progress" in html
    assert "Two therapists agreed to work late." in html
    assert "Evening appointments please, I work all day." in html
    assert "yousaid-no-print" in html


def test_board_quotes_only_consented_redacted_unflagged_comments(client, survey, theme,
                                                                 published):
    respond(survey, "AAAA-0001", "Evening slots please, call me on 07700 900123.", theme=theme)
    respond(survey, "AAAA-0002", "Please add weekend appointments, I never said quote me.",
            quote=False, theme=theme)
    respond(survey, "AAAA-0003", "I want to end my life while I wait for an evening slot.",
            theme=theme)
    html = client.get("/you-said-we-did/northshire").get_data(as_text=True)
    assert "Evening slots please, call me on [PHONE]." in html
    assert "07700" not in html
    assert "I never said quote me" not in html
    assert "end my life" not in html


def test_board_quotes_the_comments_most_typical_of_the_theme_first(client, survey, theme,
                                                                     published):
    comments = [respond(survey, f"BBBB-000{i}", text, theme=theme)[1] for i, text in enumerate([
        "The building is cold.",
        "Evening appointments would let me keep my job.",
        "I could only come in the daytime, please offer evenings.",
        "Parking was hard.",
    ])]
    theme.representative_ids = [comments[2].id, comments[1].id]
    db.session.commit()
    html = client.get("/you-said-we-did/northshire").get_data(as_text=True)
    quotes = re.findall(r'class="yousaid-quote"><p>“(.*?)”', html)
    assert quotes[:2] == ["I could only come in the daytime, please offer evenings.",
                          "Evening appointments would let me keep my job."]
    assert len(quotes) == 3


def test_unpublished_actions_and_unknown_services(client, survey, theme, published):
    published.published = False
    db.session.commit()
    assert "Evening appointments on Tuesdays" not in client.get(
        "/you-said-we-did/northshire").get_data(as_text=True)
    assert client.get("/you-said-we-did/nowhere").status_code == 404


@pytest.mark.parametrize("typed", ["K7QX-4MRP", "k7qx-4mrp", " k7qx 4mrp ", "K7QX4MRP",
                                   "k7qx—4mrp"])
def test_receipt_look_up_accepts_the_code_however_it_is_typed(client, survey, theme, published,
                                                              typed):
    respond(survey, CODE, "Evening appointments please.", theme=theme)
    response = client.post("/receipt", data={"code": typed})
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Appointment times" in html
    assert "Evening appointments on Tuesdays" in html


def test_receipt_shows_only_published_actions(client, survey, theme, published, service):
    hidden = Action(service_id=service.id, title="Secret plan", published=False)
    hidden.themes = [theme]
    db.session.add(hidden)
    db.session.commit()
    respond(survey, CODE, "Evening appointments please.", theme=theme)
    client.post("/receipt", data={"code": CODE})
    html = client.get("/receipt/yours").get_data(as_text=True)
    assert "Evening appointments on Tuesdays" in html and "Secret plan" not in html


@pytest.mark.parametrize("typed", ["ZZZZ-9999", "not a code!!", "K7", "x" * 30, "x" * 500])
def test_wrong_codes_get_the_same_answer(client, survey, typed):
    respond(survey, CODE, "Evening appointments please.")
    html = client.post("/receipt", data={"code": typed}).get_data(as_text=True)
    assert "There is a problem" in html
    assert "We could not find feedback with that receipt code" in html
    assert client.get("/receipt/yours").status_code == 302


def test_empty_code(client):
    html = client.post("/receipt", data={"code": ""}).get_data(as_text=True)
    assert "Enter your receipt code" in html


def test_receipt_attempts_are_rate_limited(tmp_path):
    class Limited(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'limited.sqlite3'}"
        RATELIMIT_ENABLED = True
        RATELIMIT_STORAGE_URI = "memory://"

    app = create_app(Limited)
    with app.app_context():
        db.create_all()
        client = app.test_client()
        codes = [client.post("/receipt", data={"code": f"ABCD-{i:04d}"}).status_code
                 for i in range(12)]
        assert codes[:10] == [200] * 10
        assert codes[10:] == [429, 429]
        assert client.get("/receipt").status_code == 200  # looking at the form is not limited
        db.session.remove()


def test_deletion_on_request_leaves_only_a_tombstone(client, survey, theme, published,
                                                     count_rows):
    response, comment = respond(survey, CODE, "Evening appointments please.", theme=theme)
    other, _ = respond(survey, "BBBB-2222", "Evenings would help me too.", theme=theme)
    published.comments = [comment]
    db.session.commit()
    client.post("/receipt", data={"code": CODE})
    html = client.post("/receipt/delete", data={}).get_data(as_text=True)
    assert "Tick the box" in html
    assert count_rows(Comment) == 2

    assert client.post("/receipt/delete", data={"confirm": "y"}).status_code == 302
    db.session.expire_all()
    tombstone = db.session.get(Response, response.id)
    assert tombstone is not None and tombstone.deletion_requested_at is not None
    assert tombstone.age_band is None and tombstone.fft_answer is None
    assert not tombstone.quote_publicly
    assert db.session.scalar(sa.select(sa.func.count()).where(
        Answer.response_id == response.id)) == 0
    assert db.session.get(Comment, comment.id) is None
    assert count_rows(Comment) == 1
    assert db.session.get(Theme, theme.id).size == 1
    assert db.session.get(Action, published.id).comments == []
    # The other person's feedback is untouched.
    assert db.session.get(Response, other.id).age_band == "25-34"
    page = client.get("/receipt/deleted").get_data(as_text=True)
    assert "has been deleted" in page
    assert "Evening appointments please." not in client.get(
        "/you-said-we-did/northshire").get_data(as_text=True)
    # The code no longer works, and says so in the same words as any wrong code.
    html = client.post("/receipt", data={"code": CODE}).get_data(as_text=True)
    assert "We could not find feedback with that receipt code" in html


def test_delete_page_needs_a_looked_up_receipt(client):
    assert client.get("/receipt/delete").status_code == 302
    assert client.post("/receipt/delete", data={"confirm": "y"}).status_code == 302


def test_forget_clears_the_receipt(client, survey):
    respond(survey, CODE, "Evening appointments please.")
    client.post("/receipt", data={"code": CODE})
    assert client.get("/receipt/yours").status_code == 200
    client.post("/receipt/forget")
    assert client.get("/receipt/yours").status_code == 302
