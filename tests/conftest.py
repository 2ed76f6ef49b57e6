"""Shared fixtures: a real database per test (SQLite file, or PostgreSQL from TEST_DATABASE_URL)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from config import TestConfig
from feedback_app import create_app
from feedback_app.auth.services import create_user
from feedback_app.extensions import db
from feedback_app.models import Role, Service, User

PASSWORD = "correct-horse-battery"


def _test_config(database_uri: str) -> type[TestConfig]:
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = database_uri

    return Config


@pytest.fixture
def app(tmp_path) -> Iterator[Flask]:
    external = os.environ.get("TEST_DATABASE_URL")
    uri = external or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    app = create_app(_test_config(uri))
    with app.app_context():
        if external:
            db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        if external:
            db.drop_all()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def make_service(app: Flask) -> Callable[..., Service]:
    counter = iter(range(1, 10_000))

    def factory(name: str | None = None, slug: str | None = None) -> Service:
        n = next(counter)
        service = Service(name=name or f"Talking Therapies {n}", slug=slug or f"service-{n}")
        db.session.add(service)
        db.session.commit()
        return service

    return factory


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def factory(role: Role | str = Role.LEAD, services: list[Service] | None = None,
                email: str | None = None, name: str | None = None) -> User:
        n = next(counter)
        return create_user(email or f"user{n}@example.nhs.uk", name or f"User {n}", PASSWORD,
                           role, services or [])

    return factory


class AuthActions:
    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, user: User | str, password: str = PASSWORD):
        email = user if isinstance(user, str) else user.email
        return self._client.post("/auth/login", data={"email": email, "password": password})

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def count_rows(app: Flask) -> Callable[[type], int]:
    def count(model: type) -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0

    return count
