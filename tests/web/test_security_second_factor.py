"""Staff (admin, moderator, oversight, group manager, fair organiser) need a TOTP code after their password: enrolment
with a QR code, recovery codes shown once and kept hashed, no code accepted twice, wrong codes rate
limited, and a fresh code again before payouts, role changes and imports."""
from __future__ import annotations

import re
import time

import pyotp
import pytest
from sqlalchemy import select

from app.accounts.models import RecoveryCode, Role, User
from app.extensions import db
from app.web.second_factor import PENDING_SECRET, VERIFIED_AT
from tests.factories import make_user
from tests.helpers import DEFAULT_PASSWORD

STAFF = [Role.ADMIN, Role.MODERATOR, Role.OVERSIGHT, Role.GROUP_MANAGER, Role.ORGANISER]
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _staff(app, role=Role.ADMIN, enrolled: bool = False) -> str:
    with app.app_context():
        user = make_user(role, email=f"{role.value}@example.ma", totp_secret=SECRET if enrolled else None)
        db.session.commit()
        return user.email


def _code(secret: str = SECRET, steps_ahead: int = 0) -> str:
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(int(time.time()) // 30 + steps_ahead)


def _log_in(client, email: str):
    return client.post("/account/login", data={"email": email, "password": DEFAULT_PASSWORD})


def _enrol(client) -> list[str]:
    assert client.get("/account/two-factor/setup").status_code == 200
    with client.session_transaction() as session:
        secret = session[PENDING_SECRET]
    page = client.post("/account/two-factor/setup", data={"code": _code(secret)})
    assert page.status_code == 200
    return re.findall(r"<li><code>([A-Z0-9-]+)</code></li>", page.text)


@pytest.mark.parametrize("role", STAFF)
def test_a_password_alone_does_not_let_staff_in(app, client, role):
    email = _staff(app, role)
    response = _log_in(client, email)
    assert response.status_code == 302
    for page in ("/admin/", "/account/", "/"):
        answer = client.get(page)
        assert answer.status_code == 302 and answer.location.startswith("/account/two-factor/"), page


@pytest.mark.parametrize("role", [Role.SHOPPER, Role.BENEFICIARY])
def test_shoppers_and_beneficiaries_need_no_second_factor(app, client, role):
    _log_in(client, _staff(app, role))
    assert client.get("/account/").status_code == 200


def test_enrolment_shows_a_qr_code_then_recovery_codes_once_and_keeps_only_their_hashes(app, client):
    _log_in(client, _staff(app))
    assert client.get("/account/two-factor/").location.startswith("/account/two-factor/setup")
    setup = client.get("/account/two-factor/setup")
    assert 'src="data:image/png;base64,' in setup.text
    with client.session_transaction() as session:
        assert session[PENDING_SECRET] in setup.text  # the key, for who cannot scan
    assert client.post("/account/two-factor/setup", data={"code": "000000"}).status_code == 401

    codes = _enrol(client)

    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/users").status_code == 200
    with app.app_context():
        stored = [row.code_hash for row in db.session.scalars(select(RecoveryCode))]
        assert len(stored) == 10 and not set(codes) & set(stored)
        assert db.session.scalar(select(User)).totp_secret
    assert client.get("/account/two-factor/setup").status_code == 302, "enrolled: no second enrolment"


def test_at_the_next_login_the_code_is_asked_and_never_accepted_twice(app, client):
    _log_in(client, _staff(app, enrolled=True))
    prompt = client.get("/admin/")
    assert prompt.location.startswith("/account/two-factor/?next=/admin/")
    code = _code()
    response = client.post("/account/two-factor/", data={"code": code, "next": "/admin/"})
    assert response.status_code == 302 and response.location == "/admin/"
    assert client.get("/admin/users").status_code == 200

    other = app.test_client()  # someone who saw the code over a shoulder, with the password
    _log_in(other, "admin@example.ma")
    assert other.post("/account/two-factor/", data={"code": code}).status_code == 401
    assert other.get("/admin/users").location.startswith("/account/two-factor/")


def test_a_recovery_code_works_once(app, client):
    _log_in(client, _staff(app))
    codes = _enrol(client)
    for attempt, expected in ((1, 302), (2, 401)):
        browser = app.test_client()
        _log_in(browser, "admin@example.ma")
        assert browser.post("/account/two-factor/", data={"code": codes[0].lower()}).status_code == expected, attempt


def test_the_sixth_wrong_code_within_a_minute_gets_429(app, client):
    _log_in(client, _staff(app, enrolled=True))
    answers = [client.post("/account/two-factor/", data={"code": "123456"}).status_code for _ in range(6)]
    assert answers == [401] * 5 + [429]


@pytest.mark.parametrize(("method", "url", "data"), [
    ("POST", "/admin/users/{shopper}/role", {"role": "admin"}),
    ("GET", "/admin/imports", None),
    ("POST", "/admin/solidarity/payouts", {"supplier_id": "1", "amount": "10", "reference": "x"}),
])
def test_sensitive_actions_ask_for_a_fresh_code(app, client, method, url, data):
    _log_in(client, _staff(app, enrolled=True))
    client.post("/account/two-factor/", data={"code": _code()})
    with app.app_context():
        shopper = make_user(email="shopper@example.ma")
        db.session.commit()
        url = url.format(shopper=shopper.id)
    with client.session_transaction() as session:
        session[VERIFIED_AT] = time.time() - app.config["SECOND_FACTOR_FRESH_SECONDS"] - 1

    response = client.open(url, method=method, data=data, headers={"Referer": "http://localhost/admin/users"})

    assert response.status_code == 302 and response.location.startswith("/account/two-factor/?next=")
    assert "fresh=1" in response.location
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "shopper@example.ma")).role == Role.SHOPPER
    client.post("/account/two-factor/", data={"code": _code(steps_ahead=1)})
    again = client.open(url, method=method, data=data)
    assert not (again.location or "").startswith("/account/two-factor/"), "a fresh code lets the action through"


def test_create_admin_explains_the_second_factor(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "boss@example.ma", "--password", "a long secret 123"])
    assert result.exit_code == 0 and "/account/two-factor/setup" in result.output
