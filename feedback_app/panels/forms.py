"""Forms for panels, members, consent, meetings, contributions and involvement."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.utils import unset_value
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from feedback_app.models import AccessNeed, MeetingKind, ParticipationLevel, RewardKind
from feedback_app.panels import services
from feedback_app.panels.services import CONSENT_PURPOSES, PanelRuleError

OTHER_PURPOSE = "other"
ANONYMOUS = ""

ACCESS_NEED_LABELS = {
    AccessNeed.EASY_READ: "Easy Read documents",
    AccessNeed.INTERPRETER: "An interpreter",
    AccessNeed.BSL: "A British Sign Language (BSL) interpreter",
    AccessNeed.REMOTE: "Taking part remotely or online",
    AccessNeed.LARGE_PRINT: "Large print",
    AccessNeed.STEP_FREE: "Step-free access",
    AccessNeed.OTHER: "Something else",
}

PARTICIPATION_LABELS = {
    ParticipationLevel.INFORM: "Inform",
    ParticipationLevel.CONSULT: "Consult",
    ParticipationLevel.INVOLVE: "Involve",
    ParticipationLevel.CO_PRODUCE: "Co-produce",
}
PARTICIPATION_HINTS = {
    ParticipationLevel.INFORM: (
        "We told people about a decision or a change. They did not shape it."
    ),
    ParticipationLevel.CONSULT: (
        "We asked for views on our plans, and we decide what to do with them."
    ),
    ParticipationLevel.INVOLVE: "People worked with us on the plans and had real influence.",
    ParticipationLevel.CO_PRODUCE: (
        "People shared power with staff: we designed and decided together, as equals."
    ),
}

REWARD_LABELS = {
    RewardKind.PAYMENT: "Payment",
    RewardKind.VOUCHER: "Voucher",
    RewardKind.EXPENSES: "Expenses only",
    RewardKind.DECLINED: "Declined payment",
}

KIND_LABELS = {
    MeetingKind.PANEL_MEETING: "Panel meeting",
    MeetingKind.FOCUS_GROUP: "Focus group",
}


class DateInputField(Field):
    """A date typed into three boxes (day, month, year), as the NHS.UK date input asks for it.

    The boxes are posted as `<name>-day`, `<name>-month` and `<name>-year`. What was typed is
    kept in `parts` (to show it again), and `error_parts` names the boxes to highlight.
    """

    PARTS = ("day", "month", "year")

    def __init__(
        self, label: str | None = None, validators: Any = None, *, required: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(label, validators, **kwargs)
        # The day box keeps this id; `id` itself moves to the first box with an error, so the
        # error summary's link (which uses `id`) lands where the problem is.
        self.base_id = self.id
        self.required = required
        self.parts: dict[str, str] = dict.fromkeys(self.PARTS, "")
        self.error_parts: list[str] = []

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        super().process(None, data, extra_filters)
        self.error_parts = []
        if isinstance(self.data, date):
            self.parts = {"day": str(self.data.day), "month": str(self.data.month),
                          "year": str(self.data.year)}
        if formdata is None:
            return
        self.parts = {p: formdata.get(f"{self.name}-{p}", "").strip() for p in self.PARTS}
        self.raw_data = [self.parts[p] for p in self.PARTS]
        self.data = None
        try:
            self.data = self._parse()
        except ValueError as error:
            self.process_errors.append(error.args[0])

    def validate(self, form: Any, extra_validators: Any = ()) -> bool:
        valid = super().validate(form, extra_validators)
        first = next((p for p in self.PARTS if p in self.error_parts), "day")
        self.id = self.base_id if first == "day" else f"{self.base_id}-{first}"
        return valid

    def _fail(self, message: str, parts: list[str]) -> ValueError:
        self.error_parts = parts
        return ValueError(message)

    def _parse(self) -> date | None:
        name = self.label.text
        missing = [p for p in self.PARTS if not self.parts[p]]
        if len(missing) == len(self.PARTS):
            if self.required:
                raise self._fail(f"Enter the {name[0].lower()}{name[1:]}", [])
            return None
        if missing:
            raise self._fail(f"{name} must include a {' and '.join(missing)}", missing)
        not_numbers = [p for p in self.PARTS if not self.parts[p].isdigit()]
        if not_numbers:
            raise self._fail(f"{name} must be a real date", not_numbers)
        if len(self.parts["year"]) != 4:
            raise self._fail("Year must include 4 numbers", ["year"])
        try:
            value = date(int(self.parts["year"]), int(self.parts["month"]),
                         int(self.parts["day"]))
        except ValueError as error:
            raise self._fail(f"{name} must be a real date", []) from error
        if not 1900 <= value.year <= 2100:
            raise self._fail(f"{name} must be a real date", ["year"])
        return value

    def _value(self) -> str:
        return self.data.isoformat() if isinstance(self.data, date) else ""


def not_in_future(form: FlaskForm, field: DateInputField) -> None:
    if field.data is not None and field.data > date.today():
        field.error_parts = []
        raise ValidationError(f"{field.label.text} must be today or in the past")


def _text_max() -> int:
    return int(current_app.config.get("FEEDBACK_TEXT_MAX", 5000))


class RuleCheckedForm(FlaskForm):
    """A form that can show a service's PanelRuleError beside the field it belongs to."""

    def add_rule_error(self, error: PanelRuleError) -> None:
        target = getattr(self, error.field, None) if error.field else None
        if isinstance(target, Field):
            target.errors = [*target.errors, error.message]
        else:
            self.form_errors.append(error.message)


