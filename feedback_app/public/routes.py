"""Pages for everyone, no sign-in: the 'You said, we did' board and the receipt look-up."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue

from feedback_app.actions.forms import STATUS_LABELS
from feedback_app.extensions import db, limiter
from feedback_app.models import Response
from feedback_app.public import services
from feedback_app.public.forms import NOT_FOUND, DeletionForm, ReceiptForm

bp = Blueprint("public", __name__)

SESSION_KEY = "receipt_response_id"


@bp.route("/you-said-we-did/<slug>")
def board(slug: str) -> ResponseReturnValue:
    service = services.service_by_slug(slug)
    if service is None:
        abort(404)
    return render_template("public/board.html", service=service,
                           items=services.public_board(service), status_labels=STATUS_LABELS)


@bp.route("/receipt", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def receipt() -> ResponseReturnValue:
    form = ReceiptForm()
    if form.validate_on_submit():
        response = services.find_response(form.code.data)
        if response is not None:
            session[SESSION_KEY] = response.id
            return redirect(url_for("public.your_feedback"))
        form.code.errors.append(NOT_FOUND)
    return render_template("public/receipt.html", form=form)


def _current_response() -> Response | None:
    response_id = session.get(SESSION_KEY)
    response = db.session.get(Response, response_id) if response_id else None
    if response is None or response.deletion_requested_at is not None:
        session.pop(SESSION_KEY, None)
        return None
    return response


@bp.route("/receipt/yours")
def your_feedback() -> ResponseReturnValue:
    response = _current_response()
    if response is None:
        return redirect(url_for("public.receipt"))
    return render_template("public/yours.html", receipt=services.receipt_summary(response),
                           status_labels=STATUS_LABELS, form=DeletionForm())


@bp.route("/receipt/delete", methods=["GET", "POST"])
def delete() -> ResponseReturnValue:
    response = _current_response()
    if response is None:
        return redirect(url_for("public.receipt"))
    form = DeletionForm()
    if form.validate_on_submit():
        services.request_deletion(response)
        session.pop(SESSION_KEY, None)
        return redirect(url_for("public.deleted"))
    return render_template("public/delete.html", form=form)


@bp.route("/receipt/deleted")
def deleted() -> ResponseReturnValue:
    return render_template("public/deleted.html")


@bp.post("/receipt/forget")
def forget() -> ResponseReturnValue:
    session.pop(SESSION_KEY, None)
    return redirect(url_for("public.receipt"))
