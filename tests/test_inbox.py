"""The feedback inbox, the comment page, the risk queue and the dashboard, through HTTP.

Comments are built directly with known original and redacted text, so these tests check what
the inbox shows, not how well the redaction or risk screening works (tests/analysis does that).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from itertools import count

import pytest

from feedback_app.extensions import db
from feedback_app.models import Comment, Meeting, MeetingKind, Question, Role, Survey

_ids = count(1)


@pytest.fixture
def make_survey(app):
    def factory(service, title="Experience survey"):
        n = next(_ids)
        survey = Survey(service_id=service.id, title=title, slug=f"survey-{n}", status="published")
        db.session.add(survey)
        db.session.commit()
        return survey

    return factory


@pytest.fixture
def make_meeting(app):
    def factory(service, topic="Waiting times", held_on=date(2026, 3, 9),
                kind=MeetingKind.PANEL_MEETING):
        meeting = Meeting(service_id=service.id, topic=topic, held_on=held_on, kind=kind.value)
        db.session.add(meeting)
        db.session.commit()
        return meeting

    return factory


@pytest.fixture
def make_comment(app):
    def factory(service, text="Helpful sessions", redacted=None, *, days_ago=1,
                received_at=None, **fields):
        comment = Comment(
            service_id=service.id,
            source=fields.pop("source", "survey"),
            text=text,
            redacted_text=redacted if redacted is not None else text,
            redacted_kinds=[],
            received_at=received_at or datetime.now() - timedelta(days=days_ago),
            risk_level=fields.pop("risk_level", "none"),
            risk_reasons=fields.pop("risk_reasons", []),
            **fields,
        )
        db.session.add(comment)
        db.session.commit()
        return comment

    return factory


@pytest.fixture
def service(make_service):
    return make_service(name="Talking Therapies Hackney")


@pytest.fixture
def lead(make_user, auth, service):
    user = make_user(Role.LEAD, services=[service], name="Lee Lead")
    auth.login(user)
    return user


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _shown_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'id="comment-(\d+)"', html)]


# The list -----------------------------------------------------------------------------------


def test_inbox_shows_redacted_text_never_the_original(client, lead, service, make_comment):
    make_comment(service, "Sarah Jones on 07700 900123 was brilliant",
                 "[NAME] on [PHONE] was brilliant")
    html = _html(client, "/feedback/")
    assert "[NAME] on [PHONE] was brilliant" in html
    assert "Sarah Jones" not in html
    assert "07700 900123" not in html


def test_inbox_lists_newest_first_with_where_each_came_from(
    client, lead, service, make_comment, make_survey, make_meeting
):
    survey = make_survey(service, title="Autumn experience survey")
    meeting = make_meeting(service, topic="Evening appointments", held_on=date(2026, 3, 9),
                           kind=MeetingKind.FOCUS_GROUP)
    old = make_comment(service, "From the survey", days_ago=5, survey_id=survey.id,
                       fft_answer="Very good")
    new = make_comment(service, "From the focus group", days_ago=1, source="focus_group",
                       meeting_id=meeting.id)
    html = _html(client, "/feedback/")
    assert _shown_ids(html) == [new.id, old.id]
    assert "Autumn experience survey" in html
    assert "Evening appointments (9 March 2026)" in html
    assert "Focus group" in html
    assert "FFT: Very good" in html


def test_each_filter_narrows_the_list(
    client, lead, service, make_service, make_comment, make_survey, make_meeting
):
    second = make_service(name="Second site")
    lead.services.append(second)
    db.session.commit()
    survey = make_survey(service)
    meeting = make_meeting(service)
    by_survey = make_comment(service, "survey", survey_id=survey.id, fft_answer="Very good",
                             received_at=datetime(2026, 3, 2, 10))
    by_panel = make_comment(service, "panel", source="panel", meeting_id=meeting.id,
                            received_at=datetime(2026, 3, 9, 18))
    urgent = make_comment(service, "urgent", risk_level="urgent", fft_answer="Poor",
                          received_at=datetime(2026, 3, 20, 9))
    elsewhere = make_comment(second, "other site", received_at=datetime(2026, 4, 1, 9))

    def shown(query: str) -> set[int]:
        return set(_shown_ids(_html(client, f"/feedback/?{query}")))

    everything = {by_survey.id, by_panel.id, urgent.id, elsewhere.id}
    assert shown("") == everything
    assert shown(f"service={second.id}") == {elsewhere.id}
    assert shown("source=panel") == {by_panel.id}
    assert shown(f"survey={survey.id}") == {by_survey.id}
    assert shown("fft=Poor") == {urgent.id}
    assert shown("fft=Very+good") == {by_survey.id}
    assert shown("risk=urgent") == {urgent.id}
    assert shown("risk=none") == everything - {urgent.id}
    # Dates are inclusive on both ends, whole days, in either written form.
    assert shown("from=2026-03-09") == {by_panel.id, urgent.id, elsewhere.id}
    assert shown("to=2026-03-09") == {by_survey.id, by_panel.id}
    assert shown("from=9/3/2026&to=20/3/2026") == {by_panel.id, urgent.id}
    assert shown("source=survey&fft=Poor") == {urgent.id}


def test_filters_are_kept_in_the_form(client, lead, service, make_comment):
    make_comment(service, received_at=datetime(2026, 3, 9))
    html = _html(client, "/feedback/?source=panel&from=2026-03-01&risk=urgent")
    assert 'value="2026-03-01"' in html
    assert re.search(r'value="panel"\s+selected', html)
    assert "Clear filters" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=31/02/2026", "The ‘from’ date must be a real date"),
        ("to=yesterday", "The ‘to’ date must be a real date"),
        ("from=2026-03-10&to=2026-03-01", "must be the same as or after the ‘from’ date"),
        ("source=email", "Choose a source from the list"),
        ("risk=extreme", "Choose a risk flag from the list"),
        ("fft=Superb", "Choose an answer from the list"),
    ],
)
def test_bad_filters_show_an_error_summary_not_a_crash(client, lead, service, make_comment,
                                                       query, message):
    make_comment(service)
    page = client.get(f"/feedback/?{query}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert _shown_ids(html) == []


def test_a_survey_or_service_the_user_cannot_see_is_404(
    client, lead, make_service, make_survey, make_comment
):
    other = make_service()
    their_survey = make_survey(other)
    make_comment(other, "theirs", survey_id=their_survey.id)
    assert client.get(f"/feedback/?survey={their_survey.id}").status_code == 404
    assert client.get(f"/feedback/?service={other.id}").status_code == 404
    assert client.get("/feedback/?survey=99999").status_code == 404
    assert "theirs" not in _html(client, "/feedback/")


def test_pagination_25_a_page_keeping_the_filters(client, lead, service, make_comment):
    for n in range(30):
        make_comment(service, f"Panel comment {n}", source="panel", days_ago=n + 1)
    make_comment(service, "A survey comment")

    first = _html(client, "/feedback/?source=panel")
    assert len(_shown_ids(first)) == 25
    assert "Showing 1 to 25 of 30" in first
    assert "nhsuk-pagination" in first
    next_link = re.search(r'href="([^"]*page=2[^"]*)"', first).group(1).replace("&amp;", "&")
    assert "source=panel" in next_link

    second = _html(client, next_link)
    assert len(_shown_ids(second)) == 5
    assert "Panel comment 29" in second
    assert "A survey comment" not in second
    assert set(_shown_ids(first)).isdisjoint(_shown_ids(second))


def test_a_page_past_the_end_is_empty_not_an_error(client, lead, service, make_comment):
    make_comment(service)
    assert _shown_ids(_html(client, "/feedback/?page=9")) == []
    assert len(_shown_ids(_html(client, "/feedback/?page=-1"))) == 1
    assert len(_shown_ids(_html(client, "/feedback/?page=abc"))) == 1
    assert _shown_ids(_html(client, f"/feedback/?page={10**30}")) == []
    assert _shown_ids(_html(client, f"/feedback/attention?page={10**30}")) == []


def test_empty_inbox_says_so(client, lead):
    assert "Nobody has given feedback to your services yet" in _html(client, "/feedback/")


def test_facilitators_see_the_inbox_too(client, auth, make_user, service, make_comment):
    make_comment(service, "Seen by facilitators")
    auth.login(make_user(Role.FACILITATOR, services=[service]))
    assert "Seen by facilitators" in _html(client, "/feedback/")


# One comment --------------------------------------------------------------------------------


def test_comment_page_shows_origin_consent_and_redacted_text(
    client, lead, service, make_comment, make_survey
):
    survey = make_survey(service, title="Spring survey")
    question = Question(survey_id=survey.id, kind="text", text="What could we do better?")
    db.session.add(question)
    db.session.commit()
    comment = make_comment(service, "Dr Patel was kind", "[NAME] was kind", survey_id=survey.id,
                           question_id=question.id, quote_publicly=True, use_in_research=False,
                           fft_answer="Good")
    html = _html(client, f"/feedback/{comment.id}")
    assert "[NAME] was kind" in html
    assert "Dr Patel" not in html
    assert "Spring survey" in html
    assert "What could we do better?" in html
    assert re.search(r'id="quote-publicly">Yes<', html)
    assert re.search(r'id="use-in-research">No<', html)
    assert "Show the words exactly as written" not in html


def test_comment_page_of_a_meeting_shows_meeting_and_date(
    client, lead, service, make_comment, make_meeting
):
    meeting = make_meeting(service, topic="Group therapy", held_on=date(2026, 2, 14))
    comment = make_comment(service, source="panel", meeting_id=meeting.id)
    html = _html(client, f"/feedback/{comment.id}")
    assert "Group therapy" in html
    assert "14 February 2026" in html


def test_another_services_comment_is_404(client, lead, make_service, make_comment):
    comment = make_comment(make_service(), "not yours")
    assert client.get(f"/feedback/{comment.id}").status_code == 404
    assert client.get("/feedback/99999").status_code == 404
    assert client.get(f"/feedback/{10**30}").status_code == 404
    assert client.post(f"/feedback/{10**30}/reviewed").status_code == 404


def test_feedback_saved_through_record_comment_is_redacted_and_flagged(client, lead, service):
    # The real pipeline (analysis.redact and analysis.risk), end to end into the inbox.
    from feedback_app.comments.services import record_comment

    record_comment(service_id=service.id, source="survey",
                   text="Lovely staff. Ring me on 07700 900123 if you want to know more.")
    urgent = record_comment(service_id=service.id, source="survey",
                            text="Honestly I want to kill myself tonight")
    db.session.commit()
    inbox = _html(client, "/feedback/")
    assert "[PHONE]" in inbox
    assert "07700 900123" not in inbox
    assert "Some details were hidden to protect the person: phone" in _html(
        client, f"/feedback/{_shown_ids(inbox)[-1]}"
    )
    queue = _html(client, "/feedback/attention")
    assert _shown_ids(queue) == [urgent.id]
    assert "“kill myself”" in queue


def test_a_flag_from_the_learnt_reader_says_so_and_that_it_is_often_wrong(client, lead, service):
    # The real pipeline: no rule matches this sentence, the learnt second reader flags it.
    from feedback_app.comments.services import record_comment

    text = "Most nights I sit in the car by the reservoir and wonder how deep the water is."
    softer = "Some days I feel like I am just taking up space."
    learnt = record_comment(service_id=service.id, source="survey", text=text)
    review = record_comment(service_id=service.id, source="survey", text=softer)
    words = record_comment(service_id=service.id, source="survey",
                           text="Honestly I want to kill myself tonight")
    db.session.commit()
    # The learnt urgency model calls the first urgent (a method, most nights), the second not.
    assert (learnt.risk_level, learnt.risk_learnt) == ("urgent", True)
    assert (review.risk_level, review.risk_learnt) == ("review", True)
    assert words.risk_learnt is False
    queue = _html(client, "/feedback/attention")
    assert queue.index(f"“{text}”") < queue.index(f"“{softer}”")
    for html in (queue, _html(client, f"/feedback/{learnt.id}")):
        assert "Our risk rules did not flag it" in html
        assert "often wrong" in html
        assert f"“{text}”" in html
    page = _html(client, f"/feedback/{words.id}")
    assert "The words that raised it" in page
    assert "“kill myself”" in page
    assert "Our risk rules did not flag it" not in page


def test_rescreening_only_raises_and_labels_earlier_reader_flags(app, service, make_comment):
    # After the risk check improves, `flask rescreen-risk` runs it again over stored comments.
    reader_text = "Some days I feel like I am just taking up space."
    missed = make_comment(service, "Pills counted. Note written.")  # a newer rule's catch
    old_reader = make_comment(service, reader_text, risk_level="review",
                              risk_reasons=[reader_text])  # flagged before risk_learnt existed
    kept = make_comment(service, "Lovely staff", risk_level="review", risk_reasons=["x"])
    reviewed = make_comment(service, "I want to kill myself tonight", risk_level="review",
                            risk_reasons=["kill myself"], risk_reviewed_at=datetime(2026, 1, 1))
    calm = make_comment(service, "Helpful sessions")
    result = app.test_cli_runner().invoke(args=["rescreen-risk"])
    assert result.exit_code == 0, result.output
    assert "Checked 5 comments: 1 newly flagged or raised to urgent, 1 earlier" in result.output
    db.session.expire_all()
    assert (missed.risk_level, missed.risk_reasons, missed.risk_learnt) == (
        "urgent", ["Pills counted", "Note written"], False)
    assert (old_reader.risk_level, old_reader.risk_learnt) == ("review", True)
    assert kept.risk_level == "review"  # never lowered, though the check now passes it
    assert (reviewed.risk_level, reviewed.risk_reviewed_at) == ("review", datetime(2026, 1, 1))
    assert calm.risk_level == "none"


# The risk queue -----------------------------------------------------------------------------


@pytest.fixture
def flagged(service, make_comment):
    """Two review-level and one urgent comment, one already reviewed, and one unflagged."""
    review_old = make_comment(service, "I feel hopeless, Sam", "I feel hopeless, [NAME]",
                              risk_level="review", risk_reasons=["hopeless"], days_ago=9)
    urgent = make_comment(service, "I want to end it, ring 07700 900123",
                          "I want to end it, ring [PHONE]", risk_level="urgent",
                          risk_reasons=["want to end it"], days_ago=1)
    review_new = make_comment(service, "Can't cope", risk_level="review",
                              risk_reasons=["can't cope"], days_ago=2)
    done = make_comment(service, "Already seen", risk_level="urgent", risk_reasons=["x"],
                        risk_reviewed_at=datetime(2026, 1, 1))
    calm = make_comment(service, "All fine")
    return {"review_old": review_old, "urgent": urgent, "review_new": review_new,
            "done": done, "calm": calm}


def test_queue_lists_unreviewed_flags_urgent_first_then_longest_waiting(client, lead, flagged):
    html = _html(client, "/feedback/attention")
    assert _shown_ids(html) == [
        flagged["urgent"].id, flagged["review_old"].id, flagged["review_new"].id
    ]
    assert "1 urgent and 2 to review" in html
    assert "waiting 9 days" in html
    assert "waiting 1 day<" in html
    assert "“want to end it”" in html  # why it was flagged


def test_a_lead_sees_the_original_words_in_the_queue(client, lead, flagged):
    html = _html(client, "/feedback/attention")
    assert "I want to end it, ring 07700 900123" in html
    assert "Show the words exactly as written" in html


def test_a_facilitator_sees_the_queue_redacted_and_cannot_review(
    client, auth, make_user, service, flagged
):
    auth.login(make_user(Role.FACILITATOR, services=[service]))
    html = _html(client, "/feedback/attention")
    assert "I want to end it, ring [PHONE]" in html
    assert "07700 900123" not in html
    assert "Mark as reviewed" not in html
    detail = _html(client, f"/feedback/{flagged['urgent'].id}")
    assert "07700 900123" not in detail
    assert client.post(f"/feedback/{flagged['urgent'].id}/reviewed").status_code == 403
    db.session.refresh(flagged["urgent"])
    assert flagged["urgent"].risk_reviewed_at is None


def test_a_lead_marks_a_comment_reviewed(client, lead, flagged):
    urgent = flagged["urgent"]
    response = client.post(f"/feedback/{urgent.id}/reviewed")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/feedback/attention")
    db.session.refresh(urgent)
    assert urgent.risk_reviewed_by_id == lead.id
    assert urgent.risk_reviewed_at is not None

    html = _html(client, "/feedback/attention")
    assert urgent.id not in _shown_ids(html)
    assert "0 urgent and 2 to review" in html
    detail = _html(client, f"/feedback/{urgent.id}")
    assert "Reviewed by Lee Lead on" in detail
    assert "Mark as reviewed" not in detail


def test_reviewing_from_the_comment_page_returns_there(client, lead, flagged):
    comment = flagged["review_new"]
    assert "Mark as reviewed" in _html(client, f"/feedback/{comment.id}")
    response = client.post(f"/feedback/{comment.id}/reviewed", data={"next": "detail"})
    assert response.headers["Location"].endswith(f"/feedback/{comment.id}")


def test_reviewing_twice_keeps_the_first_reviewer(client, auth, lead, service, make_user, flagged):
    urgent = flagged["urgent"]
    client.post(f"/feedback/{urgent.id}/reviewed")
    first_time = db.session.get(type(urgent), urgent.id).risk_reviewed_at
    auth.login(make_user(Role.LEAD, services=[service]))
    client.post(f"/feedback/{urgent.id}/reviewed")
    db.session.refresh(urgent)
    assert (urgent.risk_reviewed_by_id, urgent.risk_reviewed_at) == (lead.id, first_time)


def test_an_unflagged_comment_cannot_be_marked_reviewed(client, lead, flagged):
    calm = flagged["calm"]
    client.post(f"/feedback/{calm.id}/reviewed")
    db.session.refresh(calm)
    assert calm.risk_reviewed_at is None


def test_a_lead_of_another_service_cannot_see_or_review(client, auth, make_user, make_service,
                                                       flagged):
    auth.login(make_user(Role.LEAD, services=[make_service()]))
    assert _shown_ids(_html(client, "/feedback/attention")) == []
    assert client.post(f"/feedback/{flagged['urgent'].id}/reviewed").status_code == 404
    db.session.refresh(flagged["urgent"])
    assert flagged["urgent"].risk_reviewed_at is None


def test_urgent_count_is_in_the_navigation_and_on_the_dashboard(client, lead, flagged):
    assert "Needs attention (1)" in _html(client, "/feedback/")
    home = _html(client, "/dashboard")
    assert "Needs attention (1)" in home
    assert "1 urgent comment needs attention" in home
    assert "2 more to review" in home


def test_the_queue_is_empty_when_everything_is_reviewed(client, lead, service, make_comment):
    make_comment(service, risk_level="urgent", risk_reviewed_at=datetime(2026, 1, 1))
    html = _html(client, "/feedback/attention")
    assert "Nothing needs attention" in html
    assert "Needs attention (0)" in html


# The dashboard ------------------------------------------------------------------------------


def test_dashboard_counts_this_months_feedback_by_source(
    client, lead, service, make_service, make_comment
):
    today = datetime.now()
    start = datetime(today.year, today.month, 1, 12)
    make_comment(service, source="survey", received_at=start)
    make_comment(service, source="survey", received_at=start)
    make_comment(service, source="focus_group", received_at=start)
    make_comment(service, source="panel", received_at=start - timedelta(days=3))  # last month
    make_comment(make_service(), source="panel", received_at=start)  # not their service

    html = _html(client, "/dashboard")
    counts = re.search(r'id="month-counts">(.*?)</ul>', html, re.S).group(1)
    numbers = [int(n) for n in re.findall(r"nhsuk-heading-l[^>]*>(\d+)<", counts)]
    assert numbers == [2, 0, 1]  # surveys, panel meetings, focus groups
    assert "Talking Therapies Hackney" in html
    assert f'href="/feedback/?source=survey&amp;from={start:%Y-%m-%d}"' in html


@pytest.mark.parametrize(
    ("role", "links", "absent"),
    [
        (Role.ADMIN, ["/admin/", "/feedback/", "/surveys/", "/panels/"], []),
        (Role.LEAD, ["/feedback/", "/surveys/", "/panels/", "/themes/overview", "/actions/"],
         ["/admin/"]),
        (Role.FACILITATOR, ["/feedback/", "/surveys/", "/panels/", "/themes/overview",
                            "/actions/"], ["/admin/"]),
    ],
)
def test_dashboard_links_to_the_areas_of_the_role(client, auth, make_user, service, role, links,
                                                  absent):
    auth.login(make_user(role, services=[service]))
    html = _html(client, "/dashboard")
    for link in links:
        assert f'href="{link}"' in html
    for link in absent:
        assert f'href="{link}"' not in html


def test_leads_have_panels_in_the_header(client, auth, make_user, service):
    auth.login(make_user(Role.LEAD, services=[service]))
    header = _html(client, "/dashboard").split("<main", 1)[0]
    assert 'href="/panels/"' in header


def test_dashboard_for_someone_without_a_service(client, auth, make_user):
    auth.login(make_user(Role.LEAD))
    assert "You do not belong to any service yet" in _html(client, "/dashboard")


def test_text_typed_by_staff_is_escaped(client, lead, service, make_survey, make_comment):
    survey = make_survey(service, title="<script>alert('title')</script>")
    make_comment(service, "x", "<b>bold</b> claim", survey_id=survey.id)
    html = _html(client, "/feedback/")
    assert "<script>alert" not in html
    assert "<b>bold</b>" not in html
    assert "&lt;script&gt;" in html
