from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from feedback_app.access import accessible_services, role_required
from feedback_app.models import Role

bp = Blueprint("inbox", __name__, url_prefix="/feedback")


@bp.route("/")
@role_required(Role.LEAD, Role.FACILITATOR)
def index() -> ResponseReturnValue:
    return render_template("inbox/index.html", services=accessible_services())
