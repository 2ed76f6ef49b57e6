"""Forms for analysis runs and theme curation."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token is needed."""


class EditThemeForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[DataRequired("Enter a name for the theme"),
                    Length(max=200, message="Name must be 200 characters or fewer")],
    )
    description = TextAreaField(
        "Description",
        validators=[Length(max=2000, message="Description must be 2,000 characters or fewer")],
    )


class MergeForm(FlaskForm):
    themes = SelectMultipleField(
        "Themes to merge into this one", coerce=int,
        validators=[DataRequired("Choose at least one theme to merge into this one")],
    )


class SplitForm(FlaskForm):
    name = StringField(
        "Name of the new theme",
        validators=[DataRequired("Enter a name for the new theme"),
                    Length(max=200, message="Name must be 200 characters or fewer")],
    )
    comments = SelectMultipleField(
        "Comments that belong in the new theme", coerce=int,
        validators=[DataRequired("Choose the comments that belong in the new theme")],
    )


class MoveForm(FlaskForm):
    theme = SelectField(
        "Move this comment to", coerce=int,
        validators=[DataRequired("Choose where this comment belongs")],
    )
