from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from feedback_app.models import Question, QuestionKind, Survey
from feedback_app.surveys.questions import (
    ABOUT_YOU_QUESTIONS,
    KIND_LABELS,
    choices_for,
)
from feedback_app.surveys.services import SLUG_MAX

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KEY_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
UNREADABLE = "\ufffd"  # what undecodable bytes become
EXPIRED_MESSAGE = "This page was open for a long time. Check your answers and send them again."
NOTHING_ANSWERED = "Answer at least one question"


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _clean_text(value: Any) -> Any:
    # Browsers send new lines as \r\n: count them as one character, as the counter on the page
    # does. NUL characters cannot be stored (PostgreSQL refuses them) and are never meant.
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\x00", "").strip()
    return value


# ---------------------------------------------------------------------------------------------
# Staff: building a survey


class SurveyForm(FlaskForm):
    service_id = SelectField("Service", coerce=int, validators=[DataRequired("Select a service")])
    title = StringField(
        "Title",
        filters=[_strip],
        validators=[
            DataRequired("Enter a title"),
            Length(max=200, message="The title must be 200 characters or fewer"),
        ],
    )
    slug = StringField(
        "Web address",
        filters=[lambda v: _strip(v).lower() if isinstance(v, str) else v],
        validators=[
            Optional(),
            Length(max=SLUG_MAX, message=f"The web address must be {SLUG_MAX} characters or fewer"),
            Regexp(
                SLUG_RE,
                message="The web address can only use lower case letters, numbers and hyphens",
            ),
        ],
    )
    intro = TextAreaField(
        "Introduction",
        filters=[_clean_text],
        validators=[Length(max=2000, message="The introduction must be 2,000 characters or fewer")],
    )
    ask_about_you = BooleanField('Ask the optional "about you" questions', default=True)


class QuestionForm(FlaskForm):
    kind = SelectField(
        "Type of question",
        choices=[SelectChoice(k.value, label) for k, label in KIND_LABELS.items()],
        validators=[DataRequired("Select the type of question")],
    )
    text = StringField(
        "Question",
        filters=[_strip],
        validators=[Length(max=500, message="The question must be 500 characters or fewer")],
    )
    hint = StringField(
        "Hint (optional)",
        filters=[_strip],
        validators=[Length(max=500, message="The hint must be 500 characters or fewer")],
    )
    required = BooleanField("People must answer this question")
    options = TextAreaField(
        "Options",
        filters=[_clean_text],
        validators=[Length(max=5000, message="The options must be 5,000 characters or fewer")],
    )

    def option_lines(self) -> list[str]:
        return [line for line in (self.options.data or "").splitlines() if line.strip()]


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


# ---------------------------------------------------------------------------------------------
# Public: answering a survey


class ChoiceRadioField(RadioField):
    def pre_validate(self, form: Any) -> None:
        if self.data is not None and self.data not in {v for v, *_ in self.iter_choices()}:
            raise ValidationError("Select one of the options shown")


class MultiCheckboxField(SelectMultipleField):
    def pre_validate(self, form: Any) -> None:
        allowed = {v for v, *_ in self.iter_choices()}
        if any(v not in allowed for v in self.data or []):
            raise ValidationError("Select from the options shown")


def _readable(form: Any, field: Field) -> None:
    if isinstance(field.data, str) and UNREADABLE in field.data:
        raise ValidationError(
            "Some characters in your answer could not be read. Check your answer and try again."
        )


