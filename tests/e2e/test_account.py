"""A visitor registers, logs out and logs in again with the forms in Chromium (CSRF on);
the login page is looked at in French and Arabic, and the strict CSP is never violated."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.accounts.models import Role, User
from app.extensions import db
from app.mail import outbox_messages
from tests.factories import make_user

pytestmark = pytest.mark.e2e

PASSWORD = "a long enough secret"


@pytest.fixture
def csp_violations(page: Page) -> list[str]:
    """Console messages about the Content-Security-Policy (a refused inline script or style)."""
    seen: list[str] = []
    page.on("console", lambda msg: seen.append(msg.text) if "Content Security Policy" in msg.text else None)
    return seen


def _set_language(page: Page, base: str, lang: str) -> None:
    page.context.add_cookies([{"name": "lang", "value": lang, "url": base}])


def test_register_log_out_and_log_in_again(app, live_server, page: Page, csp_violations):
    _set_language(page, live_server, "en")
    page.goto(f"{live_server}/account/register")
    page.fill("input[name=name]", "Amina <b>Tazi</b>")
    page.fill("input[name=email]", "Amina.Tazi@Example.ma")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(page.locator("main h2").first).to_have_text("Amina <b>Tazi</b>")
    expect(page.locator("main")).to_contain_text("amina.tazi@example.ma")

    page.get_by_role("button", name="Log out").click()
    expect(page.locator(".flash")).to_contain_text("You are logged out.")
    page.goto(f"{live_server}/account/")
    expect(page).to_have_url(re.compile(r"/account/login\?next="))

    page.fill("input[name=email]", "amina.tazi@example.ma")
    page.fill("input[name=password]", "not the password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Wrong e-mail address or password.")

    page.fill("input[name=password]", PASSWORD)
    page.check("input[name=remember]")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/account/$"))
    page.screenshot(path="/tmp/account-page-en.png", full_page=True)
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["session"]["httpOnly"] and cookies["remember_token"]["httpOnly"]
    assert cookies["session"]["sameSite"] == "Lax"
    assert csp_violations == []

    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "amina.tazi@example.ma"))
        assert user.role == Role.SHOPPER and user.last_login_at is not None


def test_a_beneficiary_registers_by_saying_they_want_to_sell(app, live_server, page: Page):
    _set_language(page, live_server, "en")
    page.goto(f"{live_server}/account/register")
    page.fill("input[name=name]", "Fatima")
    page.fill("input[name=email]", "fatima@example.ma")
    page.fill("input[name=password]", PASSWORD)
    page.check("input[name=sell]")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/supplier/"))
    with app.app_context():
        assert db.session.scalar(db.select(User.role).where(User.email == "fatima@example.ma")) == Role.BENEFICIARY


@pytest.mark.parametrize(("lang", "direction"), [("fr", "ltr"), ("ar", "rtl")])
def test_the_login_page_in_french_and_arabic(live_server, page: Page, csp_violations, lang, direction):
    _set_language(page, live_server, lang)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/account/login")
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.locator("main form button[type=submit]").click()  # empty form: the errors show
    expect(page.locator("main .error").first).to_be_visible()
    page.screenshot(path=f"/tmp/account-login-{lang}.png", full_page=True)
    page.goto(f"{live_server}/account/register")
    page.screenshot(path=f"/tmp/account-register-{lang}.png", full_page=True)
    assert csp_violations == []


def test_forgotten_password_reset_with_the_mailed_link(app, live_server, page: Page):
    shutil.rmtree(Path(app.config["OUTBOX_DIR"]), ignore_errors=True)
    with app.app_context():
        make_user(email="amina@example.ma")
        db.session.commit()
    _set_language(page, live_server, "en")
    page.goto(f"{live_server}/account/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.fill("input[name=email]", "amina@example.ma")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".flash")).to_contain_text("If an account exists")

    with app.app_context():
        [message] = outbox_messages()
    link = re.search(r"http\S+/account/reset/\S+", message.get_content()).group(0)
    page.goto(link)
    page.fill("input[name=password]", "my new long secret")
    page.fill("input[name=confirm]", "my new long secret")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/account/login$"))

    page.fill("input[name=email]", "amina@example.ma")
    page.fill("input[name=password]", "my new long secret")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/account/$"))

    page.goto(link)
    expect(page.locator("main h1")).to_have_text("This link cannot be used")
