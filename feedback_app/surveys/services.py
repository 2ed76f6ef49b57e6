"""Surveys: building them, recording responses and summarising results.

Plain values in, models out; every function that changes data commits its own unit of work.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from feedback_app.comments.services import record_comment
from feedback_app.extensions import db
from feedback_app.models import (
    Answer,
    Comment,
    CommentSource,
    Question,
    QuestionKind,
    Response,
    RiskLevel,
    Service,
    Survey,
    SurveyStatus,
    User,
)
from feedback_app.models._base import now_utc
from feedback_app.surveys.questions import (
    ABOUT_YOU_FIELDS,
    ABOUT_YOU_QUESTIONS,
    CHOICE_KINDS,
    FFT_NEGATIVE,
    FFT_OPTIONS,
    FFT_POSITIVE,
    FFT_TEXT,
    FOLLOW_UP_HINT,
    FOLLOW_UP_TEXT,
    KINDS_WITH_OPTIONS,
    STANDARD_PEQ_QUESTIONS,
    choices_for,
)

TEXT_MAX = 5000  # the default; the app's FEEDBACK_TEXT_MAX setting wins
UK = ZoneInfo("Europe/London")
SLUG_MAX = 80
# No look-alikes (0/O, 1/I/L, U/V), so a code can be read aloud or copied from paper.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
RECEIPT_GROUPS = 2
RECEIPT_GROUP_SIZE = 4
RECEIPT_PATTERN = re.compile(
    rf"^[{RECEIPT_ALPHABET}]{{{RECEIPT_GROUP_SIZE}}}-[{RECEIPT_ALPHABET}]{{{RECEIPT_GROUP_SIZE}}}$"
)
SMALL_COUNT = 5
# A 0-4 scale may name its two ends in `options`.
EDITABLE_OPTION_KINDS = frozenset({*KINDS_WITH_OPTIONS, QuestionKind.SCALE_0_4})


class SurveyError(ValueError):
    """An operation the survey's state does not allow; the message is fit to show staff.
    `field` names the form field the message belongs beside, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# ---------------------------------------------------------------------------------------------
# Building


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[: SLUG_MAX - 6].strip("-") or "survey"


def slug_is_free(slug: str, survey_id: int | None = None) -> bool:
    query = sa.select(Survey.id).where(Survey.slug == slug)
    if survey_id is not None:
        query = query.where(Survey.id != survey_id)
    return db.session.scalar(query) is None


