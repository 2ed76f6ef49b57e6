"""Load a realistic, fictional NHS Talking Therapies service so every screen has something to show.

The story the data tells
------------------------
The demo covers 18 calendar months, ending with the month it is loaded in: month 0 starts on
the 1st of the month 17 months before the current one. With `d` = the 1st of the current month:

* Window start: ``d`` minus 17 months (`DemoStory.window_start`).
* **Wellbeing check-in calls while you wait** started on ``d`` minus 6 months
  (`DemoStory.checkin_calls_started`; month index 11). The panel co-designed them at its
  meeting in month 7 and reviewed them in months 12 and 16. Comments about distress while
  waiting are about six times as common per month before that date as after it (weight 3.0
  against 0.5; 1.5 in the month itself, while the calls were rolled out). Comments praising
  the check-in calls appear from that month (a few) and mostly from month 12.
* **Questionnaires every other session** (instead of every session) started on ``d`` minus
  4 months (`DemoStory.questionnaires_every_other_session_started`; month index 13), after
  the panel meeting about questionnaires in month 9. Comments about pressure from
  questionnaires and scores fall in the same way (3.0, then 1.5 in month 13, then 0.5), and
  comments welcoming fewer forms appear from month 14.
* Everything else (session limits, choice of therapy, culture and language, appointment times,
  repeated assessments, online and group options, praise) grows gently with survey uptake and
  does not change at either date, so it can serve as a comparison.
* Panel and focus-group contributions follow their meetings' topics (content.MEETINGS): waiting
  in months 2 and 7, questionnaires in months 6 and 9, the check-in calls in months 12, 15
  and 16. They are about a sixth of Riverside's comments.
* Northfield Talking Therapies, the second and smaller service, made neither change: its
  comments are spread evenly over the 18 months.

Example, loaded in November 2026: the window is 1 June 2025 to today, the check-in calls
started on 1 May 2026 and questionnaires every other session on 1 July 2026.

Everything is deterministic for a given day (a fixed random seed; the last comment is dated
before midnight at the start of that day), every piece of free text goes through
`record_comment` (so it is screened for risk and redacted), and loading twice does nothing the
second time.
"""

from __future__ import annotations

import calendar
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa

from analysis.risk_learnt import feedback_examples
from feedback_app.admin.services import create_service
from feedback_app.auth.services import create_user
from feedback_app.comments.services import record_comment
from feedback_app.demo import content, fragments
from feedback_app.extensions import db
from feedback_app.inbox.services import mark_risk_reviewed
from feedback_app.models import (
    Answer,
    Comment,
    CommentSource,
    MeetingKind,
    Panel,
    PanelMember,
    QuestionKind,
    Response,
    RewardKind,
    RiskLevel,
    Role,
    Service,
    Survey,
    SurveyStatus,
    User,
)
from feedback_app.panels import services as panels
from feedback_app.surveys import services as surveys
from feedback_app.surveys.questions import (
    FFT_OPTIONS,
    FREQUENCY_OPTIONS,
    PREFER_NOT_TO_SAY,
    YES_NO_OPTIONS,
)

SEED = 20_260_518
MONTHS = 18
CHECKIN_MONTH = 11  # index of the month the wellbeing check-in calls started
QUESTIONNAIRE_MONTH = 13  # index of the month questionnaires went to every other session
COMPOSED_TARGET = 240  # composed survey comments, on top of the hand-written ones
NORTHFIELD_SHARE = 0.1  # of the survey comments that could belong to either service
BLANK_SHARE = 0.4  # responses that answer the closed questions but write nothing
BATCH = 100
UNREVIEWED_FLAGS = 4  # the newest risk flags, left in the risk queue for a lead to review

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoStory:
    """The dates the demo's story turns on (see the module docstring)."""

    today: date
    window_start: date
    checkin_calls_started: date
    questionnaires_every_other_session_started: date

    def month_start(self, index: int) -> date:
        return _add_months(self.window_start, index)


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def demo_story(today: date | None = None) -> DemoStory:
    today = today or datetime.now(UTC).date()
    current = today.replace(day=1)
    start = _add_months(current, -(MONTHS - 1))
    return DemoStory(
        today=today,
        window_start=start,
        checkin_calls_started=_add_months(start, CHECKIN_MONTH),
        questionnaires_every_other_session_started=_add_months(start, QUESTIONNAIRE_MONTH),
    )


