"""Services, users and their roles."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_login import UserMixin

from feedback_app.extensions import db
from feedback_app.models._base import now_utc


class Role(enum.StrEnum):
    ADMIN = "admin"
    LEAD = "lead"
    FACILITATOR = "facilitator"


service_membership = sa.Table(
    "service_membership",
    db.metadata,
    sa.Column("user_id", sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("service_id", sa.ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
)


class Service(db.Model):
    """A Talking Therapies service, or a team or site within one."""

    __tablename__ = "service"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    slug: so.Mapped[str] = so.mapped_column(sa.String(80), unique=True, index=True)
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)

    members: so.Mapped[list[User]] = so.relationship(
        secondary=service_membership, back_populates="services"
    )

    def __repr__(self) -> str:
        return f"<Service {self.slug}>"


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(254), unique=True, index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    password_hash: so.Mapped[str] = so.mapped_column(sa.String(255))
    role: so.Mapped[str] = so.mapped_column(sa.String(20), default=Role.FACILITATOR.value)
    active: so.Mapped[bool] = so.mapped_column(default=True)
    created_at: so.Mapped[datetime] = so.mapped_column(default=now_utc)
    last_login_at: so.Mapped[datetime | None]

    services: so.Mapped[list[Service]] = so.relationship(
        secondary=service_membership, back_populates="members", order_by="Service.name"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sign-in for inactive accounts
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def has_role(self, *roles: Role | str) -> bool:
        return self.is_admin or self.role in {str(r) for r in roles}

    def can_access(self, service_id: int) -> bool:
        return self.is_admin or any(s.id == service_id for s in self.services)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
