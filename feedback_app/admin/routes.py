"""Administration: services, and the accounts of the people who work in them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from markupsafe import escape
from wtforms.fields.choices import SelectChoice

from feedback_app.access import role_required
from feedback_app.admin import services
from feedback_app.admin.forms import ConfirmForm, EditUserForm, NewUserForm, ServiceForm
from feedback_app.auth.services import AccountError
from feedback_app.models import Role, Service, User

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _service_or_404(service_id: int) -> Service:
    service = services.get_service(service_id)
    if service is None:
        abort(404)
    return service


def _user_or_404(user_id: int) -> User:
    user = services.get_user(user_id)
    if user is None:
        abort(404)
    return user


def _service_choices() -> list[SelectChoice]:
    # Escaped here: the NHS.UK checkbox component prints labels as they are.
    return [SelectChoice(s.id, escape(s.name)) for s in services.list_services()]


def _show_password_once(user: User, password: str, heading: str) -> ResponseReturnValue:
    # Rendered straight from the POST (not redirected) so the password is never stored in the
    # session or a URL; no-store keeps it out of the browser's cache and back button.
    response = make_response(
        render_template("admin/password.html", user=user, password=password, heading=heading)
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/")
@role_required(Role.ADMIN)
def index() -> ResponseReturnValue:
    return render_template(
        "admin/index.html", services=services.list_services(), users=services.list_users()
    )


@bp.route("/services/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new_service() -> ResponseReturnValue:
    form = ServiceForm()
    if form.validate_on_submit():
        try:
            service = services.create_service(
                form.name.data, form.slug.data, form.description.data or ""
            )
        except services.ServiceError as error:
            form.slug.errors.append(str(error))
        else:
            flash(f"Service “{service.name}” created.", "success")
            return redirect(url_for("admin.index"))
    return render_template("admin/service_form.html", form=form, service=None)


@bp.route("/services/<int:service_id>/edit", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_service(service_id: int) -> ResponseReturnValue:
    service = _service_or_404(service_id)
    form = ServiceForm(obj=service)
    if form.validate_on_submit():
        try:
            services.update_service(
                service, form.name.data, form.slug.data, form.description.data or ""
            )
        except services.ServiceError as error:
            form.slug.errors.append(str(error))
        else:
            flash(f"Service “{service.name}” saved.", "success")
            return redirect(url_for("admin.index"))
    return render_template("admin/service_form.html", form=form, service=service)


@bp.route("/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new_user() -> ResponseReturnValue:
    form = NewUserForm()
    form.services.choices = _service_choices()
    if form.validate_on_submit():
        try:
            user, generated = services.create_account(
                form.email.data,
                form.name.data,
                form.role.data,
                form.services.data or [],
                password=form.password.data or None,
            )
        except AccountError as error:
            form.email.errors.append(str(error))
        else:
            if generated:
                return _show_password_once(user, generated, "Account created")
            flash(f"Account created for {user.name}.", "success")
            return redirect(url_for("admin.index"))
    return render_template("admin/user_new.html", form=form)


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_user(user_id: int) -> ResponseReturnValue:
    user = _user_or_404(user_id)
    form = EditUserForm(obj=user)
    form.services.choices = _service_choices()
    if not form.is_submitted():
        form.services.data = [s.id for s in user.services]
    if form.validate_on_submit():
        try:
            services.update_account(user, form.name.data, form.role.data, form.services.data or [])
        except AccountError as error:
            form.role.errors.append(str(error))
        else:
            flash(f"Changes to {user.name} saved.", "success")
            return redirect(url_for("admin.index"))
    return render_template("admin/user_edit.html", form=form, user=user, confirm=ConfirmForm())


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@role_required(Role.ADMIN)
def deactivate_user(user_id: int) -> ResponseReturnValue:
    user = _user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.deactivate_user(user, acting_user=current_user)
        except AccountError as error:
            flash(str(error), "error")
        else:
            flash(f"{user.name} can no longer sign in.", "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@role_required(Role.ADMIN)
def reactivate_user(user_id: int) -> ResponseReturnValue:
    user = _user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        services.reactivate_user(user)
        flash(f"{user.name} can sign in again.", "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
@role_required(Role.ADMIN)
def reset_password(user_id: int) -> ResponseReturnValue:
    user = _user_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("admin.edit_user", user_id=user.id))
    password = services.reset_password(user)
    return _show_password_once(user, password, "Password reset")
