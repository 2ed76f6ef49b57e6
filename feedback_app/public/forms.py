"""Forms anyone can use without signing in."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length


class ReceiptForm(FlaskForm):
    code = StringField(
        "Your receipt code",
        validators=[DataRequired("Enter your receipt code"),
                    Length(max=40, message="Enter the receipt code as it was given to you")],
    )


class DeletionForm(FlaskForm):
    confirm = BooleanField(
        "I want my feedback deleted",
        validators=[DataRequired("Tick the box to confirm you want your feedback deleted")],
    )
