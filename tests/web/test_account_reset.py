"""Password reset by e-mailed link: works once, expires, never says whether an address is known."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import itsdangerous.timed
import pytest

from app.accounts.models import User
from app.accounts.passwords import check_password
from app.extensions import db
from app.mail import outbox_messages
from tests.factories import make_user

EN = {"Accept-Language": "en"}
NEW = {"password": "a brand new secret", "confirm": "a brand new secret"}


@pytest.fixture
def mailed_reset_link(app, client):
    """Ask for a reset of amina@example.ma through the form; give the path of the link mailed to her."""
    shutil.rmtree(Path(app.config["OUTBOX_DIR"]), ignore_errors=True)
    with app.app_context():
        make_user(email="amina@example.ma")
        db.session.commit()
    response = client.post("/account/reset", data={"email": "Amina@example.ma"})
    assert response.status_code == 302
    with app.app_context():
        [message] = outbox_messages()
    assert message["To"] == "amina@example.ma"
    return re.search(r"https?://[^/\s]+(/account/reset/\S+)", message.get_content()).group(1)


def _password_hash(app) -> str:
    with app.app_context():
        return db.session.scalar(db.select(User.password_hash).where(User.email == "amina@example.ma"))


def test_the_mailed_link_sets_a_new_password(client, app, mailed_reset_link):
    form = client.get(mailed_reset_link)
    assert form.status_code == 200
    assert form.headers["Referrer-Policy"] == "no-referrer"

    done = client.post(mailed_reset_link, data=NEW)

    assert done.status_code == 302 and done.location == "/account/login"
    assert check_password(_password_hash(app), "a brand new secret")
    login = client.post("/account/login", data={"email": "amina@example.ma", "password": NEW["password"]})
    assert login.status_code == 302


def test_a_reset_link_cannot_be_used_twice(client, app, mailed_reset_link):
    client.post(mailed_reset_link, data=NEW)
    after_first = _password_hash(app)

    again = client.post(mailed_reset_link, data={"password": "a third secret!", "confirm": "a third secret!"},
                        headers=EN)

    assert again.status_code == 400 and "already been used" in again.text
    assert _password_hash(app) == after_first


def test_a_reset_link_is_refused_after_an_hour(client, app, mailed_reset_link, monkeypatch):
    later = itsdangerous.timed.time.time() + 3601
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    before = _password_hash(app)

    response = client.post(mailed_reset_link, data=NEW, headers=EN)

    assert response.status_code == 400 and "expired" in response.text
    assert _password_hash(app) == before


def test_a_reset_link_still_works_within_the_hour(client, app, mailed_reset_link, monkeypatch):
    later = itsdangerous.timed.time.time() + 3500
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    assert client.post(mailed_reset_link, data=NEW).status_code == 302


def test_a_tampered_reset_link_is_refused(client, mailed_reset_link):
    tampered = mailed_reset_link[:-3] + ("xyz" if not mailed_reset_link.endswith("xyz") else "abc")
    assert client.get(tampered).status_code == 400


def test_a_reset_token_signed_with_another_key_is_refused(client, app, mailed_reset_link):
    from itsdangerous import URLSafeTimedSerializer

    from app.accounts.tokens import RESET_SALT

    with app.app_context():
        user_id = db.session.scalar(db.select(User.id).where(User.email == "amina@example.ma"))
    forged = URLSafeTimedSerializer("guessed-secret", salt=RESET_SALT).dumps({"u": user_id, "f": "0" * 32})
    assert client.post(f"/account/reset/{forged}", data=NEW).status_code == 400


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, app):
    shutil.rmtree(Path(app.config["OUTBOX_DIR"]), ignore_errors=True)
    with app.app_context():
        make_user(email="amina@example.ma")
        db.session.commit()
    known = client.post("/account/reset", data={"email": "amina@example.ma"}, follow_redirects=True, headers=EN)
    with app.app_context():
        sent = len(outbox_messages())
    unknown = client.post("/account/reset", data={"email": "nobody@example.ma"}, follow_redirects=True, headers=EN)
    with app.app_context():
        assert len(outbox_messages()) == sent == 1
    assert known.status_code == unknown.status_code == 200
    assert "If an account exists" in known.text and "If an account exists" in unknown.text


def test_a_reset_ends_every_session_of_the_account(client, app, mailed_reset_link):
    other_device = app.test_client()
    assert other_device.post("/account/login", data={"email": "amina@example.ma",
                                                      "password": "correct horse battery"}).status_code == 302
    assert other_device.get("/account/").status_code == 200

    client.post(mailed_reset_link, data=NEW)

    assert other_device.get("/account/").status_code == 302