class PanelForm(RuleCheckedForm):
    service_id = RadioField("Service", coerce=int,
                            validators=[InputRequired("Select the service this panel is part of")])
    name = StringField(
        "Panel name",
        validators=[DataRequired("Enter a name for the panel"),
                    Length(max=200, message="Panel name must be 200 characters or fewer")],
    )
    description = TextAreaField(
        "What the panel is for (optional)",
        validators=[Length(max=5000, message="Description must be 5,000 characters or fewer")],
    )


class MemberForm(RuleCheckedForm):
    display_name = StringField(
        "Name or pseudonym",
        validators=[DataRequired("Enter a name or pseudonym"),
                    Length(max=120, message="Name or pseudonym must be 120 characters or fewer")],
    )
    is_pseudonym = RadioField(
        "Is this their real name?",
        choices=[SelectChoice("pseudonym", "No, it is a pseudonym"),
                 SelectChoice("real", "Yes, it is their real name")],
        default="pseudonym",
        validators=[InputRequired("Select whether this is a pseudonym or their real name")],
    )
    contact_consent = BooleanField("They agree to be contacted by the service about the panel")
    email = StringField("Email address (optional)")
    phone = StringField("UK phone number (optional)")
    access_needs = SelectMultipleField(
        "Access needs",
        choices=[SelectChoice(need.value, ACCESS_NEED_LABELS[need]) for need in AccessNeed],
        validate_choice=True,
    )
    interpreter_language = StringField(
        "Language",
        validators=[Length(max=80, message="Language must be 80 characters or fewer")],
    )
    access_notes = TextAreaField(
        "Notes about access needs (optional)",
        validators=[Length(max=5000, message="Notes must be 5,000 characters or fewer")],
    )
    joined_on = DateInputField("Date they joined", required=False)
    left_on = DateInputField("Date they left", required=False)

    def validate_email(self, field: StringField) -> None:
        if self.contact_consent.data:
            try:
                services.normalise_email(field.data)
            except PanelRuleError as error:
                raise ValidationError(error.message) from error

    def validate_phone(self, field: StringField) -> None:
        if self.contact_consent.data:
            try:
                services.normalise_phone(field.data)
            except PanelRuleError as error:
                raise ValidationError(error.message) from error

    def validate_interpreter_language(self, field: StringField) -> None:
        if AccessNeed.INTERPRETER.value in (self.access_needs.data or []) and not (
            field.data or ""
        ).strip():
            raise ValidationError("Enter the language the member needs an interpreter for")

    def validate_access_notes(self, field: TextAreaField) -> None:
        if AccessNeed.OTHER.value in (self.access_needs.data or []) and not (
            field.data or ""
        ).strip():
            raise ValidationError("Describe the member's other access needs")

    def validate_left_on(self, field: DateInputField) -> None:
        joined = self.joined_on.data
        if field.data and joined and field.data < joined:
            raise ValidationError("The date they left must be on or after the date they joined")

    def values(self) -> dict[str, Any]:
        """The answers as the plain values add_member and update_member take."""
        return {
            "display_name": self.display_name.data,
            "is_pseudonym": self.is_pseudonym.data == "pseudonym",
            "contact_consent": bool(self.contact_consent.data),
            "email": self.email.data,
            "phone": self.phone.data,
            "access_needs": list(self.access_needs.data or []),
            "interpreter_language": self.interpreter_language.data,
            "access_notes": self.access_notes.data or "",
            "joined_on": self.joined_on.data,
            "left_on": self.left_on.data,
        }