@dataclass
class DemoSummary:
    story: DemoStory
    services: int = 0
    users: int = 0
    surveys: int = 0
    responses: int = 0
    meetings: int = 0
    comments: Counter[str] = field(default_factory=Counter)
    months: int = 0


class DemoLoadError(RuntimeError):
    """The database holds part of a demo load that stopped before the end."""


def is_loaded() -> bool:
    """True when the demo is fully loaded. Raises DemoLoadError for a half-finished load (the
    services commit as they go, so a crash part way leaves rows behind)."""
    slug = content.RIVERSIDE.slug
    if db.session.scalar(sa.select(Service.id).where(Service.slug == slug)) is None:
        return False
    # Survey responses are loaded last.
    finished = db.session.scalar(
        sa.select(Response.id).join(Survey).where(Survey.slug == content.SURVEYS[1].slug).limit(1)
    )
    if finished is None:
        raise DemoLoadError(
            "An earlier demo load stopped part way. Start again with an empty database."
        )
    return True


# --- The written comments -------------------------------------------------------------------


@dataclass(frozen=True)
class DemoComment:
    section: str
    tone: str  # "-", "+", "~" or "="
    text: str


def read_comments() -> list[DemoComment]:
    """The hand-written comments, in file order. They live with the analysis library
    (``analysis/data/feedback_examples.txt``), which also learns from them (risk_learnt)."""
    return [DemoComment(section, tone, text) for section, tone, text in feedback_examples()]


def _joined_tone(tones: list[str]) -> str:
    felt = {t for t in tones if t != "="}
    if not felt:
        return "="
    if len(felt) == 1:
        return felt.pop()
    return "~"


def _continue(sentence: str) -> str:
    """A sentence placed after a joiner such as "Also,": lower-case its first word unless
    that word is "I" or an abbreviation."""
    first = sentence.split(" ", 1)[0]
    if first in {"I", "I'm", "I'd", "I've"} or (len(first) > 1 and first.isupper()):
        return sentence
    return sentence[0].lower() + sentence[1:]


def compose_comments(rng: random.Random, target: int) -> list[DemoComment]:
    """Join hand-written fragments into `target` (or as many as the fragments allow) comments.

    Each core sentence is used at most twice, each topic ending at most twice, each opening
    once, so the composed comments do not repeat sentences across many comments.
    """
    cores = [(theme, tone, text) for theme, items in fragments.CORES.items()
             for tone, text in items] * 2
    rng.shuffle(cores)
    openings = [
        f"{route} {problem}{when if when == '.' else ' ' + when}"
        for route in fragments.ROUTES
        for problem in fragments.OPENING_FITS.get(route, fragments.PROBLEMS)
        for when in fragments.WHEN
        if problem != "for postnatal depression" or "occupational" not in route
    ]
    rng.shuffle(openings)
    ending_uses: Counter[str] = Counter()
    seen: set[str] = set()
    composed: list[DemoComment] = []
    while cores and len(composed) < target:
        theme, tone, core = cores.pop()
        parts, tones = [core], [tone]
        if core.startswith("Then ") or rng.random() < 0.5:
            parts.insert(0, openings.pop())
        last_theme = theme
        if cores and rng.random() < 0.18:
            other = next(
                (c for c in reversed(cores) if c[0] != theme and not c[2].startswith("Then ")),
                None,
            )
            if other is not None:
                cores.remove(other)
                turning = {tone, other[1]} == {"+", "-"}
                joiner = rng.choice(fragments.TURNING if turning else fragments.ADDING)
                second = other[2] if joiner.endswith(":") else _continue(other[2])
                parts.append(f"{joiner} {second}")
                tones.append(other[1])
                last_theme = other[0]
        if rng.random() < 0.4:
            pool = list(fragments.ENDINGS.get(last_theme, ())) if rng.random() < 0.7 else []
            pool = [e for e in pool if ending_uses[e[1]] < 2] or [
                e for e in fragments.GENERAL_ENDINGS if ending_uses[e[1]] < 6
            ]
            if pool:
                end_tone, ending = rng.choice(pool)
                ending_uses[ending] += 1
                parts.append(ending)
                tones.append(end_tone)
        text = " ".join(parts)
        if text in seen:
            continue
        seen.add(text)
        composed.append(DemoComment(theme, _joined_tone(tones), text))
    return composed


