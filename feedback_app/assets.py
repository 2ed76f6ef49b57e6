"""Serves the NHS.UK frontend's compiled styles, scripts and images from the npm install."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, send_from_directory
from flask.typing import ResponseReturnValue

bp = Blueprint("assets", __name__, url_prefix="/nhsuk")

ALLOWED_SUFFIXES = (".css", ".js", ".map", ".svg", ".png", ".ico", ".json", ".woff2", ".woff")


@bp.route("/<path:filename>")
def nhsuk(filename: str) -> ResponseReturnValue:
    if not filename.endswith(ALLOWED_SUFFIXES):
        abort(404)
    return send_from_directory(current_app.config["NHSUK_FRONTEND_DIST"], filename, max_age=3600)
