from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from feedback_app.access import accessible_services

bp = Blueprint("main", __name__)


@bp.route("/")
def index() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    return render_template("main/index.html")


@bp.route("/dashboard")
@login_required
def dashboard() -> ResponseReturnValue:
    return render_template("main/dashboard.html", services=accessible_services())


@bp.route("/healthz")
def healthz() -> ResponseReturnValue:
    return {"status": "ok"}


@bp.route("/help")
def get_help() -> ResponseReturnValue:
    return render_template("main/help.html")
