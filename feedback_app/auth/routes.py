from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user

from feedback_app.auth import services
from feedback_app.auth.forms import LoginForm
from feedback_app.extensions import csrf, db, limiter, login_manager
from feedback_app.models import User

bp = Blueprint("auth", __name__, url_prefix="/auth")


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


def _safe_next(target: str | None) -> str:
    # Only follow same-site relative paths, never another host.
    if target and urlsplit(target).netloc == "" and target.startswith("/"):
        return target
    return url_for("main.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None and user.is_active:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        form.form_errors.append("The email address or password is not right")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@csrf.exempt  # the header's sign-out button cannot carry a token; signing out is harmless
@login_required
def logout() -> ResponseReturnValue:
    logout_user()
    flash("You have signed out.", "info")
    return redirect(url_for("auth.login"))