# --- When each comment was written ----------------------------------------------------------


def month_weight(section: str, index: int, *, story_service: bool = True) -> float:
    """How likely a comment of this section is in month `index` (relative weights)."""
    if not story_service:
        return 1.0
    # In the month of each change the old complaint is half-way down, as the change rolls out.
    if section == "waiting_distress":
        return 3.0 if index < CHECKIN_MONTH else 1.5 if index == CHECKIN_MONTH else 0.5
    if section == "checkin_calls":
        # People write about the calls once they have had a few of them.
        return {CHECKIN_MONTH: 0.4}.get(index, 1.0 if index > CHECKIN_MONTH else 0.0)
    if section == "measurement_pressure":
        return 3.0 if index < QUESTIONNAIRE_MONTH else 1.5 if index == QUESTIONNAIRE_MONTH else 0.5
    if section == "fewer_questionnaires":
        return 1.0 if index > QUESTIONNAIRE_MONTH else 0.0
    return 1.0 + 0.03 * index  # more people answer the survey as it becomes known


def _month_bounds(story: DemoStory, index: int, now: datetime) -> tuple[datetime, datetime]:
    start = story.month_start(index)
    days = calendar.monthrange(start.year, start.month)[1]
    begin = datetime.combine(start, time())
    end = min(begin + timedelta(days=days), now)
    return begin, end


def pick_moment(rng: random.Random, story: DemoStory, index: int, now: datetime) -> datetime:
    """A plausible time in month `index`: mostly daytime and evening, never in the future."""
    begin, end = _month_bounds(story, index, now)
    span_days = max((end - begin).days, 1)
    moment = begin + timedelta(
        days=rng.randrange(span_days), hours=rng.choice((8, 9, 10, 12, 13, 17, 19, 20, 21, 22)),
        minutes=rng.randrange(60), seconds=rng.randrange(60),
    )
    if moment >= end:
        moment = max(begin, end - timedelta(minutes=rng.randint(5, 300)))
    return moment


def pick_month(rng: random.Random, section: str, story: DemoStory, *, story_service: bool,
               current_fraction: float) -> int:
    weights = [month_weight(section, i, story_service=story_service) for i in range(MONTHS)]
    weights[-1] *= current_fraction  # the current month is not over yet
    return rng.choices(range(MONTHS), weights=weights)[0]


# --- A respondent's closed answers, consistent with what they wrote -------------------------


# Many people who complain still rate the service well overall (national FFT results for talking
# therapies are mostly positive), so negative text leans negative without being all "Poor".
FFT_BY_TONE = {
    "+": (72, 25, 1, 0, 0, 2),
    "-": (4, 16, 28, 31, 19, 2),
    "~": (18, 46, 23, 11, 1, 1),
    "=": (48, 36, 8, 3, 1, 4),
    "": (58, 32, 4, 2, 1, 3),  # responses without any free text
}
FREQUENCY_BY_TONE = {
    "+": (0, 2, 10, 40, 48),
    "-": (12, 25, 38, 20, 5),
    "~": (2, 10, 40, 38, 10),
    "=": (2, 5, 25, 40, 28),
}
AGE_WEIGHTS = (1, 14, 24, 20, 16, 11, 5, 2)
ETHNICITY_WEIGHTS = {
    "White: English, Welsh, Scottish, Northern Irish or British": 60,
    "White: any other White background": 7,
    "White: Irish": 1,
    "Asian or Asian British: Pakistani": 7,
    "Asian or Asian British: Indian": 4,
    "Asian or Asian British: Bangladeshi": 2,
    "Asian or Asian British: Chinese": 1,
    "Black, Black British, Caribbean or African: African": 4,
    "Black, Black British, Caribbean or African: Caribbean": 3,
    "Mixed or multiple ethnic groups: White and Black Caribbean": 2,
    "Mixed or multiple ethnic groups: any other mixed background": 1,
    "Other ethnic group: Arab": 1,
}
SOUTH_ASIAN = (
    "Asian or Asian British: Pakistani",
    "Asian or Asian British: Bangladeshi",
    "Asian or Asian British: Indian",
)
OTHER_LANGUAGE = re.compile(
    r"interpreter|urdu|polish|punjabi|bengali|my english|first language", re.IGNORECASE
)


