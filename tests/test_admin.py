"""Administration through HTTP: services, accounts, roles, and the last-admin rule."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from config import TestConfig
from feedback_app import create_app
from feedback_app.admin.services import LastAdminError, deactivate_user, update_account
from feedback_app.auth.services import create_user
from feedback_app.extensions import db
from feedback_app.models import Role, Service, User

PASSWORD = "correct-horse-battery"


@pytest.fixture
def admin(make_user, auth):
    user = make_user(Role.ADMIN, name="Ada Admin")
    auth.login(user)
    return user


def _user(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.email == email))


def _shown_password(html: str) -> str:
    match = re.search(r'id="password">\s*([A-Za-z0-9]+)\s*<', html)
    assert match, "the generated password is shown on the page"
    return match.group(1)


# Who may enter ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.LEAD, Role.FACILITATOR])
def test_staff_who_are_not_admins_get_403(client, auth, make_user, role):
    auth.login(make_user(role))
    for path in ("/admin/", "/admin/services/new", "/admin/users/new"):
        assert client.get(path).status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_admin_page_lists_services_and_accounts(client, admin, make_service, make_user):
    make_service(name="Talking Therapies Lambeth")
    make_user(Role.FACILITATOR, name="Fay Facilitator")
    html = client.get("/admin/").get_data(as_text=True)
    assert "Talking Therapies Lambeth" in html
    assert "Fay Facilitator" in html
    assert "Facilitator" in html
    assert "Never" in html  # Fay has not signed in yet; the admin has, today


# Services -----------------------------------------------------------------------------------


def test_admin_creates_a_service(client, admin, count_rows):
    response = client.post(
        "/admin/services/new",
        data={"name": " Talking Therapies Croydon ", "slug": "Croydon-North",
              "description": "Site"},
    )
    assert response.status_code == 302
    service = db.session.scalar(sa.select(Service))
    assert (service.name, service.slug, service.description) == (
        "Talking Therapies Croydon", "croydon-north", "Site"
    )
    assert "Talking Therapies Croydon" in client.get("/admin/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("", "Enter a short name for web addresses"),
        ("has spaces", "Short name must only use letters, numbers and hyphens"),
        ("taken", "A service with that slug already exists"),
    ],
)
def test_bad_service_is_refused_with_an_error_summary(
    client, admin, make_service, count_rows, slug, message
):
    make_service(slug="taken")
    page = client.post("/admin/services/new", data={"name": "New one", "slug": slug})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert 'href="#slug"' in html
    assert 'value="New one"' in html  # the answers are kept
    assert count_rows(Service) == 1


def test_admin_edits_a_service(client, admin, make_service):
    service = make_service(name="Old name", slug="old-name")
    form = client.get(f"/admin/services/{service.id}/edit").get_data(as_text=True)
    assert 'value="Old name"' in form
    response = client.post(
        f"/admin/services/{service.id}/edit",
        data={"name": "New name", "slug": "old-name", "description": "Now a site"},
    )
    assert response.status_code == 302
    db.session.refresh(service)
    assert (service.name, service.description) == ("New name", "Now a site")


def test_editing_a_service_cannot_take_another_services_slug(client, admin, make_service):
    make_service(slug="first")
    second = make_service(slug="second")
    page = client.post(
        f"/admin/services/{second.id}/edit", data={"name": "Second", "slug": "first"}
    )
    assert "A service with that slug already exists" in page.get_data(as_text=True)
    db.session.refresh(second)
    assert second.slug == "second"


def test_editing_an_unknown_service_is_404(client, admin):
    assert client.get("/admin/services/999/edit").status_code == 404


# Accounts -----------------------------------------------------------------------------------


def test_admin_creates_an_account_with_a_generated_password(client, admin, make_service, auth):
    service = make_service()
    page = client.post(
        "/admin/users/new",
        data={"email": "New.Lead@Example.nhs.uk", "name": "Nia Lead", "role": "lead",
              "services": [str(service.id)], "password": ""},
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "You will only see this once" in html
    assert page.headers["Cache-Control"] == "no-store"
    password = _shown_password(html)
    assert len(password) >= 10

    user = _user("new.lead@example.nhs.uk")
    assert user.role == Role.LEAD
    assert [s.id for s in user.services] == [service.id]
    assert password not in user.password_hash

    auth.logout()
    auth.login(user.email, password)
    assert "Nia Lead" in client.get("/dashboard").get_data(as_text=True)


def test_admin_creates_an_account_with_a_typed_password(client, admin, auth):
    response = client.post(
        "/admin/users/new",
        data={"email": "fac@example.nhs.uk", "name": "Fred", "role": "facilitator",
              "password": "a-long-enough-one"},
    )
    assert response.status_code == 302
    auth.logout()
    auth.login("fac@example.nhs.uk", "a-long-enough-one")
    assert client.get("/dashboard").status_code == 200


@pytest.mark.parametrize(
    ("data", "message", "anchor"),
    [
        ({"password": "too-short"}, "Password must be at least 10 characters", "#password"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format", "#email"),
        ({"role": "superuser"}, "Choose a role from the list", "#role"),
        ({"name": ""}, "Enter their full name", "#name"),
        ({"services": ["9999"]}, "Choose services from the list", "#services"),
    ],
)
def test_bad_account_details_are_refused(client, admin, count_rows, data, message, anchor):
    form = {"email": "x@example.nhs.uk", "name": "X", "role": "lead", "password": ""}
    page = client.post("/admin/users/new", data={**form, **data})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert f'href="{anchor}' in html
    assert count_rows(User) == 1  # only the admin


def test_an_email_address_can_only_have_one_account(client, admin, make_user, count_rows):
    existing = make_user(Role.LEAD, email="dup@example.nhs.uk")
    page = client.post(
        "/admin/users/new",
        data={"email": "DUP@example.nhs.uk", "name": "Dup", "role": "lead", "password": ""},
    )
    assert "An account with that email address already exists" in page.get_data(as_text=True)
    assert count_rows(User) == 2
    assert existing.name != "Dup"


def test_admin_changes_role_and_services(client, admin, make_user, make_service):
    first, second = make_service(), make_service()
    user = make_user(Role.FACILITATOR, services=[first])
    form = client.get(f"/admin/users/{user.id}/edit").get_data(as_text=True)
    assert f'value="{first.id}" checked' in form
    response = client.post(
        f"/admin/users/{user.id}/edit",
        data={"name": "Renamed", "role": "lead", "services": [str(second.id)]},
    )
    assert response.status_code == 302
    user = _user(user.email)
    assert (user.name, user.role) == ("Renamed", Role.LEAD)
    assert [s.id for s in user.services] == [second.id]


def test_deactivated_account_cannot_sign_in_and_is_kept(client, admin, make_user, auth):
    user = make_user(Role.LEAD)
    response = client.post(f"/admin/users/{user.id}/deactivate")
    assert response.status_code == 302
    assert "can no longer sign in" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert _user(user.email).active is False  # kept, not deleted

    auth.logout()
    auth.login(user)
    assert client.get("/dashboard").status_code == 302

    auth.login(admin)
    client.post(f"/admin/users/{user.id}/reactivate")
    assert _user(user.email).active is True
    auth.logout()
    auth.login(user)
    assert client.get("/dashboard").status_code == 200


def test_admin_resets_a_password(client, admin, make_user, auth):
    user = make_user(Role.LEAD)
    page = client.post(f"/admin/users/{user.id}/reset-password")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    new_password = _shown_password(page.get_data(as_text=True))

    auth.logout()
    auth.login(user, PASSWORD)
    assert client.get("/dashboard").status_code == 302  # the old password no longer works
    auth.login(user, new_password)
    assert client.get("/dashboard").status_code == 200


def test_actions_on_an_unknown_account_are_404(client, admin):
    assert client.get("/admin/users/999/edit").status_code == 404
    assert client.post("/admin/users/999/deactivate").status_code == 404
    assert client.post("/admin/users/999/reset-password").status_code == 404
    assert client.get(f"/admin/users/{10**30}/edit").status_code == 404
    assert client.get(f"/admin/services/{10**30}/edit").status_code == 404


# The last active administrator -------------------------------------------------------------


def test_the_only_admin_cannot_be_demoted(client, admin):
    page = client.post(
        f"/admin/users/{admin.id}/edit", data={"name": admin.name, "role": "lead"}
    )
    html = page.get_data(as_text=True)
    assert "There is a problem" in html
    assert "only active administrator" in html
    assert _user(admin.email).role == Role.ADMIN


def test_the_only_admin_cannot_be_deactivated(client, admin):
    response = client.post(f"/admin/users/{admin.id}/deactivate", follow_redirects=True)
    assert "only active administrator" in response.get_data(as_text=True)
    assert _user(admin.email).active is True


def test_an_admin_can_be_demoted_while_another_remains(client, admin, make_user):
    other = make_user(Role.ADMIN)
    client.post(f"/admin/users/{other.id}/edit", data={"name": other.name, "role": "lead"})
    assert _user(other.email).role == Role.LEAD
    # Now the signed-in admin is the last one.
    client.post(f"/admin/users/{admin.id}/edit", data={"name": admin.name, "role": "lead"})
    assert _user(admin.email).role == Role.ADMIN


def test_a_deactivated_admin_does_not_count_as_the_remaining_admin(app, make_user):
    active = make_user(Role.ADMIN)
    inactive = make_user(Role.ADMIN)
    inactive.active = False
    db.session.commit()
    with pytest.raises(LastAdminError):
        deactivate_user(active)
    with pytest.raises(LastAdminError):
        update_account(active, active.name, Role.LEAD, [])


def test_an_admin_cannot_deactivate_themselves(client, admin, make_user):
    make_user(Role.ADMIN)
    response = client.post(f"/admin/users/{admin.id}/deactivate", follow_redirects=True)
    assert "You cannot deactivate your own account" in response.get_data(as_text=True)
    assert _user(admin.email).active is True


# CSRF ---------------------------------------------------------------------------------------


def test_admin_forms_need_a_csrf_token(tmp_path):
    class CsrfConfig(TestConfig):
        WTF_CSRF_ENABLED = True
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'csrf.sqlite3'}"

    app = create_app(CsrfConfig)
    with app.app_context():
        db.create_all()
        admin = create_user("a@example.nhs.uk", "A", PASSWORD, Role.ADMIN)
        lead = create_user("l@example.nhs.uk", "L", PASSWORD, Role.LEAD)
        client = app.test_client()
        page = client.get("/auth/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        client.post("/auth/login", data={"email": admin.email, "password": PASSWORD,
                                         "csrf_token": token})
        assert client.get("/admin/").status_code == 200
        response = client.post(f"/admin/users/{lead.id}/deactivate")
        assert response.status_code == 400
        db.session.expire_all()
        assert db.session.get(User, lead.id).active is True
        db.session.remove()


def test_names_typed_by_admins_are_escaped(client, admin, make_service):
    make_service(name="<script>alert('svc')</script>")
    page = client.post(
        "/admin/users/new",
        data={"email": "e@example.nhs.uk", "name": "<i>Eve</i>", "role": "lead", "password": ""},
    )
    assert "<i>Eve</i>" not in page.get_data(as_text=True)
    for path in ("/admin/", "/admin/users/new"):
        assert "<script>alert" not in client.get(path).get_data(as_text=True)
