"""Forms anyone can use without signing in."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

NOT_FOUND = ("We could not find feedback with that receipt code. Check the code and try again. "
             "It looks like K7QX-4MRP.")


class ReceiptForm(FlaskForm):
    code = StringField(
        "Your receipt code",
        validators=[DataRequired("Enter your receipt code"),
                    # Too long gets the same answer as any wrong code.
                    Length(max=60, message=NOT_FOUND)],
    )


class DeletionForm(FlaskForm):
    confirm = BooleanField(
        "I want my feedback deleted",
        validators=[DataRequired("Tick the box to confirm you want your feedback deleted")],
    )