def _choices(pairs: list[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _required(question: Question) -> DataRequired:
    verb = "Enter" if question.kind == QuestionKind.TEXT else "Select"
    return DataRequired(f"{verb} an answer to: {_short(question.text)}")


def _question_field(question: Question, optional_label: bool, text_max: int) -> Field:
    label = question.text + (" (optional)" if optional_label and not question.required else "")
    presence = [_required(question)] if question.required else [Optional()]
    if question.kind == QuestionKind.TEXT:
        return TextAreaField(
            label,
            filters=[_clean_text],
            validators=[
                *presence,
                Length(
                    max=text_max, message=f"Your answer must be {text_max:,} characters or fewer"
                ),
                _readable,
            ],
        )
    if question.kind == QuestionKind.MULTIPLE:
        return MultiCheckboxField(
            label, choices=_choices(choices_for(question)), validators=presence
        )
    return ChoiceRadioField(label, choices=_choices(choices_for(question)), validators=presence)


@dataclass(frozen=True)
class QuestionItem:
    """A question as the template draws it."""

    question: Question
    field: Field
    widget: str  # "radios", "checkboxes" or "textarea"


class ResponseFormBase(FlaskForm):
    """Fields are added per survey by `build_response_form`."""

    question_ids: list[int]
    about_you_names: list[str]

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.meta.csrf and self.csrf_token.errors:
            # An expired or missing token is not the person's fault: say so kindly, keep the
            # answers, and the page is drawn again with a fresh token.
            self.csrf_token.errors = []
            self.form_errors.append(EXPIRED_MESSAGE)
            valid = False
        if not any(self[f"q{qid}"].data for qid in self.question_ids) and self.question_ids:
            first = self[f"q{self.question_ids[0]}"]
            if not first.errors:
                first.errors = [NOTHING_ANSWERED]
            valid = False
        return valid

    def answers(self) -> dict[int, str | list[str] | None]:
        return {qid: self[f"q{qid}"].data for qid in self.question_ids}

    def about_you(self) -> dict[str, str | None]:
        return {name: self[name].data for name in self.about_you_names}

    def consent_flags(self) -> dict[str, bool]:
        chosen = set(self.consent.data or [])
        return {"quote_publicly": "quote" in chosen, "use_in_research": "research" in chosen}

    def key(self) -> str | None:
        key = self.submission_key.data or ""
        return key if KEY_RE.match(key) else None


CONSENT_CHOICES = [
    SelectChoice("quote", "You may quote my words in public updates, without my name"),
    SelectChoice("research", "You may use my feedback in research to improve services"),
]


def build_response_form(
    survey: Survey, submission_key: str, text_max: int, **kwargs: Any
) -> ResponseFormBase:
    """A form with one field per question, then the optional "about you" questions, then the
    choice of what may happen with the person's words."""

    class ResponseForm(ResponseFormBase):
        pass

    questions = list(survey.questions)
    optional_label = any(q.required for q in questions)
    for question in questions:
        setattr(
            ResponseForm, f"q{question.id}", _question_field(question, optional_label, text_max)
        )
    about_you_names = []
    if survey.ask_about_you:
        for about in ABOUT_YOU_QUESTIONS:
            setattr(
                ResponseForm,
                about.name,
                ChoiceRadioField(
                    about.text, choices=_choices(about.choices), validators=[Optional()]
                ),
            )
            about_you_names.append(about.name)
    ResponseForm.consent = MultiCheckboxField(
        "What may we do with what you wrote?", choices=CONSENT_CHOICES, validators=[Optional()]
    )
    ResponseForm.submission_key = HiddenField(default=submission_key)
    form = ResponseForm(**kwargs)
    form.question_ids = [q.id for q in questions]
    form.about_you_names = about_you_names
    return form


def question_items(form: ResponseFormBase, survey: Survey) -> list[QuestionItem]:
    items = []
    for question in survey.questions:
        field = form[f"q{question.id}"]
        if question.kind == QuestionKind.TEXT:
            widget = "textarea"
        elif question.kind == QuestionKind.MULTIPLE:
            widget = "checkboxes"
        else:
            widget = "radios"
        items.append(QuestionItem(question, field, widget))
    return items


def about_you_items(form: ResponseFormBase) -> list[tuple[Field, str]]:
    """(field, hint) for each "about you" question on the form."""
    hints = {q.name: q.hint for q in ABOUT_YOU_QUESTIONS}
    return [(form[name], hints[name]) for name in form.about_you_names]
