"""On a phone, in Arabic: a beneficiary opens an account with a number and the SMS code (read from the
development outbox), opens a stand, and gets an SMS when a shopper orders; a field agent opens a stand
for a present beneficiary with the consent code, and every act is audited."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.accounts.models import Role, User
from app.assist.models import Assistance
from app.audit.models import AuditEntry
from app.extensions import db
from app.orders.models import Order
from app.sms.outbox import outbox_sms
from app.suppliers.models import Supplier, VerificationState
from tests.e2e.browser import complete_second_factor
from tests.factories import make_category, make_product, make_user
from tests.helpers import DEFAULT_PASSWORD, last_sms_code

pytestmark = pytest.mark.e2e

PHONE = "+212612345678"


@pytest.fixture(autouse=True)
def _empty_outbox(outbox):
    """Codes are read from an empty outbox."""


def _arabic(page: Page, base: str) -> None:
    page.context.add_cookies([{"name": "lang", "value": "ar", "url": base}])


def _submit(page: Page) -> None:
    page.locator("main form.form-card button[type=submit]").click()


def _open_stand(page: Page) -> None:
    expect(page).to_have_url(re.compile(r"/supplier/profile$"))
    page.fill("#display_name", "خديجة للنسيج")
    page.fill("#craft", "نسيج")
    page.fill("#city", "سلا")
    page.locator("main form button[type=submit]").first.click()


def test_a_beneficiary_registers_by_phone_in_arabic_and_gets_an_sms_when_a_shopper_orders(
        app, live_server, phone_page: Page, browser):
    page = phone_page
    _arabic(page, live_server)
    page.goto(f"{live_server}/account/login")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("a.button-large").click()  # "continue with my phone", first on the page
    expect(page).to_have_url(re.compile(r"/account/phone/$"))
    button = page.locator("main form.form-card button[type=submit]")
    assert button.bounding_box()["height"] >= 44  # a thumb-sized target
    page.fill("#phone", "06 12 34 56 78")
    _submit(page)

    expect(page).to_have_url(re.compile(r"/account/phone/code$"))
    expect(page.locator("main")).to_contain_text("06 •• •• •• 78")
    with app.app_context():
        [sms] = outbox_sms(PHONE)
    assert any("\u0600" <= ch <= "\u06ff" for ch in sms["body"])  # the code arrives in Arabic
    page.fill("#code", last_sms_code(app, PHONE))
    _submit(page)

    expect(page).to_have_url(re.compile(r"/account/phone/welcome$"))
    page.fill("#name", "خديجة")
    page.check("#sell")
    _submit(page)
    _open_stand(page)  # a beneficiary lands in the portal, which first asks for the stand
    expect(page).to_have_url(re.compile(r"/supplier/"))
    page.screenshot(path="/tmp/phone-portal-ar.png", full_page=True)

    with app.app_context():
        user = db.session.scalar(select(User).where(User.phone == PHONE))
        assert (user.role, user.email, user.locale) == (Role.BENEFICIARY, None, "ar")
        supplier = db.session.scalar(select(Supplier).where(Supplier.user_id == user.id))
        supplier.verification_state = VerificationState.VERIFIED  # verification is tested on its own
        product = make_product(supplier=supplier, category=make_category(), title="زربية سلا", stock=5)
        db.session.commit()
        product_id = product.id

    shopper = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    shop = shopper.new_page()
    shop.goto(f"{live_server}/products/{product_id}")
    shop.locator("form.add-to-cart button[type=submit]").click()
    shop.locator(".cart-summary a.button").click()
    shop.fill("#name", "Amina Benali")
    shop.fill("#email", "amina@example.ma")
    shop.fill("#phone", "0661000000")
    shop.select_option("#city", "Rabat")
    shop.fill("#address", "3 rue Souika")
    shop.check("input[name=payment_method][value=cash]")
    shop.locator(".checkout-submit").click()
    expect(shop).to_have_url(re.compile(r"/orders/SS-"))
    shopper.close()

    with app.app_context():
        number = db.session.scalar(select(Order.number))
        bodies = [m["body"] for m in outbox_sms(PHONE)]
    assert len(bodies) == 2 and number in bodies[-1] and "طلب جديد" in bodies[-1] and "3 rue Souika" in bodies[-1]

    page.goto(f"{live_server}/supplier/notifications")
    expect(page.locator(".notice-list")).to_contain_text(number)
    expect(page.locator(".notice-list .badge")).to_have_text("أُرسل")
    page.screenshot(path="/tmp/phone-notices-ar.png", full_page=True)


def test_a_field_agent_opens_a_stand_with_the_beneficiarys_consent_code(app, live_server, phone_page: Page):
    with app.app_context():
        agent = make_user(Role.GROUP_MANAGER, name="Samira")
        db.session.commit()
        agent_id, agent_email = agent.id, agent.email
    page = phone_page
    _arabic(page, live_server)
    page.goto(f"{live_server}/account/login")
    page.fill("input[name=email]", agent_email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    _submit(page)
    complete_second_factor(page, agent_email)
    page.goto(f"{live_server}/assist/")
    page.fill("#name", "خديجة")
    page.fill("#phone", "0612345678")
    _submit(page)

    expect(page).to_have_url(re.compile(r"/assist/consent$"))
    with app.app_context():
        [sms] = outbox_sms(PHONE)
    assert "Samira" in sms["body"]
    page.fill("#code", last_sms_code(app, PHONE))  # typed by the beneficiary, on the agent's phone
    _submit(page)
    _open_stand(page)
    expect(page.locator(".assist-banner")).to_contain_text("Samira")
    page.goto(f"{live_server}/supplier/verify")
    expect(page.locator("main")).to_contain_text("هذه الخطوة خاصة بالمستفيد")  # the beneficiary's own step
    page.goto(f"{live_server}/supplier/")
    page.screenshot(path="/tmp/phone-assist-ar.png", full_page=True)
    page.locator(".assist-banner button").click()
    expect(page).to_have_url(re.compile(r"/account/login\?next="))  # the agent logs in again as themselves

    with app.app_context():
        beneficiary = db.session.scalar(select(User).where(User.phone == PHONE))
        entries = [(e.action, e.actor_id, e.object_id, (e.details or {}).get("step"))
                   for e in db.session.scalars(select(AuditEntry).where(AuditEntry.action.startswith("assist."))
                                               .order_by(AuditEntry.id))]
        sitting = db.session.scalar(select(Assistance))
        assert db.session.scalar(select(Supplier.display_name).where(Supplier.user_id == beneficiary.id))
    assert entries == [("assist.consent", agent_id, beneficiary.id, None),
                       ("assist.action", agent_id, beneficiary.id, "supplier.profile"),
                       ("assist.end", agent_id, beneficiary.id, None)]
    assert sitting.ended_at is not None and beneficiary.role == Role.BENEFICIARY
