"""Administration: services and the people who belong to them."""

from __future__ import annotations

import re

import sqlalchemy as sa

from feedback_app.extensions import db
from feedback_app.models import Service

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ServiceError(ValueError):
    """A user-facing reason a service could not be saved."""


def create_service(name: str, slug: str, description: str = "") -> Service:
    slug = slug.strip().lower()
    if not SLUG_RE.match(slug):
        raise ServiceError("Slug must be lower-case letters, numbers and hyphens")
    if db.session.scalar(sa.select(Service.id).where(Service.slug == slug)) is not None:
        raise ServiceError("A service with that slug already exists")
    service = Service(name=name.strip(), slug=slug, description=description.strip())
    db.session.add(service)
    db.session.commit()
    return service
