"""Cash on delivery's guards in the browser: a first cash order from an unknown number waits for the
SMS code typed on its order page (on a phone, in Arabic), and staff mark a parcel refused at the door,
block its number, and the next cash order from it is refused (on a desktop, in French).

The shared test settings confirm cash orders at once (COD_CONFIRM_NEW_PHONES off); the first test turns
the setting on for the live server's app only while it runs (it is read on each request). The SMS
outbox of app.sms stands in for the phone. Screenshots go to E2E_SCREENSHOTS (a temporary folder by
default).
"""
from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from app.accounts.models import Role
from app.extensions import db
from app.notifications.models import Notification
from app.orders.models import BlockedPhone, Order, OrderStatus
from app.orders.services import mark_line_shipped
from app.sms.outbox import outbox_sms
from tests.e2e.browser import TEXT_BOX, log_in, set_language
from tests.factories import make_product, make_supplier, make_translation, make_user, place_test_order
from tests.helpers import last_sms_code

pytestmark = pytest.mark.e2e

PHONE, TYPED = "+212612345678", "06 12 34 56 78"
REFUSER, REFUSER_TYPED = "+212611111111", "06 11 11 11 11"
TITLE_AR = "طاجين أحمر من آسفي"



def _shoot(page: Page, name: str, tmp_path) -> None:
    folder = os.environ.get("E2E_SCREENSHOTS") or str(tmp_path)
    page.screenshot(path=f"{folder}/cod_{name}.png", full_page=True)


def _notices(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Notification))


def _checkout_cash(page: Page, base: str, product_id: int, phone: str, lang: str) -> None:
    """Put one product in the cart and fill the checkout for home delivery paid cash (not yet sent)."""
    page.goto(f"{base}/{lang}/products/{product_id}")
    page.locator("form.add-to-cart button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/cart$"))
    page.locator(".cart-summary a.button").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/checkout$"))
    page.fill("#name", "Amina Benali")
    page.fill("#email", "amina@example.ma")
    page.fill("#phone", phone)
    page.select_option("#city", "Rabat")
    page.fill("#address", "3 rue Souika, médina")
    page.check("input[name=payment_method][value=cash]")


@pytest.fixture
def tajine(app) -> int:
    """A published product (with its Arabic title) whose maker is told of each order."""
    with app.app_context():
        product = make_product(make_supplier(trade_name="Atelier Safi"), title="Tajine rouge de Safi",
                               price_centimes=18000, stock=4)
        make_translation(product, "ar", TITLE_AR)
        db.session.commit()
        return product.id


