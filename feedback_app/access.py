"""Who may see what: roles, and the services a user belongs to."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import abort
from flask_login import current_user, login_required

from feedback_app.extensions import db
from feedback_app.models import Role, Service

F = TypeVar("F", bound=Callable[..., Any])


def role_required(*roles: Role) -> Callable[[F], F]:
    """Signed in, and holding one of `roles` (admins hold every role)."""

    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def accessible_services() -> list[Service]:
    if current_user.is_admin:
        return list(db.session.scalars(sa.select(Service).order_by(Service.name)))
    return list(current_user.services)


def accessible_service_ids() -> list[int]:
    return [s.id for s in accessible_services()]


def require_service(service_id: int) -> Service:
    """The service if the current user belongs to it; otherwise 404, so that guessing ids
    does not even reveal which services exist."""
    service = db.session.get(Service, service_id)
    if service is None or not current_user.can_access(service.id):
        abort(404)
    return service


def require_service_of(obj: Any) -> Any:
    """`obj` (anything with a service_id) if the current user may see it, else 404."""
    if obj is None or not current_user.can_access(obj.service_id):
        abort(404)
    return obj
