"""Jinja filters and globals shared by every template."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy.exc import SQLAlchemyError

from feedback_app.inbox.services import attention_count
from feedback_app.models import Role


def nhs_date(value: date | datetime | None, with_time: bool = False) -> str:
    """NHS.UK style dates: 9 March 2026 (no leading zero, full month)."""
    if value is None:
        return ""
    text = f"{value.day} {value:%B %Y}"
    if with_time and isinstance(value, datetime):
        text += f" at {value:%H:%M}"
    return text


def nl2br(value: str | None) -> Markup:
    return Markup("<br>").join(escape(value or "").splitlines())


def error_list(form: Any) -> list[dict[str, str]]:
    """The items of an NHS.UK error summary: one link per field error, in form order."""
    items = []
    for field in form:
        for message in field.errors:
            items.append({"text": message, "href": f"#{field.id}"})
    for message in getattr(form, "form_errors", []):
        items.append({"text": message, "href": "#maincontent"})
    return items


def navigation() -> list[dict[str, Any]]:
    """Header links for the signed-in person's role, decided here rather than in templates."""
    if not current_user.is_authenticated:
        return []
    items = [("main.dashboard", "Home", None)]
    if current_user.has_role(Role.LEAD, Role.FACILITATOR):
        items.append(("inbox.index", "Feedback", None))
        items.append(("surveys.index", "Surveys", None))
        items.append(("themes.index", "Themes", None))
        items.append(("actions.index", "You said, we did", None))
    if current_user.has_role(Role.LEAD, Role.FACILITATOR):
        items.append(("panels.index", "Panels", None))
    if current_user.has_role(Role.LEAD, Role.FACILITATOR):
        # Unreviewed urgent risk flags, visible on every page so nobody misses one.
        try:
            label = f"Needs attention ({attention_count(current_user)})"
        except SQLAlchemyError:  # an error page must still render when the database is down
            label = "Needs attention"
        items.append(("inbox.attention", label, None))
    if current_user.is_admin:
        items.append(("admin.index", "Admin", None))
    links = []
    for endpoint, text, _ in items:
        href = url_for(endpoint)
        links.append({"href": href, "text": text, "current": False})
    # Only the most specific matching link is current (/feedback/attention is not "Feedback").
    matching = [
        link for link in links if link["href"] != "/" and request.path.startswith(link["href"])
    ]
    if matching:
        max(matching, key=lambda link: len(link["href"]))["current"] = True
    return links


ROLE_NAMES = {Role.ADMIN.value: "Administrator", Role.LEAD.value: "Service lead",
              Role.FACILITATOR.value: "Facilitator"}


def role_name(value: str) -> str:
    return ROLE_NAMES.get(value, value)


def init_app(app: Flask) -> None:
    app.jinja_env.filters["nhs_date"] = nhs_date
    app.jinja_env.filters["nl2br"] = nl2br
    app.jinja_env.filters["role_name"] = role_name
    app.jinja_env.globals["error_list"] = error_list
    app.jinja_env.globals["navigation"] = navigation
    app.jinja_env.globals["field_items"] = field_items
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def field_items(field: Any, selected_key: str = "checked") -> list[dict[str, Any]]:
    """Choices of a RadioField/SelectField/SelectMultipleField as NHS.UK macro items."""
    data = field.data
    chosen = {str(v) for v in data} if isinstance(data, list | tuple | set) else {str(data)}
    items = []
    for value, label, *_ in field.iter_choices() if hasattr(field, "iter_choices") else []:
        items.append({"value": value, "text": escape(label), selected_key: str(value) in chosen})
    return items