def unique_slug(text: str) -> str:
    base = slugify(text)
    slug, n = base, 2
    while not slug_is_free(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_survey(
    service: Service,
    title: str,
    created_by: User | None = None,
    *,
    intro: str = "",
    slug: str | None = None,
    ask_about_you: bool = True,
    starter_questions: bool = True,
) -> Survey:
    """A draft survey. By default it starts with the FFT question and a free-text follow-up."""
    if slug and not slug_is_free(slug):
        raise SurveyError("That web address is already used by another survey.", "slug")
    survey = Survey(
        service=service,
        title=title.strip(),
        slug=slug or unique_slug(title),
        intro=intro.strip(),
        ask_about_you=ask_about_you,
        created_by=created_by,
        status=SurveyStatus.DRAFT.value,
    )
    db.session.add(survey)
    if starter_questions:
        survey.questions.append(Question(kind=QuestionKind.FFT.value, text=FFT_TEXT, position=1))
        survey.questions.append(
            Question(
                kind=QuestionKind.TEXT.value, text=FOLLOW_UP_TEXT, hint=FOLLOW_UP_HINT, position=2
            )
        )
    db.session.commit()
    return survey


def _require_draft(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyError("You can only change a survey's questions while it is a draft.")


def update_survey(
    survey: Survey, *, title: str, intro: str, slug: str, ask_about_you: bool
) -> Survey:
    _require_draft(survey)
    slug = slug or unique_slug(title)
    if not slug_is_free(slug, survey.id):
        raise SurveyError("That web address is already used by another survey.", "slug")
    survey.title = title.strip()
    survey.intro = intro.strip()
    survey.slug = slug
    survey.ask_about_you = ask_about_you
    db.session.commit()
    return survey


def clean_options(options: Iterable[str] | None) -> list[str]:
    """Trimmed, non-empty and without repeats, in the order given."""
    seen: list[str] = []
    for option in options or []:
        text = option.strip()
        if text and text not in seen:
            seen.append(text)
    return seen


def _check_question(kind: QuestionKind, options: list[str]) -> None:
    if kind in KINDS_WITH_OPTIONS and len(options) < 2:
        raise SurveyError("Give at least 2 options, one on each line.", "options")
    if kind == QuestionKind.SCALE_0_4 and options and len(options) != 2:
        raise SurveyError(
            "Name the two ends of the scale on 2 lines, or leave the options empty.", "options"
        )


def add_question(
    survey: Survey,
    kind: QuestionKind | str,
    text: str = "",
    *,
    hint: str = "",
    required: bool = False,
    options: Iterable[str] | None = None,
) -> Question:
    _require_draft(survey)
    kind = QuestionKind(kind)
    if kind == QuestionKind.FFT:
        if any(q.kind == QuestionKind.FFT for q in survey.questions):
            raise SurveyError(
                "This survey already has the Friends and Family Test question.", "kind"
            )
        text = FFT_TEXT  # the wording is fixed by NHS England, so results can be compared
    cleaned = clean_options(options) if kind in EDITABLE_OPTION_KINDS else []
    _check_question(kind, cleaned)
    if not text.strip():
        raise SurveyError("Enter the question.", "text")
    position = max((q.position for q in survey.questions), default=0) + 1
    question = Question(
        kind=kind.value,
        text=text.strip(),
        hint=hint.strip(),
        required=required,
        options=cleaned or None,
        position=position,
    )
    survey.questions.append(question)
    db.session.commit()
    return question


def update_question(
    question: Question,
    *,
    text: str,
    hint: str = "",
    required: bool = False,
    options: Iterable[str] | None = None,
) -> Question:
    _require_draft(question.survey)
    kind = QuestionKind(question.kind)
    cleaned = clean_options(options) if kind in EDITABLE_OPTION_KINDS else []
    _check_question(kind, cleaned)
    if kind != QuestionKind.FFT:
        if not text.strip():
            raise SurveyError("Enter the question.", "text")
        question.text = text.strip()
    question.hint = hint.strip()
    question.required = required
    question.options = cleaned or None
    db.session.commit()
    return question


def _renumber(survey: Survey) -> None:
    for n, question in enumerate(sorted(survey.questions, key=lambda q: q.position), start=1):
        question.position = n


def move_question(question: Question, direction: Literal["up", "down"]) -> None:
    survey = question.survey
    _require_draft(survey)
    _renumber(survey)
    ordered = sorted(survey.questions, key=lambda q: q.position)
    index = ordered.index(question)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        neighbour = ordered[other]
        question.position, neighbour.position = neighbour.position, question.position
    db.session.commit()


def delete_question(question: Question) -> None:
    survey = question.survey
    _require_draft(survey)
    survey.questions.remove(question)
    _renumber(survey)
    db.session.commit()


def add_standard_peq_questions(survey: Survey) -> list[Question]:
    """A handful of PEQ-style questions, added after the existing ones (skipping any the
    survey already asks, so pressing the button twice does no harm)."""
    _require_draft(survey)
    asked = {q.text for q in survey.questions}
    position = max((q.position for q in survey.questions), default=0)
    added = []
    for peq in STANDARD_PEQ_QUESTIONS:
        if peq.text in asked:
            continue
        position += 1
        question = Question(kind=peq.kind.value, text=peq.text, hint=peq.hint, position=position)
        survey.questions.append(question)
        added.append(question)
    db.session.commit()
    return added


def publish_survey(survey: Survey) -> Survey:
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyError("Only a draft survey can be published.")
    if not survey.questions:
        raise SurveyError("Add at least one question before you publish the survey.")
    survey.status = SurveyStatus.PUBLISHED.value
    survey.published_at = now_utc()
    db.session.commit()
    return survey


def close_survey(survey: Survey) -> Survey:
    if survey.status != SurveyStatus.PUBLISHED:
        raise SurveyError("Only a published survey can be closed.")
    survey.status = SurveyStatus.CLOSED.value
    survey.closed_at = now_utc()
    db.session.commit()
    return survey


def surveys_for_services(service_ids: list[int]) -> sa.Select:
    """Surveys of these services, newest first (a query, for the caller to paginate)."""
    return (
        sa.select(Survey)
        .where(Survey.service_id.in_(service_ids))
        .options(selectinload(Survey.service))
        .order_by(Survey.created_at.desc(), Survey.id.desc())
    )


def response_counts(survey_ids: list[int]) -> dict[int, int]:
    """Responses per survey, as the results count them (not those asked to be deleted)."""
    rows = db.session.execute(
        sa.select(Response.survey_id, sa.func.count(Response.id))
        .where(Response.survey_id.in_(survey_ids), Response.deletion_requested_at.is_(None))
        .group_by(Response.survey_id)
    ).all()
    return {survey_id: n for survey_id, n in rows}  # noqa: C416 - rows are Row objects


def get_response(response_id: int) -> Response | None:
    return db.session.get(Response, response_id)


def get_survey_by_slug(slug: str) -> Survey | None:
    return db.session.scalar(
        sa.select(Survey).where(Survey.slug == slug).options(selectinload(Survey.questions))
    )


# ---------------------------------------------------------------------------------------------
# Responding


def generate_receipt_code() -> str:
    """Like K7QX-4MRP: about 39 bits from `secrets`, easy to read aloud. Not checked for
    uniqueness here: `record_response` does that."""
    groups = (
        "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_GROUP_SIZE))
        for _ in range(RECEIPT_GROUPS)
    )
    return "-".join(groups)


def _unused_receipt_code(attempts: int = 10) -> str:
    for _ in range(attempts):
        code = generate_receipt_code()
        if db.session.scalar(sa.select(Response.id).where(Response.receipt_code == code)) is None:
            return code
    raise RuntimeError("Could not find an unused receipt code")  # pragma: no cover


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


def response_for_key(submission_key: str) -> Response | None:
    return db.session.scalar(sa.select(Response).where(Response.submission_key == submission_key))


def text_max() -> int:
    return int(current_app.config.get("FEEDBACK_TEXT_MAX", TEXT_MAX))


def _clean_answers(
    survey: Survey, answers: Mapping[int | Question, str | list[str] | None]
) -> dict[int, str | list[str]]:
    """Answers keyed by question id, with empty ones dropped; refuses unknown questions and
    options that are not among a question's choices."""
    questions = {q.id: q for q in survey.questions}
    cleaned: dict[int, str | list[str]] = {}
    limit = text_max()
    for key, value in answers.items():
        qid = key.id if isinstance(key, Question) else int(key)
        question = questions.get(qid)
        if question is None:
            raise ValueError(f"Question {qid} is not in this survey")
        allowed = {v for v, _ in choices_for(question)}
        if question.kind == QuestionKind.MULTIPLE:
            values = [value] if isinstance(value, str) else list(value or [])
            if any(v not in allowed for v in values):
                raise ValueError(f"An answer to question {qid} is not one of its options")
            if values:
                cleaned[qid] = values
        elif question.kind in CHOICE_KINDS:
            if value in (None, ""):
                continue
            if value not in allowed:
                raise ValueError(f"The answer to question {qid} is not one of its options")
            cleaned[qid] = str(value)
        else:
            text = str(value or "").strip()
            if len(text) > limit:
                raise ValueError(f"The answer to question {qid} is longer than {limit}")
            if text:
                cleaned[qid] = text
    return cleaned


def _clean_about_you(about_you: Mapping[str, str | None] | None) -> dict[str, str]:
    allowed = {q.name: {v for v, _ in q.choices} for q in ABOUT_YOU_QUESTIONS}
    cleaned = {}
    for name, value in (about_you or {}).items():
        if name not in allowed:
            raise ValueError(f"{name} is not an about-you question")
        if value in (None, ""):
            continue
        if value not in allowed[name]:
            raise ValueError(f"{value!r} is not an option for {name}")
        cleaned[name] = value
    return cleaned


def record_response(
    survey: Survey,
    answers: Mapping[int | Question, str | list[str] | None],
    about_you: Mapping[str, str | None] | None = None,
    consent: Mapping[str, bool] | None = None,
    submission_key: str | None = None,
    *,
    submitted_at: datetime | None = None,
) -> Response:
    """Store one person's answers, and every non-empty free-text answer as a Comment, in one
    transaction.

    `answers` maps a question (or its id) to the option text, a list of option texts for a
    multiple-choice question, or the free text. `consent` may hold `quote_publicly` and
    `use_in_research` (both default False: internal use only). A `submission_key` already used
    returns the response stored with it instead of storing another.
    """
    cleaned = _clean_answers(survey, answers)
    if not cleaned:
        raise ValueError("Answer at least one question")
    people = _clean_about_you(about_you if survey.ask_about_you else None)
    consent = consent or {}
    key = submission_key or new_submission_key()
    for _attempt in range(3):
        existing = response_for_key(key)
        if existing is not None:
            return _same_survey(existing, survey)
        try:
            response = _build_response(survey, cleaned, people, consent, key, submitted_at)
            db.session.commit()
        except IntegrityError:
            # Either the same form was sent twice at the same moment (the key is taken: return
            # the response the other request stored) or, very rarely, two people drew the same
            # receipt code: try again with a new one.
            db.session.rollback()
            continue
        return response
    existing = response_for_key(key)
    if existing is not None:
        return _same_survey(existing, survey)
    raise RuntimeError("Could not store the response")  # pragma: no cover


def _same_survey(response: Response, survey: Survey) -> Response:
    if response.survey_id != survey.id:
        raise ValueError("That submission key belongs to another survey")
    return response


def _build_response(
    survey: Survey,
    answers: dict[int, str | list[str]],
    about_you: dict[str, str],
    consent: Mapping[str, bool],
    key: str,
    submitted_at: datetime | None,
) -> Response:
    questions = {q.id: q for q in survey.questions}
    fft_answer = next(
        (v for qid, v in answers.items() if questions[qid].kind == QuestionKind.FFT), None
    )
    response = Response(
        survey=survey,
        receipt_code=_unused_receipt_code(),
        submission_key=key,
        submitted_at=submitted_at or now_utc(),
        quote_publicly=bool(consent.get("quote_publicly")),
        use_in_research=bool(consent.get("use_in_research")),
        fft_answer=fft_answer,
        **about_you,
    )
    db.session.add(response)
    for qid, value in answers.items():
        if isinstance(value, list):
            response.answers.append(Answer(question_id=qid, values=value))
        else:
            response.answers.append(Answer(question_id=qid, value=value))
    db.session.flush()  # the response id, for the comments
    for qid, value in answers.items():
        if questions[qid].kind == QuestionKind.TEXT:
            record_comment(
                service_id=survey.service_id,
                source=CommentSource.SURVEY,
                text=str(value),
                received_at=response.submitted_at,
                survey_id=survey.id,
                response_id=response.id,
                question_id=qid,
                fft_answer=fft_answer,
                quote_publicly=response.quote_publicly,
                use_in_research=response.use_in_research,
            )
    return response


def response_was_flagged(response: Response) -> bool:
    """True when the risk screen flagged anything this person wrote."""
    flagged = sa.select(Comment.id).where(
        Comment.response_id == response.id, Comment.risk_level != RiskLevel.NONE.value
    )
    return db.session.scalar(flagged.limit(1)) is not None


# ---------------------------------------------------------------------------------------------
# Results


def percent(part: int, whole: int) -> int:
    """Whole-number percentage, halves rounded up (not to even, which surprises readers)."""
    if whole <= 0:
        return 0
    return (200 * part + whole) // (2 * whole)


@dataclass(frozen=True)
class OptionCount:
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    answered: int
    options: list[OptionCount] = field(default_factory=list)

    @property
    def is_text(self) -> bool:
        return self.question.kind == QuestionKind.TEXT


@dataclass(frozen=True)
class FftMonth:
    month: date
    responses: int
    fft_answered: int
    positive: int
    negative: int

    @property
    def positive_percent(self) -> int:
        return percent(self.positive, self.fft_answered)

    @property
    def negative_percent(self) -> int:
        return percent(self.negative, self.fft_answered)


@dataclass(frozen=True)
class GroupCount:
    label: str
    count: int | None  # None when hidden to protect privacy
    display: str  # what the page shows: the number, "fewer than 5" or "not shown"


@dataclass(frozen=True)
class AboutYouBreakdown:
    text: str
    groups: list[GroupCount]


@dataclass(frozen=True)
class SurveyResults:
    responses: int
    questions: list[QuestionResult]
    fft_months: list[FftMonth]
    about_you: list[AboutYouBreakdown]
    has_fft: bool


def _counted(survey: Survey) -> sa.ColumnElement[bool]:
    # Someone who asked for their feedback to be deleted is no longer counted.
    return sa.and_(Response.survey_id == survey.id, Response.deletion_requested_at.is_(None))


def _answer_counts(survey: Survey) -> tuple[dict[int, Counter[str]], Counter[int]]:
    """Per question: how often each option was chosen, and how many people answered.
    Single answers are counted by the database; multiple-choice lists (JSON) here."""
    counted = _counted(survey)
    tallies: dict[int, Counter[str]] = defaultdict(Counter)
    answered: Counter[int] = Counter()
    single = db.session.execute(
        sa.select(Answer.question_id, Answer.value, sa.func.count())
        .join(Response)
        .join(Question)
        .where(
            counted, Question.kind.in_([k.value for k in CHOICE_KINDS - {QuestionKind.MULTIPLE}])
        )
        .where(Answer.value.is_not(None), Answer.value != "")
        .group_by(Answer.question_id, Answer.value)
    ).all()
    for question_id, value, n in single:
        tallies[question_id][value] += n
        answered[question_id] += n  # one answer row per person and question
    lists = db.session.execute(
        sa.select(Answer.question_id, Answer.values)
        .join(Response)
        .join(Question)
        .where(counted, Question.kind == QuestionKind.MULTIPLE.value)
    ).all()
    for question_id, values in lists:
        if values:
            tallies[question_id].update(values)
            answered[question_id] += 1
    texts = db.session.execute(
        sa.select(Answer.question_id, sa.func.count())
        .join(Response)
        .join(Question)
        .where(counted, Question.kind == QuestionKind.TEXT.value)
        .where(Answer.value.is_not(None), Answer.value != "")
        .group_by(Answer.question_id)
    ).all()
    for question_id, n in texts:
        answered[question_id] += n
    return tallies, answered


def survey_results(survey: Survey) -> SurveyResults:
    tallies, answered = _answer_counts(survey)
    questions = []
    for question in survey.questions:
        n, tally = answered[question.id], tallies[question.id]
        options = [
            OptionCount(label, tally[value], percent(tally[value], n))
            for value, label in choices_for(question)
        ]
        questions.append(QuestionResult(question, n, options))
    # One light row per person: enough for the months and the "about you" tables.
    people = db.session.execute(
        sa.select(
            Response.submitted_at,
            Response.fft_answer,
            *(getattr(Response, name) for name in ABOUT_YOU_FIELDS),
        ).where(_counted(survey))
    ).all()
    return SurveyResults(
        responses=len(people),
        questions=questions,
        fft_months=fft_by_month(people),
        about_you=about_you_breakdown(people) if survey.ask_about_you else [],
        has_fft=any(q.kind == QuestionKind.FFT for q in survey.questions),
    )


def fft_by_month(responses: Iterable[Any]) -> list[FftMonth]:
    """Per calendar month (UK time): responses, FFT answers, and how many were positive or
    negative. "Don't know" counts in the FFT total, as NHS England's FFT guidance says."""
    months: dict[date, list[Any]] = defaultdict(list)
    for response in responses:
        # Times are stored in UTC: 00:30 on 1 April in summer time is still March in UTC.
        local = response.submitted_at.replace(tzinfo=UTC).astimezone(UK)
        months[local.date().replace(day=1)].append(response)
    result = []
    for month in sorted(months):
        fft = [r.fft_answer for r in months[month] if r.fft_answer in FFT_OPTIONS]
        result.append(
            FftMonth(
                month=month,
                responses=len(months[month]),
                fft_answered=len(fft),
                positive=sum(a in FFT_POSITIVE for a in fft),
                negative=sum(a in FFT_NEGATIVE for a in fft),
            )
        )
    return result


def suppress_small(counts: list[tuple[str, int]]) -> list[GroupCount]:
    """Counts from 1 to 4 are shown as "fewer than 5". When only one group is hidden, it could
    be worked out from the total, so the next smallest group is hidden too ("not shown")."""
    small = {label for label, n in counts if 0 < n < SMALL_COUNT}
    secondary = set()
    if len(small) == 1:
        shown = sorted((n, label) for label, n in counts if n >= SMALL_COUNT)
        if shown:
            secondary.add(shown[0][1])
    groups = []
    for label, n in counts:
        if label in small:
            groups.append(GroupCount(label, None, f"fewer than {SMALL_COUNT}"))
        elif label in secondary:
            groups.append(GroupCount(label, None, "not shown"))
        else:
            groups.append(GroupCount(label, n, str(n)))
    return groups


def about_you_breakdown(responses: Sequence[Any]) -> list[AboutYouBreakdown]:
    """Responses (or rows with the same names) counted by each "about you" answer."""
    breakdowns = []
    for question in ABOUT_YOU_QUESTIONS:
        tally = Counter(getattr(r, question.name) for r in responses)
        counts = [(label, tally[value]) for value, label in question.choices]
        counts.append(("Not answered", tally[None]))
        breakdowns.append(AboutYouBreakdown(question.text, suppress_small(counts)))
    return breakdowns