def test_a_first_cash_order_in_arabic_waits_for_the_sms_code(app, live_app, live_server, phone_page, outbox,
                                                             tajine, monkeypatch, tmp_path):
    monkeypatch.setitem(live_app.config, "COD_CONFIRM_NEW_PHONES", True)
    page = phone_page
    _checkout_cash(page, live_server, tajine, TYPED, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    _shoot(page, "ar_checkout", tmp_path)
    page.locator(".checkout-submit").click()

    expect(page).to_have_url(re.compile(r"/ar/orders/SS-[0-9A-Z]{8}\?token="))
    expect(page.locator("#order-status")).to_have_attribute("data-status", "awaiting_phone")
    code_box = page.locator("#phone-code")
    expect(code_box).to_contain_text("أكّد طلبك بالرمز المرسل عبر رسالة قصيرة")
    expect(code_box).to_contain_text("06 •• •• •• 78")  # the number, masked
    expect(page.locator(".flashes")).to_contain_text("بقيت خطوة واحدة")
    _shoot(page, "ar_code_asked", tmp_path)
    # The masked number reads left to right on one line inside the Arabic sentence.
    # The masked number reads left to right on one line inside each Arabic sentence: the box's and the flash's.
    for sentence in (code_box.locator("p").first.element_handle(), page.locator(".flashes").element_handle()):
        first, last = (page.evaluate(TEXT_BOX, [sentence, part]) for part in ("06", "78"))
        assert first["top"] == last["top"] and first["right"] < last["left"]
    with app.app_context():
        order = db.session.scalar(select(Order))
        assert order.status == OrderStatus.AWAITING_PHONE
        [sms] = outbox_sms(PHONE)
    assert order.number in sms["body"] and any("\u0600" <= ch <= "\u06ff" for ch in sms["body"])
    assert _notices(app) == 0  # the maker hears of nothing yet

    code = last_sms_code(app, PHONE)
    page.fill("#code", "000000" if code != "000000" else "111111")
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/code")) as wrong:
        page.locator("#phone-code button.button-large").click()
    assert wrong.value.status == 422
    expect(page.locator("#phone-code .error")).to_contain_text("هذا الرمز غير صحيح أو انتهت صلاحيته")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    _shoot(page, "ar_wrong_code", tmp_path)
    assert _notices(app) == 0

    page.fill("#code", code)
    page.locator("#phone-code button.button-large").click()
    expect(page.locator("#order-status")).to_have_attribute("data-status", "confirmed")
    expect(page.locator(".flashes")).to_contain_text("شكرًا لك! تم تأكيد طلبيتك؛ الدفع عند الاستلام.")
    expect(page.locator("#phone-code")).to_have_count(0)
    _shoot(page, "ar_confirmed", tmp_path)
    with app.app_context():
        assert db.session.scalar(select(Order.status)) == OrderStatus.CONFIRMED
    assert _notices(app) >= 1  # now the maker is told


@pytest.fixture
def refused_parcel(app) -> dict:
    """An admin, a cash order from REFUSER on its way (shipped), and a product for the next order."""
    with app.app_context():
        admin = make_user(Role.ADMIN, email="admin@example.ma", name="Admin")
        order = place_test_order((make_product(stock=5), 1), phone=REFUSER)
        for line in order.lines:
            mark_line_shipped(line, None)
        product = make_product(title="Huile d'argan 250 ml", stock=5)
        db.session.commit()
        return {"admin": admin.email, "number": order.number, "product": product.id}


def test_staff_block_a_number_whose_parcel_was_refused_and_its_next_cash_order_is_refused(
        app, live_server, browser, refused_parcel, tmp_path):
    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    set_language(page, live_server, "fr")
    number = refused_parcel["number"]
    log_in(page, live_server, refused_parcel["admin"], f"/admin/orders/{number}")
    page.locator("main button", has_text="Refusé à la livraison").click()
    expect(page.locator(".flashes")).to_contain_text(f"La commande {number} a été refusée à la livraison.")
    _shoot(page, "admin_order_refused", tmp_path)
    with app.app_context():
        assert db.session.scalar(select(Order.status).where(Order.number == number)) == OrderStatus.REFUSED

    page.goto(f"{live_server}/admin/cash-on-delivery")
    refusals, blocked = page.locator("main table").nth(0), page.locator("main table").nth(1)
    row = refusals.locator("tr", has=page.locator("th", has_text=REFUSER))
    expect(row.locator("td").nth(0)).to_have_text("1")  # refused once
    expect(row.locator("td").nth(1)).to_have_text("0")  # never delivered
    row.locator("button", has_text="Bloquer").click()
    expect(page.locator(".flashes")).to_contain_text("Le numéro est bloqué : il ne peut plus payer à la livraison.")
    expect(row).to_contain_text("Bloqué")
    expect(blocked.locator("tr", has=page.locator("th", has_text=REFUSER))).to_contain_text("refusé")
    _shoot(page, "admin_blocked", tmp_path)
    with app.app_context():
        assert db.session.scalar(select(BlockedPhone.phone)) == REFUSER
    desk.close()

    shop = browser.new_context(viewport={"width": 1280, "height": 900})
    page = shop.new_page()
    _checkout_cash(page, live_server, refused_parcel["product"], REFUSER_TYPED, "fr")
    expect(page.locator("input[name=payment_method][value=card]")).to_have_count(0)  # a cash-only shop
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/checkout")) as sent:
        page.locator(".checkout-submit").click()
    assert sent.value.status == 403
    error = page.locator("fieldset .error")
    expect(error).to_have_text(re.compile(r"^Le paiement à la livraison n'est pas disponible pour ce numéro"))
    expect(error).not_to_contain_text("carte")  # no card to offer instead
    expect(page.locator("#address")).to_have_value("3 rue Souika, médina")  # the form comes back filled in
    _shoot(page, "shopper_refused", tmp_path)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Order)) == 1  # only the refused parcel
    shop.close()
