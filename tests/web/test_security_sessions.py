"""Sessions: rotated at login; every copy (session cookie and remember-me cookie) dies at logout,
password change and deactivation; cookies are HttpOnly, SameSite=Lax, and Secure in production."""
from __future__ import annotations

import pytest

from app import create_app
from app.accounts import services
from app.extensions import db
from tests.factories import make_user
from tests.helpers import DEFAULT_PASSWORD, PRODUCTION_SETTINGS

EMAIL = "amina@example.ma"
REMEMBER = "remember_token"


@pytest.fixture
def amina(app):
    with app.app_context():
        user = make_user(email=EMAIL)
        db.session.commit()
        return user.id


def _login(client, remember: bool = True):
    data = {"email": EMAIL, "password": DEFAULT_PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/account/login", data=data)
    assert response.status_code == 302
    return response


def _copy_cookie(app, source, name: str):
    """A new browser holding only a copy of `name` taken from `source`."""
    cookie = source.get_cookie(name)
    assert cookie is not None, f"no {name} cookie to copy"
    thief = app.test_client()
    thief.set_cookie(name, cookie.value)
    return thief


def _logged_in(client) -> bool:
    return client.get("/account/").status_code == 200


def test_the_session_is_rotated_at_login(client, amina):
    with client.session_transaction() as session:
        session["planted_by_attacker"] = "fixation"
    before = client.get_cookie("session").value

    _login(client)

    with client.session_transaction() as session:
        assert "planted_by_attacker" not in session
        assert session.get("_user_id", "").startswith(f"{amina}:")
    assert client.get_cookie("session").value != before


@pytest.mark.parametrize("cookie", ["session", REMEMBER])
def test_a_copied_cookie_works_until_logout_and_never_after(app, client, amina, cookie):
    _login(client)
    assert _logged_in(_copy_cookie(app, client, cookie)), "control: the copy works before logout"
    saved = _copy_cookie(app, client, cookie)

    client.post("/account/logout")

    assert not _logged_in(saved)


@pytest.mark.parametrize("cookie", ["session", REMEMBER])
def test_a_copied_cookie_dies_when_the_password_changes(app, client, amina, cookie):
    _login(client)
    saved = _copy_cookie(app, client, cookie)
    assert _logged_in(_copy_cookie(app, client, cookie))

    response = client.post("/account/password", data={
        "current_password": DEFAULT_PASSWORD, "password": "a brand new secret", "confirm": "a brand new secret"})

    assert response.status_code == 302
    assert not _logged_in(saved)
    assert _logged_in(client), "the browser that changed it stays logged in"


def test_the_remember_cookie_is_renewed_for_the_browser_that_changed_the_password(app, client, amina):
    _login(client)
    client.post("/account/password", data={
        "current_password": DEFAULT_PASSWORD, "password": "a brand new secret", "confirm": "a brand new secret"})
    assert _logged_in(_copy_cookie(app, client, REMEMBER))


@pytest.mark.parametrize("cookie", ["session", REMEMBER])
def test_deactivation_kills_every_copy_at_once(app, client, amina, cookie):
    _login(client)
    saved = _copy_cookie(app, client, cookie)
    with app.app_context():
        services.deactivate_user(amina)
        db.session.commit()
    assert not _logged_in(saved)
    assert not _logged_in(client)


def test_without_remember_me_no_remember_cookie_is_set(client, amina):
    _login(client, remember=False)
    assert client.get_cookie(REMEMBER) is None


def test_login_cookies_are_http_only_and_same_site_lax(client, amina):
    response = _login(client)
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    for name in ("session", REMEMBER):
        assert "HttpOnly" in cookies[name] and "SameSite=Lax" in cookies[name]


def test_production_cookies_are_secure_and_host_prefixed(app, app_config, amina):
    production = create_app({**app_config, **PRODUCTION_SETTINGS})
    client = production.test_client()
    response = client.post("/account/login", base_url="https://localhost",
                           data={"email": EMAIL, "password": DEFAULT_PASSWORD, "remember": "y"})
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    assert response.status_code == 302
    assert set(cookies) >= {"__Host-session", "__Host-remember"}
    for name in ("__Host-session", "__Host-remember"):
        # What a browser demands of a __Host- cookie: Secure, Path=/ and no Domain.
        assert "Secure" in cookies[name] and "HttpOnly" in cookies[name] and "Path=/;" in cookies[name] + ";"
        assert "Domain=" not in cookies[name]
    assert client.get("/account/", base_url="https://localhost").status_code == 200, "the prefixed cookie logs in"


@pytest.mark.parametrize("loader", [False, True])
def test_a_visitor_without_session_or_cookie_is_anonymous_unless_a_request_loader_knows_them(loader):
    from flask import Flask
    from flask_login import UserMixin, current_user

    from app.extensions import VisitorLoginManager

    class Known(UserMixin):
        id = "7"

    app = Flask(__name__)
    app.secret_key = "test"
    manager = VisitorLoginManager()
    manager.init_app(app)
    manager.user_loader(lambda user_id: None)
    if loader:
        manager.request_loader(lambda request: Known())
    with app.test_request_context("/"):
        assert current_user.is_authenticated is loader
