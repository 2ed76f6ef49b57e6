"""Accounts: password hashing (argon2), sign-in, and creating users."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from feedback_app.extensions import db
from feedback_app.models import Role, Service, User

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10


class AccountError(ValueError):
    """A user-facing reason why an account could not be created or changed."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def authenticate(email: str, password: str) -> User | None:
    user = db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    if user is None:
        # Spend the same effort as a real check so timing does not reveal which emails exist.
        _hasher.hash(password)
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = datetime.now(UTC).replace(tzinfo=None)
    db.session.commit()
    return user


def create_user(
    email: str,
    name: str,
    password: str,
    role: Role | str,
    services: list[Service] | None = None,
) -> User:
    email = normalise_email(email)
    if role not in {r.value for r in Role}:
        raise AccountError(f"Role must be one of: {', '.join(r.value for r in Role)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Password must be at least {MIN_PASSWORD_LENGTH} characters")
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise AccountError("An account with that email address already exists")
    user = User(
        email=email,
        name=name.strip(),
        password_hash=hash_password(password),
        role=str(role),
        services=list(services or []),
    )
    db.session.add(user)
    db.session.commit()
    return user


def set_password(user: User, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Password must be at least {MIN_PASSWORD_LENGTH} characters")
    user.password_hash = hash_password(password)
    db.session.commit()
