"""Accounts through the browser's eyes: register, log in and out, the account page, e-mail changes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.accounts.models import Role, User
from app.accounts.passwords import check_password
from app.extensions import db
from app.mail import outbox_messages
from tests.factories import make_supplier, make_user
from tests.helpers import DEFAULT_PASSWORD, login_as

EN = {"Accept-Language": "en"}


@pytest.fixture
def outbox(app):
    """The messages sent during this test."""
    shutil.rmtree(Path(app.config["OUTBOX_DIR"]), ignore_errors=True)

    def read():
        with app.app_context():
            return outbox_messages()

    return read


def _user(app, email: str) -> User:
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == email))
        db.session.expunge_all()
        return user


def test_a_shopper_registers_and_lands_on_their_account_page(client, app, outbox):
    response = client.post("/account/register", data={
        "name": "Amina", "email": "Amina@Example.ma", "password": "a long enough secret"})

    assert response.status_code == 302 and response.location == "/account/"
    page = client.get("/account/", headers=EN)
    assert page.status_code == 200 and "amina@example.ma" in page.text
    assert _user(app, "amina@example.ma").role == Role.SHOPPER
    assert [m["To"] for m in outbox()] == ["amina@example.ma"]


def test_a_visitor_who_wants_to_sell_becomes_a_beneficiary_and_goes_to_the_portal(client, app):
    response = client.post("/account/register", data={
        "name": "Fatima", "email": "fatima@example.ma", "password": "a long enough secret", "sell": "y"})

    assert _user(app, "fatima@example.ma").role == Role.BENEFICIARY
    assert response.location.startswith("/supplier/")


def test_registration_says_what_is_wrong_with_each_field(client, app):
    response = client.post("/account/register", data={"name": "", "email": "amina@", "password": "short"},
                           headers=EN)

    assert response.status_code == 422
    assert "This field is required." in response.text
    assert "Enter a valid e-mail address" in response.text
    assert "at least 10 characters" in response.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_registering_a_taken_address_is_refused_on_the_field(client, app):
    with app.app_context():
        make_user(email="amina@example.ma")
        db.session.commit()
    response = client.post("/account/register", data={
        "name": "A", "email": "AMINA@example.ma", "password": "a long enough secret"}, headers=EN)
    assert response.status_code == 422 and "already exists" in response.text


def test_login_with_the_form_goes_to_next(client, app, auth):
    with app.app_context():
        make_user(email="amina@example.ma")
        db.session.commit()
    response = auth.login("AMINA@example.ma", next="/products?page=2")
    assert response.status_code == 302 and response.location == "/products?page=2"
    assert client.get("/account/").status_code == 200


def test_a_wrong_password_is_refused_without_saying_which_field_was_wrong(client, app, auth):
    with app.app_context():
        make_user(email="amina@example.ma")
        db.session.commit()
    wrong = client.post("/account/login", data={"email": "amina@example.ma", "password": "nope nope nope"},
                        headers=EN)
    unknown = client.post("/account/login", data={"email": "who@example.ma", "password": "nope nope nope"},
                          headers=EN)
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong e-mail address or password." in wrong.text and "Wrong e-mail address or password." in unknown.text
    assert client.get("/account/").status_code == 302


def test_a_deactivated_account_cannot_log_in(client, app, auth):
    with app.app_context():
        make_user(email="gone@example.ma", active=False)
        db.session.commit()
    response = client.post("/account/login", data={"email": "gone@example.ma", "password": DEFAULT_PASSWORD},
                           headers=EN)
    assert response.status_code == 403 and "deactivated" in response.text
    assert client.get("/account/").status_code == 302


def test_logout_is_refused_on_get(client, app):
    with app.app_context():
        user = make_user()
        db.session.commit()
        login_as(client, user)
    assert client.get("/account/logout").status_code == 405
    assert client.get("/account/").status_code == 200


def test_logout_by_post_logs_out(client, app, auth):
    with app.app_context():
        make_user(email="amina@example.ma")
        db.session.commit()
    auth.login("amina@example.ma")
    assert auth.logout().status_code == 302
    assert client.get("/account/").status_code == 302


def test_the_account_page_needs_a_login(client):
    response = client.get("/account/")
    assert response.status_code == 302 and response.location.startswith("/account/login?next=")


@pytest.mark.parametrize(("role", "shown", "hidden"), [
    (Role.SHOPPER, ["/account/orders"], ["/supplier/", "/admin/"]),
    (Role.BENEFICIARY, ["/supplier/"], ["/admin/"]),
    (Role.MODERATOR, ["/admin/"], ["/supplier/"]),
    (Role.OVERSIGHT, ["/admin/solidarity"], ["/supplier/", 'href="/admin/"']),
    (Role.GROUP_MANAGER, ["/admin/group"], ["/supplier/", 'href="/admin/"', "/admin/solidarity"]),
])
def test_the_account_page_links_to_the_spaces_of_the_role(client, app, role, shown, hidden):
    with app.app_context():
        user = make_user(role)
        db.session.commit()
        login_as(client, user)
    page = client.get("/account/").text
    for path in shown:
        assert f'href="{path}' in page
    for path in hidden:
        assert (path if path.startswith("href") else f'href="{path}"') not in page


def test_stored_xss_in_a_name_and_a_story_is_escaped_on_the_account_page(client, app):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with app.app_context():
        user = make_user(Role.BENEFICIARY, name=attack)
        make_supplier(user=user, display_name=attack, story=attack)
        db.session.commit()
        login_as(client, user)
    page = client.get("/account/").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page


def test_changing_the_password_needs_the_current_one_and_sends_a_notice(client, app, outbox):
    with app.app_context():
        user = make_user(email="amina@example.ma")
        db.session.commit()
        login_as(client, user)
    wrong = client.post("/account/password", data={
        "current_password": "not it at all", "password": "a brand new secret", "confirm": "a brand new secret"},
        headers=EN)
    assert wrong.status_code == 422 and "current password is not correct" in wrong.text

    right = client.post("/account/password", data={
        "current_password": DEFAULT_PASSWORD, "password": "a brand new secret", "confirm": "a brand new secret"})

    assert right.status_code == 302
    assert check_password(_user(app, "amina@example.ma").password_hash, "a brand new secret")
    assert client.get("/account/").status_code == 200, "this browser stays logged in"
    assert [m["To"] for m in outbox()] == ["amina@example.ma"]


def test_new_passwords_must_match(client, app):
    with app.app_context():
        user = make_user()
        db.session.commit()
        login_as(client, user)
    response = client.post("/account/password", data={
        "current_password": DEFAULT_PASSWORD, "password": "a brand new secret", "confirm": "another secret!!"},
        headers=EN)
    assert response.status_code == 422 and "not the same" in response.text


def test_changing_the_email_asks_the_password_again_and_tells_both_addresses(client, app, outbox):
    with app.app_context():
        user = make_user(email="old@example.ma")
        db.session.commit()
        login_as(client, user)
    wrong = client.post("/account/email", data={"email": "new@example.ma", "password": "not it at all"}, headers=EN)
    assert wrong.status_code == 422 and _user(app, "new@example.ma") is None

    right = client.post("/account/email", data={"email": "New@Example.ma", "password": DEFAULT_PASSWORD})

    assert right.status_code == 302
    assert _user(app, "new@example.ma") is not None
    assert sorted(m["To"] for m in outbox()) == ["new@example.ma", "old@example.ma"]


def test_account_pages_are_never_cached(client):
    assert client.get("/account/login").headers["Cache-Control"] == "no-store"


def test_create_admin_makes_an_administrator_with_the_given_password(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "Boss@Example.ma", "--password", "a long secret 123"])
    assert result.exit_code == 0, result.output
    boss = _user(app, "boss@example.ma")
    assert boss.role == Role.ADMIN and check_password(boss.password_hash, "a long secret 123")


def test_create_admin_generates_and_prints_a_password_when_none_is_given(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "boss@example.ma"])
    assert result.exit_code == 0, result.output
    password = result.output.split("Password: ")[1].split()[0]
    assert len(password) >= 16 and check_password(_user(app, "boss@example.ma").password_hash, password)


def test_create_admin_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "boss@example.ma", "--password", "short"])
    assert result.exit_code != 0 and _user(app, "boss@example.ma") is None


@pytest.mark.parametrize(("language", "words"), [
    ("en", "among the most used"), ("fr", "parmi les plus utilisés"), ("ar", "الأكثر استعمالا")])
def test_registration_with_a_common_password_says_why_in_the_visitors_language(client, app, language, words):
    prefix = "" if language == "en" else f"/{language}"  # the tests' default language is English
    response = client.post(f"{prefix}/account/register", data={
        "name": "Amina", "email": "amina@example.ma", "password": "password123"})
    assert response.status_code == 422 and words in response.text
    assert _user(app, "amina@example.ma") is None


def test_create_admin_refuses_a_common_password(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "boss@example.ma", "--password", "password123"])
    assert result.exit_code != 0 and "most used" in result.output and _user(app, "boss@example.ma") is None