def _maybe(rng: random.Random, value: str, *, not_say: float, blank: float) -> str | None:
    roll = rng.random()
    if roll < blank:
        return None
    if roll < blank + not_say:
        return PREFER_NOT_TO_SAY
    return value


def about_you(rng: random.Random, text: str) -> dict[str, str | None]:
    """Demographics with a realistic spread, nudged by what the person wrote."""
    lowered = text.lower()
    age = rng.choices(("16 or 17", "18 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64",
                       "65 to 74", "75 or over"), weights=AGE_WEIGHTS)[0]
    if re.search(r"\bi'?m (6[5-9]|7\d)\b", lowered):
        age = "65 to 74"
    ethnicity = rng.choices(list(ETHNICITY_WEIGHTS), weights=list(ETHNICITY_WEIGHTS.values()))[0]
    gender = rng.choices(("Woman", "Man", "Non-binary", "I describe my gender in another way"),
                         weights=(63, 32, 3, 2))[0]
    language = rng.choices(
        ("English", "Another language", "English and another language equally"),
        weights=(85, 9, 6),
    )[0]
    if "muslim" in lowered or "ramadan" in lowered or "urdu" in lowered:
        ethnicity = rng.choice(SOUTH_ASIAN[:2])
    elif "punjabi" in lowered or "bengali" in lowered:
        ethnicity = rng.choice(SOUTH_ASIAN)
    elif "polish" in lowered:
        ethnicity = "White: any other White background"
    elif "black man" in lowered or "caribbean" in lowered:
        ethnicity = "Black, Black British, Caribbean or African: Caribbean"
    if OTHER_LANGUAGE.search(text):
        language = "Another language"
    if re.search(r"\b(woman|mum|pregnant|female therapist|husband)\b", lowered):
        gender = "Woman"
    elif re.search(r"\b(as a man|gay man|bloke|another man|black man)\b", lowered):
        gender = "Man"
    elif "trans woman" in lowered:
        gender = "I describe my gender in another way" if rng.random() < 0.5 else "Woman"
    disability = rng.choices(("Yes", "No"), weights=(37, 63))[0]
    if re.search(r"deaf|wheelchair|dyslexi|autistic|adhd|bad hip", lowered):
        disability = "Yes"
    return {
        "age_band": _maybe(rng, age, not_say=0.03, blank=0.04),
        "ethnicity": _maybe(rng, ethnicity, not_say=0.04, blank=0.04),
        "gender": _maybe(rng, gender, not_say=0.02, blank=0.03),
        "disability": _maybe(rng, disability, not_say=0.05, blank=0.07),
        "first_language": _maybe(rng, language, not_say=0.01, blank=0.03),
    }


def _session_format(rng: random.Random, text: str) -> str:
    lowered = text.lower()
    for word, answer in (("online", "Online programme"), ("group", "Group"), ("video", "Video"),
                         ("phone session", "Phone"), ("face to face", "Face to face")):
        if word in lowered:
            return answer
    return rng.choices(content.SESSION_FORMATS, weights=(35, 35, 18, 8, 4))[0]


