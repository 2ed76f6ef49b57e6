from __future__ import annotations

import pytest

from feedback_app.extensions import db
from feedback_app.models import Role, User


def test_login_page_uses_the_nhs_design_system(client):
    page = client.get("/auth/login")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "nhsuk-header" in html
    assert "/nhsuk/nhsuk-frontend.min.css" in html
    assert "cdn" not in html.lower()


def test_sign_in_and_out(client, auth, make_user):
    user = make_user(Role.LEAD)
    response = auth.login(user)
    assert response.status_code == 302
    home = client.get("/dashboard")
    assert user.name in home.get_data(as_text=True)
    auth.logout()
    assert client.get("/dashboard").status_code == 302


def test_wrong_password_shows_an_error_summary_and_keeps_the_email(client, make_user):
    user = make_user(Role.LEAD)
    page = client.post("/auth/login", data={"email": user.email, "password": "nope-nope-nope"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "There is a problem" in html
    assert "The email address or password is not right" in html
    assert f'value="{user.email}"' in html


def test_empty_form_links_each_error_to_its_field(client):
    html = client.post("/auth/login", data={}).get_data(as_text=True)
    assert 'href="#email"' in html
    assert 'href="#password"' in html


def test_inactive_user_cannot_sign_in(client, auth, make_user):
    user = make_user(Role.LEAD)
    user.active = False
    db.session.commit()
    auth.login(user)
    assert client.get("/dashboard").status_code == 302


def test_password_is_stored_as_an_argon2_hash(make_user):
    user = make_user(Role.LEAD)
    stored = db.session.get(User, user.id)
    assert stored.password_hash.startswith("$argon2")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_login_never_redirects_off_site(client, make_user, target):
    user = make_user(Role.LEAD)
    response = client.post(f"/auth/login?next={target}",
                           data={"email": user.email, "password": "correct-horse-battery"})
    assert "evil.example" not in response.headers["Location"]


def test_unknown_page_is_a_friendly_404(client):
    page = client.get("/no-such-page")
    assert page.status_code == 404
    assert "Page not found" in page.get_data(as_text=True)


def test_help_page_gives_crisis_numbers(client):
    html = client.get("/help").get_data(as_text=True)
    for text in ("111", "116 123", "85258", "999"):
        assert text in html