class ConsentForm(RuleCheckedForm):
    purpose = RadioField(
        "What did they agree to?",
        choices=[*(SelectChoice(p, p) for p in CONSENT_PURPOSES),
                 SelectChoice(OTHER_PURPOSE, "Something else")],
        validators=[InputRequired("Select what the member agreed to")],
    )
    other_purpose = StringField(
        "What they agreed to",
        validators=[Length(max=200, message="This must be 200 characters or fewer")],
    )
    given_on = DateInputField("Date they gave consent", validators=[not_in_future])
    notes = TextAreaField(
        "Notes (optional)",
        validators=[Length(max=5000, message="Notes must be 5,000 characters or fewer")],
    )

    def validate_other_purpose(self, field: StringField) -> None:
        if self.purpose.data == OTHER_PURPOSE and not (field.data or "").strip():
            raise ValidationError("Enter what the member agreed to")

    def purpose_text(self) -> str:
        if self.purpose.data == OTHER_PURPOSE:
            return (self.other_purpose.data or "").strip()
        return self.purpose.data


class WithdrawConsentForm(RuleCheckedForm):
    withdrawn_on = DateInputField("Date they withdrew consent", validators=[not_in_future])
    notes = TextAreaField(
        "Notes (optional)",
        validators=[Length(max=5000, message="Notes must be 5,000 characters or fewer")],
    )


class MeetingForm(RuleCheckedForm):
    kind = RadioField(
        "Type",
        choices=[SelectChoice(k.value, KIND_LABELS[k]) for k in MeetingKind],
        default=MeetingKind.PANEL_MEETING.value,
        validators=[InputRequired("Select a panel meeting or a focus group")],
    )
    panel_id = SelectField("Panel", coerce=str, validate_choice=True)
    topic = StringField(
        "Topic",
        validators=[DataRequired("Enter the topic"),
                    Length(max=200, message="Topic must be 200 characters or fewer")],
    )
    held_on = DateInputField("Date of the meeting")
    agenda = TextAreaField(
        "Prompts or agenda (optional)",
        validators=[
            Length(max=5000, message="Prompts or agenda must be 5,000 characters or fewer")
        ],
    )
    participation_level = RadioField(
        "Level of participation",
        choices=[SelectChoice(p.value, PARTICIPATION_LABELS[p]) for p in ParticipationLevel],
        default=ParticipationLevel.CONSULT.value,
        validators=[InputRequired("Select the level of participation")],
    )
    notes = TextAreaField(
        "Notes (optional)",
        validators=[Length(max=5000, message="Notes must be 5,000 characters or fewer")],
    )

    def validate_panel_id(self, field: SelectField) -> None:
        if self.kind.data == MeetingKind.PANEL_MEETING and not field.data:
            raise ValidationError("Select the panel this meeting is for")

    def panel_value(self) -> int | None:
        return int(self.panel_id.data) if self.panel_id.data else None


class EditMeetingForm(RuleCheckedForm):
    topic = MeetingForm.topic
    held_on = MeetingForm.held_on
    agenda = MeetingForm.agenda
    participation_level = MeetingForm.participation_level
    notes = MeetingForm.notes


class AttendanceForm(FlaskForm):
    member_ids = SelectMultipleField("Who attended?", coerce=int, validate_choice=True)


class ContributionForm(RuleCheckedForm):
    text = TextAreaField("What was said", validators=[DataRequired("Enter what was said")])
    member_id = SelectField("Who said it?", coerce=str, default=ANONYMOUS, validate_choice=True)

    def validate_text(self, field: TextAreaField) -> None:
        limit = _text_max()
        if len((field.data or "").strip()) > limit:
            raise ValidationError(f"What was said must be {limit:,} characters or fewer")

    def member_value(self) -> int | None:
        return int(self.member_id.data) if self.member_id.data else None


class DeleteForm(FlaskForm):
    """Only a CSRF token: confirms a deletion."""


class InvolvementForm(RuleCheckedForm):
    hours = StringField("Hours")
    reward = RadioField(
        "How were they thanked?",
        choices=[SelectChoice(r.value, REWARD_LABELS[r]) for r in RewardKind],
        validators=[InputRequired("Select how the member was thanked")],
    )
    amount = StringField("Amount in pounds")
    notes = TextAreaField(
        "Notes (optional)",
        validators=[Length(max=5000, message="Notes must be 5,000 characters or fewer")],
    )

    def validate_hours(self, field: StringField) -> None:
        try:
            services.parse_hours(field.data)
        except PanelRuleError as error:
            raise ValidationError(error.message) from error

    def validate_amount(self, field: StringField) -> None:
        try:
            pence = services.parse_pounds(field.data)
            if self.reward.data in {r.value for r in RewardKind}:
                services.check_reward(self.reward.data, pence)
        except PanelRuleError as error:
            raise ValidationError(error.message) from error

    def amount_pence(self) -> int | None:
        return services.parse_pounds(self.amount.data)


class PeriodForm(FlaskForm):
    """The dates an involvement report covers (both optional). Read from the query string."""

    class Meta:
        csrf = False

    start = DateInputField("From", required=False)
    end = DateInputField("To", required=False)

    def validate_end(self, field: DateInputField) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError("The end date must be on or after the start date")
