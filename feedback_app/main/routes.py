from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from feedback_app.access import accessible_services
from feedback_app.inbox import services as inbox
from feedback_app.models import Role

bp = Blueprint("main", __name__)


@bp.route("/")
def index() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    return render_template("main/index.html")


MONTH_LABELS = {
    "survey": "From surveys",
    "panel": "From panel meetings",
    "focus_group": "From focus groups",
}


def _area_links() -> list[dict[str, str]]:
    """The areas this person's role opens, with what each is for."""
    links = []
    if current_user.has_role(Role.LEAD, Role.FACILITATOR):
        links.append({"href": url_for("inbox.index"), "text": "Feedback",
                      "description": "Read everything people told your services"})
        links.append({"href": url_for("inbox.attention"), "text": "Needs attention",
                      "description": "Feedback our risk check flagged for a lead to review"})
        links.append({"href": url_for("surveys.index"), "text": "Surveys",
                      "description": "Create surveys and see the answers"})
        links.append({"href": url_for("panels.index"), "text": "Panels and focus groups",
                      "description": "Members, meetings and what was said"})
        links.append({"href": url_for("themes.overview"), "text": "Themes",
                      "description": "What people keep telling us, grouped, and how it changes"})
        links.append({"href": url_for("actions.index"), "text": "You said, we did",
                      "description": "The changes made because of feedback, and their progress"})
    if current_user.is_admin:
        links.append({"href": url_for("admin.index"), "text": "Administration",
                      "description": "Services and accounts"})
    return links


@bp.route("/dashboard")
@login_required
def dashboard() -> ResponseReturnValue:
    sees_feedback = current_user.has_role(Role.LEAD, Role.FACILITATOR)
    since = inbox.start_of_month()
    return render_template(
        "main/dashboard.html",
        services=accessible_services(),
        sees_feedback=sees_feedback,
        month_start=since,
        counts=inbox.count_by_source(current_user, since) if sees_feedback else {},
        attention=inbox.attention_counts(current_user) if sees_feedback else {},
        source_labels=MONTH_LABELS,
        areas=_area_links(),
    )


@bp.route("/healthz")
def healthz() -> ResponseReturnValue:
    return {"status": "ok"}


@bp.route("/help")
def get_help() -> ResponseReturnValue:
    return render_template("main/help.html")
