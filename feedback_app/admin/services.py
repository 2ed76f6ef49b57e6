"""Administration: services and the people who belong to them.

Accounts are never deleted: comments, reviews and consent records point at the person who
recorded them, so an account that should no longer sign in is deactivated instead.
"""

from __future__ import annotations

import re
import secrets

import sqlalchemy as sa
import sqlalchemy.orm as so

from feedback_app.auth.services import AccountError, create_user, set_password
from feedback_app.extensions import db
from feedback_app.models import Role, Service, User

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Letters and digits that cannot be mistaken for one another when read out or copied by hand.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105
GENERATED_PASSWORD_LENGTH = 16


class ServiceError(ValueError):
    """A user-facing reason a service could not be saved."""


class LastAdminError(AccountError):
    """The change would leave nobody able to administer YouSaid."""


# Services ------------------------------------------------------------------------------------


def _clean_slug(slug: str, *, except_id: int | None = None) -> str:
    slug = slug.strip().lower()
    if not SLUG_RE.match(slug):
        raise ServiceError("Slug must be lower-case letters, numbers and hyphens")
    query = sa.select(Service.id).where(Service.slug == slug)
    if except_id is not None:
        query = query.where(Service.id != except_id)
    if db.session.scalar(query) is not None:
        raise ServiceError("A service with that slug already exists")
    return slug


def create_service(name: str, slug: str, description: str = "") -> Service:
    service = Service(
        name=name.strip(), slug=_clean_slug(slug), description=(description or "").strip()
    )
    db.session.add(service)
    db.session.commit()
    return service


def update_service(service: Service, name: str, slug: str, description: str = "") -> Service:
    service.slug = _clean_slug(slug, except_id=service.id)
    service.name = name.strip()
    service.description = (description or "").strip()
    db.session.commit()
    return service


def list_services() -> list[Service]:
    return list(db.session.scalars(sa.select(Service).order_by(Service.name)))


# A guessed id past the database's integer range is simply not found (not a database error).
MAX_ID = 2**31 - 1


def get_service(service_id: int) -> Service | None:
    return db.session.get(Service, service_id) if 0 < service_id <= MAX_ID else None


def services_by_id(service_ids: list[int]) -> list[Service]:
    if not service_ids:
        return []
    services = list(db.session.scalars(sa.select(Service).where(Service.id.in_(service_ids))))
    if len(services) != len(set(service_ids)):
        raise AccountError("Choose services from the list")
    return services


# Accounts ------------------------------------------------------------------------------------


def generate_password() -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(GENERATED_PASSWORD_LENGTH))


def list_users() -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User)
            .options(so.selectinload(User.services))
            .order_by(User.active.desc(), User.name)
        )
    )


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id) if 0 < user_id <= MAX_ID else None


def create_account(
    email: str,
    name: str,
    role: Role | str,
    service_ids: list[int],
    password: str | None = None,
) -> tuple[User, str | None]:
    """Create an account. With no password, one is generated and returned so it can be shown
    once; it is never stored in plain text or shown again."""
    generated = None
    if not password:
        password = generated = generate_password()
    user = create_user(email, name, password, role, services_by_id(service_ids))
    return user, generated


def _active_admin_count() -> int:
    return db.session.scalar(
        sa.select(sa.func.count(User.id)).where(User.role == Role.ADMIN.value, User.active)
    ) or 0


def _is_last_active_admin(user: User) -> bool:
    return user.is_admin and user.active and _active_admin_count() <= 1


def update_account(user: User, name: str, role: Role | str, service_ids: list[int]) -> User:
    if role not in {r.value for r in Role}:
        raise AccountError(f"Role must be one of: {', '.join(r.value for r in Role)}")
    if str(role) != Role.ADMIN.value and _is_last_active_admin(user):
        raise LastAdminError(
            "This is the only active administrator. Make someone else an administrator first"
        )
    user.services = services_by_id(service_ids)
    user.name = name.strip()
    user.role = str(role)
    db.session.commit()
    return user


def deactivate_user(user: User, acting_user: User | None = None) -> User:
    if _is_last_active_admin(user):
        raise LastAdminError(
            "This is the only active administrator, so the account cannot be deactivated"
        )
    if acting_user is not None and acting_user.id == user.id:
        raise AccountError("You cannot deactivate your own account")
    user.active = False
    db.session.commit()
    return user


def reactivate_user(user: User) -> User:
    user.active = True
    db.session.commit()
    return user


def reset_password(user: User) -> str:
    """Give the account a new generated password and return it (to be shown once)."""
    password = generate_password()
    set_password(user, password)
    return password
