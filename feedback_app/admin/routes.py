from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from feedback_app.access import accessible_services, role_required
from feedback_app.models import Role

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@role_required(Role.ADMIN)
def index() -> ResponseReturnValue:
    return render_template("admin/index.html", services=accessible_services())
