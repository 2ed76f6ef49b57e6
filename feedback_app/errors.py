"""Friendly error pages: no stack trace ever reaches a user."""

from __future__ import annotations

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from feedback_app.extensions import db

MESSAGES = {
    400: ("Sorry, there is a problem with that request", "Go back and try again."),
    403: ("You do not have access to this page", "Sign in with an account for this service."),
    404: ("Page not found", "If you typed the web address, check it is correct."),
    405: ("Sorry, that did not work", "Go back and try again."),
    413: ("That was too large to send", "Shorten what you wrote and try again."),
    429: ("Too many attempts", "Wait a few minutes, then try again."),
    500: ("Sorry, there is a problem with the service", "Try again later."),
}


def _render(code: int, detail: str | None = None) -> ResponseReturnValue:
    title, hint = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors/error.html", title=title, hint=detail or hint, code=code), code


def handle_http(error: HTTPException) -> ResponseReturnValue:
    return _render(error.code or 500)


def handle_csrf(error: CSRFError) -> ResponseReturnValue:
    return _render(400, "The page was open for a long time. Go back, refresh, and try again.")


def handle_unexpected(error: Exception) -> ResponseReturnValue:
    db.session.rollback()
    return _render(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    if not app.config.get("TESTING"):
        app.register_error_handler(Exception, handle_unexpected)
