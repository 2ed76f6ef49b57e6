"""Survey results: counts, percentages, FFT by month, and small numbers kept private."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from feedback_app.extensions import db
from feedback_app.models import QuestionKind, Role
from feedback_app.surveys import services


@pytest.fixture
def service(make_service):
    return make_service(name="Talking Therapies Leeds")


@pytest.fixture
def survey(service):
    survey = services.create_survey(service, "Your experience")
    services.add_question(survey, QuestionKind.YES_NO, "Were you offered a choice of times?")
    services.add_question(
        survey, QuestionKind.MULTIPLE, "Which sessions?", options=["Phone", "Video", "In person"]
    )
    services.publish_survey(survey)
    return survey


def answer(survey, when, fft=None, yes_no=None, sessions=None, text=None, **about_you):
    fft_q, text_q, yes_no_q, multi_q = survey.questions
    return services.record_response(
        survey,
        {fft_q: fft, yes_no_q: yes_no, multi_q: sessions or [], text_q: text},
        about_you=about_you,
        submitted_at=when,
    )


@pytest.fixture
def answered(survey):
    jan, feb = datetime(2026, 1, 10, 9), datetime(2026, 2, 3, 17)
    # January: 4 FFT answers, 2 positive, 1 negative, 1 "Don't know" -> 50% and 25%
    answer(survey, jan, "Very good", "Yes", ["Phone", "Video"])
    answer(survey, jan, "Good", "Yes", ["Phone"])
    answer(survey, jan, "Poor", "No")
    answer(survey, jan, "Don't know", text="Not sure yet")
    # February: 3 responses, 2 answered the FFT: 1 positive, 1 negative -> 50% and 50%
    answer(survey, feb, "Very good")
    answer(survey, feb, "Very poor")
    answer(survey, feb, None, text="Only words this time")
    return survey


def test_percentages_on_a_known_example(answered):
    results = services.survey_results(answered)
    assert results.responses == 7
    fft, text, yes_no, multi = results.questions
    assert fft.answered == 6
    assert {o.label: (o.count, o.percent) for o in fft.options}["Very good"] == (2, 33)
    assert yes_no.answered == 3
    assert [(o.label, o.count, o.percent) for o in yes_no.options] == [
        ("Yes", 2, 67),
        ("No", 1, 33),
        ("Not applicable", 0, 0),
    ]
    assert multi.answered == 2
    assert [(o.label, o.count, o.percent) for o in multi.options] == [
        ("Phone", 2, 100),
        ("Video", 1, 50),
        ("In person", 0, 0),
    ]
    assert text.is_text and text.answered == 2


def test_fft_by_month_counts_dont_know_in_the_total(answered):
    months = services.survey_results(answered).fft_months
    assert [(m.month.month, m.responses, m.fft_answered) for m in months] == [(1, 4, 4), (2, 3, 2)]
    assert (months[0].positive_percent, months[0].negative_percent) == (50, 25)
    assert (months[1].positive_percent, months[1].negative_percent) == (50, 50)


def test_months_follow_uk_time(survey):
    # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in British Summer Time
    answer(survey, datetime(2026, 3, 31, 23, 30), "Good")
    answer(survey, datetime(2026, 1, 31, 23, 30), "Good")  # GMT: still January
    months = services.survey_results(survey).fft_months
    assert [m.month.month for m in months] == [1, 4]


def test_the_results_page(client, auth, make_user, service, answered):
    auth.login(make_user(Role.LEAD, services=[service]))
    page = client.get(f"/surveys/{answered.id}/results")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert re.search(r'id="response-count">7<', html)
    table = html[html.index('id="fft-months"') :]
    assert re.search(r"January 2026.*?>4<.*?>4<.*?>50%<.*?>25%<", table, re.S)
    assert re.search(r"February 2026.*?>3<.*?>2<.*?>50%<.*?>50%<", table, re.S)
    assert 'including those who answered "Don\'t know"' in html.replace("&#34;", '"').replace(
        "&#39;", "'"
    )
    assert "67%" in html
    assert 'style="width: 67%;' in html
    assert f'href="/feedback/?survey={answered.id}"' in html


def test_a_facilitator_sees_results_too(client, auth, make_user, service, answered):
    auth.login(make_user(Role.FACILITATOR, services=[service]))
    assert client.get(f"/surveys/{answered.id}/results").status_code == 200


def test_a_survey_with_no_responses(client, auth, make_user, service, survey):
    auth.login(make_user(Role.LEAD, services=[service]))
    html = client.get(f"/surveys/{survey.id}/results").get_data(as_text=True)
    assert re.search(r'id="response-count">0<', html)
    assert "No one has answered this question yet" in html


def test_people_who_asked_for_deletion_are_not_counted(answered):
    response = answered.responses[0]
    response.deletion_requested_at = datetime(2026, 3, 1)
    db.session.commit()
    assert services.survey_results(answered).responses == 6


def test_small_groups_are_not_counted_exactly(client, auth, make_user, service, survey):
    when = datetime(2026, 3, 1)
    for _ in range(6):
        answer(survey, when, "Good", age_band="25 to 34")
    for _ in range(7):
        answer(survey, when, "Good", age_band="35 to 44")
    for _ in range(2):
        answer(survey, when, "Good", age_band="18 to 24")
    age = services.survey_results(survey).about_you[0]
    shown = {g.label: g.display for g in age.groups}
    assert shown["18 to 24"] == "fewer than 5"
    # one hidden group alone could be worked out from the total: the next smallest is hidden
    assert shown["25 to 34"] == "not shown"
    assert shown["35 to 44"] == "7"
    assert shown["Not answered"] == "0"

    auth.login(make_user(Role.LEAD, services=[service]))
    html = client.get(f"/surveys/{survey.id}/results").get_data(as_text=True)
    assert "fewer than 5" in html


@pytest.mark.parametrize(
    ("part", "whole", "expected"), [(1, 8, 13), (2, 3, 67), (1, 3, 33), (0, 0, 0), (5, 5, 100)]
)
def test_percentages_round_halves_up(part, whole, expected):
    assert services.percent(part, whole) == expected
