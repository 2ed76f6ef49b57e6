"""The fixed wording of each question kind, and the "about you" categories.

Kept apart from services and forms because the builder, the respondent's form and the results
all need the same answer options, and the stored answer is the option's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from feedback_app.models import Question, QuestionKind

FFT_TEXT = "Overall, how was your experience of our service?"
FFT_OPTIONS = ("Very good", "Good", "Neither good nor poor", "Poor", "Very poor", "Don't know")
FFT_POSITIVE = frozenset({"Very good", "Good"})
FFT_NEGATIVE = frozenset({"Poor", "Very poor"})

YES_NO_OPTIONS = ("Yes", "No", "Not applicable")
FREQUENCY_OPTIONS = ("Never", "Rarely", "Some of the time", "Most of the time", "All of the time")
SCALE_VALUES = ("0", "1", "2", "3", "4")
SCALE_DEFAULT_ENDS = ("Not at all", "Completely")

FOLLOW_UP_TEXT = "Why did you give that answer?"
FOLLOW_UP_HINT = "Tell us what went well, and anything we could do better."

KIND_LABELS = {
    QuestionKind.FFT: "Friends and Family Test question",
    QuestionKind.YES_NO: "Yes, no or not applicable",
    QuestionKind.FREQUENCY: "How often (never to all of the time)",
    QuestionKind.SCALE_0_4: "Scale from 0 to 4",
    QuestionKind.SINGLE: "Choose one option",
    QuestionKind.MULTIPLE: "Choose any options that apply",
    QuestionKind.TEXT: "Free text (up to 5,000 characters)",
}

# Kinds whose options the builder writes (one per line); other kinds have fixed options.
KINDS_WITH_OPTIONS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})
CHOICE_KINDS = frozenset(KIND_LABELS) - {QuestionKind.TEXT}

PREFER_NOT_TO_SAY = "Prefer not to say"


@dataclass(frozen=True)
class PeqQuestion:
    kind: QuestionKind
    text: str
    hint: str = ""


# Written in the spirit of the Talking Therapies Patient Experience Questionnaire (PEQ). The
# wording is ours where we were not sure of the official text.
STANDARD_PEQ_QUESTIONS = (
    PeqQuestion(
        QuestionKind.FREQUENCY, "Did staff listen to you and treat your concerns seriously?"
    ),
    PeqQuestion(
        QuestionKind.FREQUENCY,
        "Do you feel that the service has helped you to better understand and address "
        "your difficulties?",
    ),
    PeqQuestion(QuestionKind.FREQUENCY, "Did you feel involved in making choices about your care?"),
    PeqQuestion(
        QuestionKind.FREQUENCY, "On reflection, did you get the help that mattered to you?"
    ),
    PeqQuestion(
        QuestionKind.FREQUENCY, "Did you have confidence in your therapist and their skills?"
    ),
    PeqQuestion(QuestionKind.YES_NO, "Were you offered a choice of appointment times?"),
    PeqQuestion(
        QuestionKind.YES_NO,
        "Were you given information about the different kinds of help the service offers?",
    ),
    PeqQuestion(
        QuestionKind.YES_NO,
        "If you needed an interpreter or help to communicate, were you offered it?",
    ),
)


def choices_for(question: Question) -> list[tuple[str, str]]:
    """(stored value, label shown) for every option of a closed question; [] for free text."""
    kind = question.kind
    if kind == QuestionKind.FFT:
        return [(o, o) for o in FFT_OPTIONS]
    if kind == QuestionKind.YES_NO:
        return [(o, o) for o in YES_NO_OPTIONS]
    if kind == QuestionKind.FREQUENCY:
        return [(o, o) for o in FREQUENCY_OPTIONS]
    if kind == QuestionKind.SCALE_0_4:
        low, high = scale_ends(question)
        labels = {"0": f"0 - {low}", "4": f"4 - {high}"}
        return [(v, labels.get(v, v)) for v in SCALE_VALUES]
    if kind in KINDS_WITH_OPTIONS:
        return [(o, o) for o in question.options or []]
    return []


def scale_ends(question: Question) -> tuple[str, str]:
    """A 0-4 question may name its two ends in `options`; otherwise the defaults."""
    options = question.options or []
    if len(options) == 2:
        return options[0], options[1]
    return SCALE_DEFAULT_ENDS


# "About you": plain-words versions of the NHS / ONS 2021 census categories. Every question
# offers "Prefer not to say", and none is ever required.
AGE_BANDS = (
    "16 or 17",
    "18 to 24",
    "25 to 34",
    "35 to 44",
    "45 to 54",
    "55 to 64",
    "65 to 74",
    "75 or over",
)
ETHNICITIES = (
    "Asian or Asian British: Bangladeshi",
    "Asian or Asian British: Chinese",
    "Asian or Asian British: Indian",
    "Asian or Asian British: Pakistani",
    "Asian or Asian British: any other Asian background",
    "Black, Black British, Caribbean or African: African",
    "Black, Black British, Caribbean or African: Caribbean",
    "Black, Black British, Caribbean or African: any other Black background",
    "Mixed or multiple ethnic groups: White and Asian",
    "Mixed or multiple ethnic groups: White and Black African",
    "Mixed or multiple ethnic groups: White and Black Caribbean",
    "Mixed or multiple ethnic groups: any other mixed background",
    "White: English, Welsh, Scottish, Northern Irish or British",
    "White: Irish",
    "White: Gypsy or Irish Traveller",
    "White: Roma",
    "White: any other White background",
    "Other ethnic group: Arab",
    "Other ethnic group: any other ethnic group",
)
GENDERS = ("Woman", "Man", "Non-binary", "I describe my gender in another way")
DISABILITY = ("Yes", "No")
FIRST_LANGUAGE = ("English", "Another language", "English and another language equally")


@dataclass(frozen=True)
class AboutYouQuestion:
    name: str  # the Response column
    text: str
    hint: str
    options: tuple[str, ...]

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(o, o) for o in (*self.options, PREFER_NOT_TO_SAY)]


ABOUT_YOU_QUESTIONS = (
    AboutYouQuestion("age_band", "How old are you?", "", AGE_BANDS),
    AboutYouQuestion(
        "ethnicity",
        "What is your ethnic group?",
        "Choose the option that best describes you.",
        ETHNICITIES,
    ),
    AboutYouQuestion("gender", "What is your gender?", "", GENDERS),
    AboutYouQuestion(
        "disability",
        "Do you have a disability or a long-term physical or mental health condition?",
        "This means something that has lasted, or is expected to last, 12 months or more.",
        DISABILITY,
    ),
    AboutYouQuestion("first_language", "What is your first language?", "", FIRST_LANGUAGE),
)
ABOUT_YOU_FIELDS = tuple(q.name for q in ABOUT_YOU_QUESTIONS)
