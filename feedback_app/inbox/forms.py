from __future__ import annotations

from flask_wtf import FlaskForm
from markupsafe import escape
from wtforms import DateField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from feedback_app.inbox.services import RISK_LABELS, SOURCE_LABELS, CommentFilters
from feedback_app.surveys.questions import FFT_OPTIONS

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"]
DATE_MESSAGE = "{} must be a real date, like 9/3/2026"

# Query-string keys the inbox understands; pagination links carry these and nothing else.
FILTER_KEYS = ("service", "source", "survey", "from", "to", "fft", "risk")


def _optional_int(value: object) -> int | None:
    if value in (None, ""):
        return None
    return int(value)  # type: ignore[arg-type]


def fft_label(value: str) -> str:
    """FFT answers are stored as their wording ("Very good"); anything else is made readable."""
    if value in FFT_OPTIONS:
        return value
    return value.replace("_", " ").strip().capitalize()


class FilterForm(FlaskForm):
    """The inbox filters: a GET form (bookmarkable, works without JavaScript), so no CSRF token."""

    class Meta:
        csrf = False

    service = SelectField("Service", coerce=_optional_int, validators=[Optional()])
    source = SelectField(
        "Source",
        invalid_choice_message="Choose a source from the list",
        choices=[
            SelectChoice("", "All sources"), *(SelectChoice(k, v) for k, v in SOURCE_LABELS.items())
        ],
        validators=[Optional()],
    )
    survey = SelectField("Survey", coerce=_optional_int, validators=[Optional()])
    date_from = DateField(
        "From",
        name="from",
        format=DATE_FORMATS,
        invalid_value_message=DATE_MESSAGE.format("The ‘from’ date"),
        validators=[Optional()],
    )
    date_to = DateField(
        "To",
        name="to",
        format=DATE_FORMATS,
        invalid_value_message=DATE_MESSAGE.format("The ‘to’ date"),
        validators=[Optional()],
    )
    fft = SelectField(
        "Friends and Family Test answer",
        invalid_choice_message="Choose an answer from the list",
        validators=[Optional()],
    )
    risk = SelectField(
        "Risk flag",
        invalid_choice_message="Choose a risk flag from the list",
        choices=[
            SelectChoice("", "Any"),
            *(SelectChoice(k, v) for k, v in RISK_LABELS.items() if k != "none"),
            SelectChoice("none", "Not flagged"),
        ],
        validators=[Optional()],
    )

    def set_choices(self, services, surveys, fft_answers) -> None:
        # Labels are escaped here because the NHS.UK select component prints them as they are,
        # and survey titles are typed by staff.
        self.service.choices = [
            SelectChoice("", "All your services"),
            *(SelectChoice(s.id, escape(s.name)) for s in services),
        ]
        self.survey.choices = [
            SelectChoice("", "All surveys"),
            *(SelectChoice(s.id, escape(s.title)) for s in surveys),
        ]
        self.fft.choices = [
            SelectChoice("", "Any answer"),
            *(SelectChoice(a, escape(fft_label(a))) for a in fft_answers),
        ]

    def validate_date_to(self, field: DateField) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("The ‘to’ date must be the same as or after the ‘from’ date")

    def to_filters(self) -> CommentFilters:
        return CommentFilters(
            service_id=self.service.data,
            source=self.source.data or None,
            survey_id=self.survey.data,
            date_from=self.date_from.data,
            date_to=self.date_to.data,
            fft_answer=self.fft.data or None,
            risk_level=self.risk.data or None,
        )


class ReviewForm(FlaskForm):
    """The "mark as reviewed" button: a POST carrying the CSRF token."""
