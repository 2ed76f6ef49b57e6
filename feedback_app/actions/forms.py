"""Forms for "You said, we did" actions."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from feedback_app.models import ActionStatus, ParticipationLevel

STATUS_LABELS = {
    ActionStatus.PROPOSED.value: "Proposed",
    ActionStatus.PLANNED.value: "Planned",
    ActionStatus.IN_PROGRESS.value: "In progress",
    ActionStatus.DONE.value: "Done",
    ActionStatus.NOT_POSSIBLE.value: "Not possible",
}
PARTICIPATION_LABELS = {
    ParticipationLevel.INFORM.value: "Inform: we tell people what we are doing",
    ParticipationLevel.CONSULT.value: "Consult: we ask people what they think",
    ParticipationLevel.INVOLVE.value: "Involve: people help shape it",
    ParticipationLevel.CO_PRODUCE.value: "Co-produce: people make it with us as equals",
}
DATE_HINT = "For example, 9 March 2026"


class ActionForm(FlaskForm):
    title = StringField(
        "What will change",
        validators=[DataRequired("Enter what will change"),
                    Length(max=200, message="What will change must be 200 characters or fewer")],
    )
    description = TextAreaField(
        "More detail",
        validators=[Length(max=5000, message="More detail must be 5,000 characters or fewer")],
    )
    owner = StringField(
        "Who is responsible",
        validators=[Length(max=120, message="Who is responsible must be 120 characters or fewer")],
    )
    due_date = DateField("Due date", validators=[Optional()],
                         render_kw={"type": "date"})
    status = SelectField("Status", choices=[SelectChoice(k, v) for k, v in STATUS_LABELS.items()],
                         default=ActionStatus.PROPOSED.value)
    reason_not_possible = TextAreaField(
        "Why it is not possible",
        validators=[Length(max=5000, message="The reason must be 5,000 characters or fewer")],
    )
    progress_pct = IntegerField(
        "Progress (percent)", default=0,
        validators=[Optional(), NumberRange(0, 100, "Progress must be between 0 and 100")],
    )
    done_on = DateField("Date it was done", validators=[Optional()], render_kw={"type": "date"})
    participation_level = RadioField(
        "How people took part",
        choices=[SelectChoice(k, v) for k, v in PARTICIPATION_LABELS.items()],
        default=ParticipationLevel.INFORM.value,
    )
    themes = SelectMultipleField(
        "Themes this answers", coerce=int,
        validators=[DataRequired("Choose at least one theme this action answers")],
    )
    comments = SelectMultipleField("Comments this answers", coerce=int, validate_choice=True)

    def validate_reason_not_possible(self, field: TextAreaField) -> None:
        if self.status.data == ActionStatus.NOT_POSSIBLE and not (field.data or "").strip():
            raise ValidationError("Say why it is not possible: people will see this")


class UpdateForm(FlaskForm):
    text = TextAreaField(
        "What happened",
        validators=[DataRequired("Enter what happened"),
                    Length(max=5000, message="The update must be 5,000 characters or fewer")],
    )
    status = SelectField("Status after this update",
                         choices=[SelectChoice("", "No change"),
                                  *(SelectChoice(k, v) for k, v in STATUS_LABELS.items())],
                         default="")
    reason_not_possible = TextAreaField(
        "Why it is not possible (if so)",
        validators=[Length(max=5000, message="The reason must be 5,000 characters or fewer")],
    )

    def validate_reason_not_possible(self, field: TextAreaField) -> None:
        if self.status.data == ActionStatus.NOT_POSSIBLE and not (field.data or "").strip():
            raise ValidationError("Say why it is not possible: people will see this")
