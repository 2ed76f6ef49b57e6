from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from feedback_app.access import accessible_services, role_required
from feedback_app.models import Role

bp = Blueprint("panels", __name__, url_prefix="/panels")


@bp.route("/")
@role_required(Role.FACILITATOR)
def index() -> ResponseReturnValue:
    return render_template("panels/index.html", services=accessible_services())