def closed_answers(rng: random.Random, survey: Survey, tone: str, text: str,
                   first_language: str | None) -> dict[int, str]:
    """Answers to the survey's closed questions (the FFT answer under the FFT question)."""
    answers: dict[int, str] = {}
    for question in survey.questions:
        kind = question.kind
        if kind == QuestionKind.FFT:
            answers[question.id] = rng.choices(FFT_OPTIONS, weights=FFT_BY_TONE[tone])[0]
        elif rng.random() < 0.08:
            continue  # people skip questions that are not required
        elif kind == QuestionKind.FREQUENCY:
            answers[question.id] = rng.choices(FREQUENCY_OPTIONS,
                                               weights=FREQUENCY_BY_TONE[tone or "+"])[0]
        elif kind == QuestionKind.YES_NO:
            if "interpreter" in question.text:
                if first_language in (None, "English", PREFER_NOT_TO_SAY):
                    answers[question.id] = "Not applicable"
                else:
                    answers[question.id] = rng.choices(YES_NO_OPTIONS, weights=(70, 25, 5))[0]
            else:
                yes = {"+": 80, "-": 40, "~": 60, "=": 65, "": 75}[tone]
                answers[question.id] = rng.choices(YES_NO_OPTIONS, weights=(yes, 100 - yes, 8))[0]
        elif kind == QuestionKind.SINGLE and question.text == content.SESSION_FORMAT:
            answers[question.id] = _session_format(rng, text)
    return answers


# --- Building -------------------------------------------------------------------------------


