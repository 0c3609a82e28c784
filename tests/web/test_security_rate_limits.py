"""Login and password reset are rate limited per account and per client address."""
from __future__ import annotations

import pytest
from flask_babel import force_locale

from app.errors import STATUS_MESSAGES
from app.extensions import db, limiter
from tests.factories import make_user
from tests.helpers import DEFAULT_PASSWORD


@pytest.fixture
def amina(app):
    with app.app_context():
        make_user(email="amina@example.ma")
        db.session.commit()


def _wrong(client, email="amina@example.ma", address="10.0.0.1", prefix="", **headers):
    return client.post(f"{prefix}/account/login", data={"email": email, "password": "not the password"},
                       environ_base={"REMOTE_ADDR": address}, headers=headers)


def test_the_sixth_wrong_password_within_a_minute_gets_429(client, amina):
    assert [_wrong(client).status_code for _ in range(5)] == [401] * 5
    assert _wrong(client).status_code == 429


def test_after_five_failures_even_the_right_password_waits(client, amina):
    for _ in range(5):
        _wrong(client)
    right = client.post("/account/login", data={"email": "amina@example.ma", "password": DEFAULT_PASSWORD},
                        environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert right.status_code == 429


def test_the_account_limit_holds_across_addresses_and_address_case(client, amina):
    for n in range(5):
        _wrong(client, email="AMINA@example.ma" if n % 2 else "amina@example.ma", address=f"10.0.1.{n}")
    assert _wrong(client, address="10.0.1.99").status_code == 429


def test_successful_logins_do_not_count(client, amina):
    for _ in range(7):
        response = client.post("/account/login", data={"email": "amina@example.ma", "password": DEFAULT_PASSWORD})
        assert response.status_code == 302
        client.post("/account/logout")


def test_one_address_trying_many_accounts_is_limited_too(client, app, amina, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ADDRESS", "3 per minute")  # the default (20) costs 20 hashes
    statuses = [_wrong(client, email=f"guess{n}@example.ma").status_code for n in range(4)]
    assert statuses == [401, 401, 401, 429]
    assert _wrong(client, email="other@example.ma", address="10.9.9.9").status_code == 401, \
        "another address is not blocked"


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_429_page_speaks_the_visitors_language(app, client, amina, language, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ACCOUNT", "1 per minute")
    _wrong(client)
    response = _wrong(client, prefix="" if language == "en" else f"/{language}")  # tests' default is English
    with app.test_request_context(), force_locale(language):
        expected = str(STATUS_MESSAGES[429])
    assert response.status_code == 429
    assert f'lang="{language}"' in response.text and expected in response.text
    if language == "ar":
        assert 'dir="rtl"' in response.text


def test_password_reset_requests_are_limited_per_account(client, amina):
    statuses = [client.post("/account/reset", data={"email": "amina@example.ma"},
                            environ_base={"REMOTE_ADDR": f"10.0.2.{n}"}).status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]


def test_password_reset_requests_are_limited_per_address(client, amina):
    statuses = [client.post("/account/reset", data={"email": f"someone{n}@example.ma"}).status_code
                for n in range(11)]
    assert statuses[:10] == [302] * 10 and statuses[10] == 429


def test_wrong_current_passwords_are_limited_when_changing_the_password(client, app, amina):
    client.post("/account/login", data={"email": "amina@example.ma", "password": DEFAULT_PASSWORD})
    bad = {"current_password": "guess guess guess", "password": "a brand new secret", "confirm": "a brand new secret"}
    statuses = [client.post("/account/password", data=bad).status_code for _ in range(6)]
    assert statuses == [422] * 5 + [429]


def test_every_rate_limit_counts_posts_only(app):
    """Reads skip the limiter altogether (app.security._is_a_read, for speed): a limit declared on
    GET would silently never apply, so none may be."""
    manager = limiter.limit_manager  # flask-limiter's registry of declared limits
    with app.test_request_context():
        assert manager._decorated_limits
        for view, limits in manager._decorated_limits.items():
            assert all(limit.methods == ("post",) for limit in limits), view
    assert not (manager._application_limits or manager._default_limits or manager._blueprint_limits)
