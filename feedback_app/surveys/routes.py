from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from feedback_app.access import accessible_services, role_required
from feedback_app.models import Role

bp = Blueprint("surveys", __name__)


@bp.route("/surveys/")
@role_required(Role.LEAD, Role.FACILITATOR)
def index() -> ResponseReturnValue:
    return render_template("surveys/index.html", services=accessible_services())