class _Loader:
    def __init__(self, story: DemoStory, progress: Progress) -> None:
        self.story = story
        self.progress = progress
        self.rng = random.Random(SEED)  # noqa: S311 - demo data, not security
        # The demo ends at the start of the day it is loaded, so one day's loads are identical.
        self.now = datetime.combine(story.today, time())
        self.summary = DemoSummary(story)
        self.services: dict[str, Service] = {}
        self.users: dict[str, User] = {}
        self.receipts: set[str] = set()

    def day(self, index: int, day: int) -> date:
        start = self.story.month_start(index)
        last = calendar.monthrange(start.year, start.month)[1]
        return min(start.replace(day=min(day, last)), self.story.today)

    # services and people
    def make_services(self) -> None:
        for spec in content.SERVICES:
            self.services[spec.slug] = create_service(spec.name, spec.slug, spec.description)
            created = datetime.combine(self.story.window_start, time(9)) - timedelta(days=30)
            self.services[spec.slug].created_at = created
        for spec in content.USERS:
            services = [self.services[s] for s in spec.services]
            self.users[spec.email] = create_user(
                spec.email, spec.name, content.DEMO_PASSWORD, spec.role, services
            )
        db.session.commit()
        self.summary.services, self.summary.users = len(self.services), len(self.users)

    @property
    def lead(self) -> User:
        return self.users[content.USERS[1].email]

    @property
    def facilitator(self) -> User:
        return self.users[content.USERS[2].email]

    # surveys
    def make_surveys(self) -> dict[str, Survey]:
        made: dict[str, Survey] = {}
        for spec in content.SURVEYS:
            service = self.services[spec.service]
            author = self.lead if spec.service == content.RIVERSIDE.slug else None
            survey = surveys.create_survey(
                service, spec.title, author, intro=spec.intro, slug=spec.slug
            )
            if spec.peq:
                surveys.add_standard_peq_questions(survey)
                surveys.add_question(survey, QuestionKind.SINGLE, content.SESSION_FORMAT,
                                     options=content.SESSION_FORMATS)
            else:
                surveys.add_question(survey, QuestionKind.FREQUENCY,
                                     "Did staff listen to you and treat your concerns seriously?")
            surveys.add_question(survey, QuestionKind.TEXT, content.ANYTHING_ELSE)
            opened = spec.opens if spec.opens is not None else MONTHS - 1
            survey.created_at = datetime.combine(self.day(opened, 1), time(9)) - timedelta(days=5)
            if spec.status != SurveyStatus.DRAFT:
                surveys.publish_survey(survey)
                survey.published_at = datetime.combine(self.day(opened, 1), time(9))
            if spec.status == SurveyStatus.CLOSED and spec.closes is not None:
                surveys.close_survey(survey)
                last = self.story.month_start(spec.closes + 1) - timedelta(days=1)
                survey.closed_at = datetime.combine(last, time(17))
            db.session.commit()
            made[spec.slug] = survey
        self.summary.surveys = len(made)
        return made

    def receipt_code(self) -> str:
        while True:
            code = "-".join(
                "".join(self.rng.choice(surveys.RECEIPT_ALPHABET)
                        for _ in range(surveys.RECEIPT_GROUP_SIZE))
                for _ in range(surveys.RECEIPT_GROUPS)
            )
            if code not in self.receipts:
                self.receipts.add(code)
                return code

    def add_response(self, survey: Survey, when: datetime, comment: DemoComment | None) -> None:
        """One person's response, built like `surveys.record_response` builds it, but with a
        given time and a seeded receipt code; its free text goes through `record_comment`."""
        rng = self.rng
        text = comment.text if comment else ""
        tone = comment.tone if comment else ""
        if comment and comment.section == "risk":
            tone = "-"
        people = about_you(rng, text) if survey.ask_about_you else {}
        answers = closed_answers(rng, survey, tone, text, people.get("first_language"))
        by_id = {q.id: q for q in survey.questions}
        fft = next((v for qid, v in answers.items() if by_id[qid].kind == QuestionKind.FFT), None)
        quote = rng.random() < 0.4
        research = rng.random() < (0.45 if quote else 0.12)
        response = Response(
            survey=survey,
            receipt_code=self.receipt_code(),
            submission_key=f"demo-{rng.getrandbits(96):024x}",
            submitted_at=when,
            quote_publicly=quote,
            use_in_research=research,
            fft_answer=fft,
            **people,
        )
        db.session.add(response)
        for qid, value in answers.items():
            response.answers.append(Answer(question_id=qid, value=value))
        if comment is None:
            return
        text_questions = [q for q in survey.questions if q.kind == QuestionKind.TEXT]
        # Things about the building, letters and the like mostly land in "anything else".
        question = text_questions[-1] if comment.section == "other_topics" else text_questions[0]
        response.answers.append(Answer(question=question, value=comment.text))
        # Linked by relationship rather than id, so no flush per response: the batch commit
        # inserts everything at once.
        record_comment(
            service_id=survey.service_id,
            source=CommentSource.SURVEY,
            text=comment.text,
            received_at=when,
            survey=survey,
            response=response,
            question=question,
            fft_answer=fft,
            quote_publicly=quote,
            use_in_research=research,
        )

    def survey_for(self, made: dict[str, Survey], service_slug: str, index: int) -> Survey:
        open_ones = [
            spec for spec in content.SURVEYS
            if spec.service == service_slug and spec.opens is not None and spec.opens <= index
            and (spec.closes is None or index <= spec.closes)
        ]
        return made[open_ones[-1].slug]

    def make_responses(self, made: dict[str, Survey]) -> None:
        rng = self.rng
        written = read_comments()
        composed = compose_comments(rng, COMPOSED_TARGET)
        riverside_only = {"checkin_calls", "fewer_questionnaires", "identifiers", "risk"}
        places = re.compile(r"Millbrook|Eastgate|Riverside")
        today = self.story.today
        current_fraction = today.day / calendar.monthrange(today.year, today.month)[1]
        planned: list[tuple[datetime, str, DemoComment | None]] = []
        for comment in [*written, *composed]:
            northfield = (
                comment.section not in riverside_only
                and not places.search(comment.text)
                and rng.random() < NORTHFIELD_SHARE
            )
            slug = content.NORTHFIELD.slug if northfield else content.RIVERSIDE.slug
            index = pick_month(rng, comment.section, self.story, story_service=not northfield,
                               current_fraction=current_fraction)
            planned.append((pick_moment(rng, self.story, index, self.now), slug, comment))
        blanks = int(len(planned) * BLANK_SHARE)
        for _ in range(blanks):
            slug = content.NORTHFIELD.slug if rng.random() < 0.12 else content.RIVERSIDE.slug
            index = pick_month(rng, "", self.story, story_service=False,
                               current_fraction=current_fraction)
            planned.append((pick_moment(rng, self.story, index, self.now), slug, None))
        planned.sort(key=lambda item: item[0])
        for n, (when, slug, comment) in enumerate(planned, start=1):
            index = (when.year - self.story.window_start.year) * 12 + (
                when.month - self.story.window_start.month
            )
            self.add_response(self.survey_for(made, slug, index), when, comment)
            if n % BATCH == 0:
                db.session.commit()
                self.progress(f"  {n} of {len(planned)} survey responses")
        db.session.commit()
        self.summary.responses = len(planned)

    # the patient panel
    def make_panel(self) -> None:
        service = self.services[content.RIVERSIDE.slug]
        recorder = self.facilitator.id
        panel = panels.create_panel(service_id=service.id, name=content.PANEL_NAME,
                                    description=content.PANEL_DESCRIPTION)
        panel.created_at = datetime.combine(self.story.window_start, time(10))
        members: dict[str, PanelMember] = {}
        for spec in content.MEMBERS:
            members[spec.key] = self.add_member(panel, spec, recorder)
        for spec in content.MEETINGS:
            self.add_meeting(panel, spec, members, recorder)
        self.summary.meetings = len(content.MEETINGS)

    def add_member(self, panel: Panel, spec: content.DemoMember, recorder: int) -> PanelMember:
        joined = self.day(*spec.joined)
        left = self.day(*spec.left) if spec.left else None
        contact = bool(spec.email or spec.phone)
        member = panels.add_member(
            panel, display_name=spec.display_name, is_pseudonym=spec.is_pseudonym,
            contact_consent=contact, email=spec.email, phone=spec.phone,
            access_needs=[str(n) for n in spec.access_needs],
            interpreter_language=spec.interpreter_language, access_notes=spec.access_notes,
            joined_on=joined, recorded_by_id=recorder, effective_on=joined,
        )
        panels.record_consent(member, purpose=panels.CONSENT_PURPOSES[0], given_on=joined,
                              notes="Signed the panel agreement at the first meeting.",
                              recorded_by_id=recorder)
        if spec.quotes_consent:
            panels.record_consent(member, purpose=panels.CONSENT_PURPOSES[2], given_on=joined,
                                  recorded_by_id=recorder)
        if left is not None:
            panels.update_member(
                member, display_name=spec.display_name, is_pseudonym=spec.is_pseudonym,
                access_needs=[str(n) for n in spec.access_needs],
                access_notes=spec.access_notes, joined_on=joined, left_on=left,
                recorded_by_id=recorder, effective_on=left,
            )
            for consent in member.consents:
                if consent.withdrawn_on is None:
                    panels.withdraw_consent(consent, withdrawn_on=left,
                                            notes=content.WITHDRAWN_NOTE)
        return member

    def add_meeting(self, panel: Panel, spec: content.DemoMeeting,
                    members: dict[str, PanelMember], recorder: int) -> None:
        rng = self.rng
        held_on = self.day(spec.month, spec.day)
        meeting = panels.create_meeting(
            service_id=panel.service_id, kind=spec.kind, topic=spec.topic, held_on=held_on,
            panel_id=None if spec.standalone else panel.id, agenda=spec.agenda,
            participation_level=spec.level, notes=spec.notes, created_by_id=recorder,
        )
        meeting.created_at = datetime.combine(held_on, time(9)) - timedelta(days=14)
        if spec.standalone:  # people from outside the panel: nobody to record by name
            for _key, said in spec.contributions:
                panels.add_contribution(meeting, text=said, recorded_by_id=recorder)
            return
        withdrawn = {key for key, m in members.items() if m.left_on is not None}
        speakers = {key for key, _ in spec.contributions if key is not None}
        current = [key for key, m in members.items()
                   if panels.is_current_member(m, held_on)]
        if spec.kind == MeetingKind.FOCUS_GROUP:
            there = speakers | {k for k in current if rng.random() < 0.2}
        else:
            there = speakers | {k for k in current if rng.random() < 0.75}
        panels.set_attendance(meeting, [members[k].id for k in sorted(there)])
        for key, said in spec.contributions:
            # A member who withdrew consent stays in the record only without their name.
            member_id = members[key].id if key and key not in withdrawn else None
            panels.add_contribution(meeting, text=said, member_id=member_id,
                                    recorded_by_id=recorder)
        for key in sorted(there):
            self.add_involvement(meeting, members[key], spec)

    def add_involvement(self, meeting, member: PanelMember, spec: content.DemoMeeting) -> None:
        reward = next(m.reward for m in content.MEMBERS if m.display_name == member.display_name)
        hours = Decimal(str(spec.hours)) + (
            Decimal("0.5") if spec.level == content.CO_PRODUCE else Decimal(0)
        )
        amount: int | None
        if reward == RewardKind.PAYMENT:
            amount = int(hours * content.PAYMENT_PENCE_PER_HOUR)
        elif reward == RewardKind.VOUCHER:
            amount = content.VOUCHER_PENCE
        elif reward == RewardKind.EXPENSES:
            amount = self.rng.choice(content.EXPENSES_PENCE)
        else:
            amount = None
        notes = ""
        if member.interpreter_language:
            notes = f"{member.interpreter_language} interpreter booked."
        elif "bsl" in member.access_needs:
            notes = "BSL interpreter booked."
        panels.record_involvement(meeting, member_id=member.id, hours=hours, reward=reward,
                                  amount_pence=amount, notes=notes)

    def review_old_risk(self) -> None:
        """Every flag but the newest few was reviewed by the service's lead two days after it
        came in; the newest wait in the risk queue."""
        leads = {
            service.id: user for user in self.users.values() for service in user.services
            if user.role == Role.LEAD
        }
        flagged = db.session.scalars(
            sa.select(Comment)
            .where(Comment.risk_level != RiskLevel.NONE.value)
            .order_by(Comment.received_at)
        ).all()
        for comment in flagged[:-UNREVIEWED_FLAGS]:
            mark_risk_reviewed(comment, leads[comment.service_id])
            comment.risk_reviewed_at = min(
                comment.received_at + timedelta(days=2, hours=3), self.now
            )
        db.session.commit()

    def count(self) -> None:
        rows = db.session.execute(sa.select(Comment.source, sa.func.count()).group_by(
            Comment.source))
        self.summary.comments = Counter(dict(rows.all()))
        received = db.session.scalars(sa.select(Comment.received_at))
        self.summary.months = len({(r.year, r.month) for r in received})


