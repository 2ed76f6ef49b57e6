from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from feedback_app.auth.services import MIN_PASSWORD_LENGTH
from feedback_app.models import Role

ROLE_CHOICES = [
    SelectChoice(Role.FACILITATOR.value, "Facilitator: runs panels and focus groups"),
    SelectChoice(Role.LEAD.value, "Service lead: reads feedback, reviews risk, runs surveys"),
    SelectChoice(Role.ADMIN.value, "Administrator: manages services and accounts"),
]


class ServiceForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[DataRequired("Enter the name of the service"), Length(max=200)],
    )
    slug = StringField(
        "Short name for web addresses",
        validators=[
            DataRequired("Enter a short name for web addresses"),
            Length(max=80, message="Short name must be 80 characters or fewer"),
            Regexp(
                r"^\s*[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*\s*$",
                message="Short name must only use letters, numbers and hyphens",
            ),
        ],
    )
    description = StringField(
        "Description (optional)",
        validators=[
            Optional(),
            Length(max=1000, message="Description must be 1,000 characters or fewer"),
        ],
    )


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form: FlaskForm) -> None:
        allowed = {value for value, *_ in self.iter_choices()}
        if any(str(value) not in {str(a) for a in allowed} for value in self.data or []):
            raise ValidationError("Choose services from the list")


class _AccountFields(FlaskForm):
    name = StringField(
        "Full name", validators=[DataRequired("Enter their full name"), Length(max=120)]
    )
    role = RadioField(
        "Role",
        choices=ROLE_CHOICES,
        invalid_choice_message="Choose a role from the list",
        validators=[DataRequired("Choose a role")],
    )
    services = MultiCheckboxField("Services they belong to", coerce=int, validate_choice=True)


class NewUserForm(_AccountFields):
    email = EmailField(
        "Email address",
        validators=[
            DataRequired("Enter their email address"),
            # A shape check only (email_validator is not a dependency); sign-in proves the rest.
            Regexp(
                r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$",
                message="Enter an email address in the correct format, like name@example.nhs.uk",
            ),
            Length(max=254),
        ],
    )
    password = PasswordField(
        "Initial password (optional)",
        validators=[
            Optional(),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=f"Password must be at least {MIN_PASSWORD_LENGTH} characters",
            ),
        ],
    )


class EditUserForm(_AccountFields):
    pass


class ConfirmForm(FlaskForm):
    """A button-only POST form: carries the CSRF token."""
