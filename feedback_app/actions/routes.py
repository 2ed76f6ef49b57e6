"""'You said, we did' actions: leads plan them, record progress and publish them."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from markupsafe import escape
from wtforms.fields.choices import SelectChoice

from feedback_app.access import (
    accessible_services,
    require_service,
    require_service_of,
    role_required,
)
from feedback_app.actions import services
from feedback_app.actions.forms import PARTICIPATION_LABELS, STATUS_LABELS, ActionForm, UpdateForm
from feedback_app.extensions import db
from feedback_app.impact import action_impact
from feedback_app.models import Action, Comment, Role
from feedback_app.themes.forms import ConfirmForm
from feedback_app.themes.services import active_themes

bp = Blueprint("actions", __name__, url_prefix="/actions")

STAFF = (Role.LEAD, Role.FACILITATOR)


def _action(action_id: int) -> Action:
    return require_service_of(db.session.get(Action, action_id))


def _labels() -> dict:
    return {"status_labels": STATUS_LABELS, "participation_labels": PARTICIPATION_LABELS}


@bp.route("/")
@role_required(*STAFF)
def index() -> ResponseReturnValue:
    service_id = request.args.get("service", type=int)
    if service_id is None:
        choices = accessible_services()
        if len(choices) != 1:
            return render_template("actions/choose_service.html", services=choices)
        service = choices[0]
    else:
        service = require_service(service_id)
    actions = services.service_actions(service.id)
    impacts = {a.id: action_impact(a) for a in actions if a.done_on}
    return render_template(
        "actions/index.html", service=service, actions=actions, impacts=impacts,
        counts=services.status_counts(actions),
        overdue={a.id for a in actions if services.is_overdue(a)},
        can_edit=current_user.has_role(Role.LEAD), **_labels(),
    )


def _fill_choices(form: ActionForm, service_id: int, comment_ids: list[int]) -> None:
    form.themes.choices = [SelectChoice(t.id, escape(t.name)) for t in active_themes(service_id)]
    comments = [
        c for c in (db.session.get(Comment, i) for i in comment_ids)
        if c is not None and c.service_id == service_id
    ]
    form.comments.choices = [SelectChoice(c.id, escape(c.redacted_text[:200])) for c in comments]


def _fields(form: ActionForm) -> dict:
    return {
        "title": form.title.data, "description": form.description.data or "",
        "owner": form.owner.data or "", "due_date": form.due_date.data,
        "status": form.status.data, "reason_not_possible": form.reason_not_possible.data or "",
        "progress_pct": form.progress_pct.data or 0,
        "participation_level": form.participation_level.data, "done_on": form.done_on.data,
    }


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.LEAD)
def new() -> ResponseReturnValue:
    service = require_service(request.args.get("service", type=int) or 0)
    form = ActionForm()
    comment_ids = request.args.getlist("comment", type=int) or [
        int(v) for v in request.form.getlist("comments") if v.isdigit()
    ]
    _fill_choices(form, service.id, comment_ids)
    if request.method == "GET":
        form.themes.data = request.args.getlist("theme", type=int)
        form.comments.data = [c.value for c in form.comments.choices]
    if form.validate_on_submit():
        try:
            action = services.create_action(
                service_id=service.id, created_by_id=current_user.id,
                theme_ids=form.themes.data, comment_ids=form.comments.data, **_fields(form),
            )
        except services.ActionError as error:
            form.themes.errors.append(str(error))
        else:
            flash("Action saved. It is not public until you publish it.", "success")
            return redirect(url_for("actions.detail", action_id=action.id))
    return render_template("actions/form.html", form=form, service=service, action=None)


@bp.route("/<int:action_id>")
@role_required(*STAFF)
def detail(action_id: int) -> ResponseReturnValue:
    action = _action(action_id)
    return render_template(
        "actions/detail.html", action=action, service=action.service,
        impact=action_impact(action), update_form=UpdateForm(), confirm=ConfirmForm(),
        can_edit=current_user.has_role(Role.LEAD), overdue=services.is_overdue(action),
        public_url=url_for("public.board", slug=action.service.slug), **_labels(),
    )


@bp.route("/<int:action_id>/edit", methods=["GET", "POST"])
@role_required(Role.LEAD)
def edit(action_id: int) -> ResponseReturnValue:
    action = _action(action_id)
    form = ActionForm(obj=action)
    _fill_choices(form, action.service_id, [c.id for c in action.comments])
    if request.method == "GET":
        form.themes.data = [t.id for t in action.themes]
        form.comments.data = [c.id for c in action.comments]
    if form.validate_on_submit():
        try:
            services.update_action(action, theme_ids=form.themes.data,
                                   comment_ids=form.comments.data, **_fields(form))
        except services.ActionError as error:
            form.themes.errors.append(str(error))
        else:
            flash("Action updated.", "success")
            return redirect(url_for("actions.detail", action_id=action.id))
    return render_template("actions/form.html", form=form, service=action.service, action=action)


@bp.post("/<int:action_id>/updates")
@role_required(Role.LEAD)
def add_update(action_id: int) -> ResponseReturnValue:
    action = _action(action_id)
    form = UpdateForm()
    if form.validate_on_submit():
        services.add_update(action, form.text.data, current_user.id, form.status.data or None,
                            form.reason_not_possible.data)
        flash("Update added to the timeline.", "success")
        return redirect(url_for("actions.detail", action_id=action.id))
    return render_template(
        "actions/detail.html", action=action, service=action.service,
        impact=action_impact(action), update_form=form, confirm=ConfirmForm(),
        can_edit=True, overdue=services.is_overdue(action),
        public_url=url_for("public.board", slug=action.service.slug), form=form, **_labels(),
    ), 400


@bp.post("/<int:action_id>/publish")
@role_required(Role.LEAD)
def publish(action_id: int) -> ResponseReturnValue:
    action = _action(action_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    publish_it = request.form.get("published") == "yes"
    services.set_published(action, publish_it)
    flash("Published on the public board." if publish_it else "Taken off the public board.",
          "success")
    current_app.logger.info("Action %s published=%s by %s", action.id, publish_it,
                            current_user.id)
    return redirect(url_for("actions.detail", action_id=action.id))