def load_demo(today: date | None = None, progress: Progress | None = None) -> DemoSummary | None:
    """Load the demo; None (and no change) when it is already loaded."""
    if is_loaded():
        return None
    loader = _Loader(demo_story(today), progress or (lambda _message: None))
    loader.progress("Creating services and demo accounts...")
    loader.make_services()
    loader.progress("Creating surveys...")
    made = loader.make_surveys()
    loader.progress("Adding the patient panel, its meetings and focus groups...")
    loader.make_panel()
    loader.progress("Adding survey responses...")
    loader.make_responses(made)
    loader.review_old_risk()
    loader.count()
    return loader.summary


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    what: str


def demo_logins() -> Iterator[DemoLogin]:
    for spec in content.USERS:
        yield DemoLogin(spec.email, str(spec.role), spec.what)


def public_survey_slugs() -> list[tuple[str, str, str]]:
    """(service name, survey title, slug) of the demo's published surveys."""
    rows = db.session.execute(
        sa.select(Service.name, Survey.title, Survey.slug)
        .join(Survey, Survey.service_id == Service.id)
        .where(Survey.status == SurveyStatus.PUBLISHED.value,
               Service.slug.in_([s.slug for s in content.SERVICES]))
        .order_by(Service.name, Survey.title)
    )
    return [tuple(row) for row in rows]


__all__ = [
    "DemoLoadError",
    "DemoStory",
    "DemoSummary",
    "demo_logins",
    "demo_story",
    "is_loaded",
    "load_demo",
    "public_survey_slugs",
]
