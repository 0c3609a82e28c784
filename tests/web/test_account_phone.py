"""Accounts by mobile number: a code by SMS logs in or opens an account; nothing tells whether a number is known."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts.models import Role, User
from app.extensions import db
from app.sms.outbox import outbox_sms
from tests.factories import make_phone_user, make_user
from tests.helpers import fill_cart, last_sms_code, login_as

PHONE = "+212612345678"
EN = {"Accept-Language": "en"}


@pytest.fixture(autouse=True)
def _empty_outbox(outbox):
    """Every test reads the codes it was sent, from an empty outbox."""


def _user(app, phone: str) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.phone == phone))
        db.session.expunge_all()
        return user


def _sent_to(app, phone: str) -> list[str]:
    with app.app_context():
        return [m["body"] for m in outbox_sms(phone)]


def test_a_beneficiary_opens_an_account_with_a_phone_number_and_a_code(client, app):
    response = client.post("/account/phone/", data={"phone": "06 12 34 56 78"})
    assert response.location == "/account/phone/code"
    assert "06 •• •• •• 78" in client.get("/account/phone/code", headers=EN).text

    response = client.post("/account/phone/code", data={"code": last_sms_code(app, PHONE)})
    assert response.location == "/account/phone/welcome"
    response = client.post("/account/phone/welcome", data={"name": "Khadija", "sell": "y"})

    assert response.location == "/supplier/"
    user = _user(app, PHONE)
    assert (user.name, user.role, user.email, user.password_hash) == ("Khadija", Role.BENEFICIARY, None, None)
    assert client.get("/supplier/").location.startswith("/supplier/")  # the portal, not the login page


def test_an_existing_number_logs_in_with_its_code(client, app):
    with app.app_context():
        make_phone_user(PHONE, role=Role.BENEFICIARY)
        db.session.commit()
    client.post("/account/phone/", data={"phone": "+212 6 12 34 56 78"})
    response = client.post("/account/phone/code", data={"code": last_sms_code(app, PHONE)})
    assert response.location == "/supplier/"
    assert client.get("/account/", headers=EN).status_code == 200


def test_a_known_and_an_unknown_number_get_the_same_answer(client, app):
    with app.app_context():
        make_phone_user(PHONE)
        db.session.commit()
    known = client.post("/account/phone/", data={"phone": PHONE})
    other = app.test_client().post("/account/phone/", data={"phone": "0712345678"})
    assert (known.status_code, known.location) == (other.status_code, other.location)
    assert len(_sent_to(app, PHONE)) == len(_sent_to(app, "+212712345678")) == 1


def test_the_code_is_sent_in_the_visitors_language(client, app):
    client.post("/ar/account/phone/", data={"phone": PHONE})  # the page the visitor reads is Arabic
    [body] = _sent_to(app, PHONE)
    assert any("\u0600" <= ch <= "\u06ff" for ch in body)


@pytest.mark.parametrize("number", ["0522123456", "0612", "+33612345678", "06 12 34 56 78 ext 9"])
def test_only_moroccan_mobile_numbers_are_accepted(client, app, number):
    response = client.post("/account/phone/", data={"phone": number}, headers=EN)
    assert response.status_code == 422
    assert "Enter a Moroccan mobile number" in response.text
    assert not outbox_sms_any(app)


def outbox_sms_any(app) -> bool:
    with app.app_context():
        return bool(outbox_sms())


def test_five_wrong_codes_kill_the_code(client, app):
    client.post("/account/phone/", data={"phone": PHONE})
    code = last_sms_code(app, PHONE)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        response = client.post("/account/phone/code", data={"code": wrong}, headers=EN)
        assert response.status_code == 422 and "This code is wrong or has expired" in response.text
    response = client.post("/account/phone/code", data={"code": code}, headers=EN)
    assert response.status_code == 422
    assert _user(app, PHONE) is None


def test_sending_codes_is_limited_per_number(client, app):
    statuses = [client.post("/account/phone/", data={"phone": PHONE}).status_code for _ in range(3)]
    assert statuses == [302, 302, 302]
    # Another client address, same number: the number's own limit still holds.
    elsewhere = app.test_client().post("/account/phone/", data={"phone": "06-12-34-56-78"},
                                       environ_overrides={"REMOTE_ADDR": "10.0.0.9"})
    assert elsewhere.status_code == 429
    assert client.post("/account/phone/code/resend").status_code == 429
    assert len(_sent_to(app, PHONE)) == 3


def test_sending_codes_is_limited_per_client_address(client, app):
    app.config["SMS_CODE_LIMIT_PER_ADDRESS"] = "2 per hour"
    try:
        statuses = [client.post("/account/phone/", data={"phone": f"061234567{i}"}).status_code for i in range(3)]
    finally:
        app.config.pop("SMS_CODE_LIMIT_PER_ADDRESS")
    assert statuses == [302, 302, 429]


def test_a_new_code_replaces_the_previous_one(client, app):
    client.post("/account/phone/", data={"phone": PHONE})
    first = last_sms_code(app, PHONE)
    client.post("/account/phone/code/resend")
    second = last_sms_code(app, PHONE)
    if first != second:
        assert client.post("/account/phone/code", data={"code": first}).status_code == 422
    assert client.post("/account/phone/code", data={"code": second}).status_code == 302


def test_the_name_page_needs_a_proved_number(client):
    assert client.get("/account/phone/welcome").location == "/account/phone/"
    assert client.post("/account/phone/welcome", data={"name": "X"}).location == "/account/phone/"


def test_a_deactivated_account_cannot_log_in_by_phone(client, app):
    with app.app_context():
        make_phone_user(PHONE, active=False)
        db.session.commit()
    client.post("/account/phone/", data={"phone": PHONE})
    response = client.post("/account/phone/code", data={"code": last_sms_code(app, PHONE)}, headers=EN)
    assert response.status_code == 403 or "deactivated" in response.text
    assert client.get("/account/").status_code == 302


def test_changing_the_number_needs_the_code_sent_to_the_new_one(client, app):
    with app.app_context():
        user = make_phone_user(PHONE)
        db.session.commit()
        login_as(client, user)
    new = "+212712345678"
    response = client.post("/account/phone/change", data={"phone": "07 12 34 56 78"})
    assert response.location == "/account/phone/change/code"
    assert _sent_to(app, PHONE) == []  # the code goes to the new number only
    response = client.post("/account/phone/change/code", data={"code": last_sms_code(app, new)})

    assert response.location == "/account/"
    assert _user(app, new) is not None and _user(app, PHONE) is None
    assert len(_sent_to(app, PHONE)) == 1  # the old number is told


def test_a_number_of_another_account_cannot_be_taken(client, app):
    with app.app_context():
        make_phone_user("+212712345678")
        me = make_user()
        db.session.commit()
        login_as(client, me)
    client.post("/account/phone/change", data={"phone": "0712345678"})
    response = client.post("/account/phone/change/code", data={"code": last_sms_code(app, "+212712345678")},
                           headers=EN)
    assert response.status_code == 422 and "already used by another account" in response.text


def test_a_login_code_does_not_change_a_number(client, app):
    with app.app_context():
        me = make_user()
        db.session.commit()
        login_as(client, me)
    app.test_client().post("/account/phone/", data={"phone": "0712345678"})
    client.post("/account/phone/change", data={"phone": "0712345678"})
    with app.app_context():
        login_code = [m for m in outbox_sms("+212712345678")][0]["body"]
    typed = next(word for word in login_code.split() if word.isdigit() and len(word) == 6)
    if typed != last_sms_code(app, "+212712345678"):
        assert client.post("/account/phone/change/code", data={"code": typed}).status_code == 422


def test_a_phone_account_adds_a_password_and_then_logs_in_with_number_and_password(client, app, auth):
    with app.app_context():
        user = make_phone_user(PHONE)
        db.session.commit()
        login_as(client, user)
    response = client.post("/account/phone/password", data={"password": "a long enough secret",
                                                            "confirm": "a long enough secret"})
    assert response.location == "/account/"
    auth.logout()
    assert auth.login("06 12 34 56 78", "a long enough secret").status_code == 302
    assert client.get("/account/").status_code == 200


def test_a_phone_account_without_password_cannot_log_in_with_an_empty_password(client, app, auth):
    with app.app_context():
        make_phone_user(PHONE)
        db.session.commit()
    assert auth.login(PHONE, "").status_code in (401, 422)
    assert auth.login(PHONE, "anything at all").status_code == 401


def test_the_phone_pages_are_never_cached(client):
    client.post("/account/phone/", data={"phone": PHONE})
    for url in ("/account/phone/", "/account/phone/code"):
        assert client.get(url).headers["Cache-Control"] == "no-store"


def test_checkout_is_prefilled_with_the_number_of_a_phone_account(client, app):
    with app.app_context():
        user = make_phone_user(PHONE, role=Role.SHOPPER, name="Khadija")
        db.session.commit()
        login_as(client, user)
    fill_cart(app, client, {})
    page = client.get("/checkout").text
    assert 'value="+212612345678"' in page and 'value="Khadija"' in page
