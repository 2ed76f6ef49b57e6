"""Fixtures shared by the panel tests: two services, a facilitator of the first, a panel."""

from __future__ import annotations

import pytest

from feedback_app.models import Role
from feedback_app.panels import services


@pytest.fixture
def service_a(make_service):
    return make_service(name="North Talking Therapies", slug="north")


@pytest.fixture
def service_b(make_service):
    return make_service(name="South Talking Therapies", slug="south")


@pytest.fixture
def facilitator(make_user, service_a):
    return make_user(Role.FACILITATOR, services=[service_a], name="Fran Facilitator")


@pytest.fixture
def signed_in(auth, facilitator):
    auth.login(facilitator)
    return facilitator


@pytest.fixture
def panel(service_a):
    return services.create_panel(service_id=service_a.id, name="Service user panel")
