# ruff: noqa: F811  (pytest fixtures imported from tests.stripe_fakes.fixtures arrive as arguments)
"""A shopper on a phone buys from two suppliers, by cash on delivery and by card; each supplier sees their lines.

Real parts: Chromium (Debian's) through Playwright, the app served by a threaded werkzeug server
with CSRF on, the test database. For the card test: CheckoutStandIn stands in for Stripe's
hosted Checkout (its page "pays" at localstripe, sends the signed webhook to our server and
returns the browser to success_url), localstripe (127.0.0.1) stands in for PaymentIntents.
"""
from __future__ import annotations

import re
import threading

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from app.orders.models import Order, OrderStatus
from tests.factories import make_category, make_pickup_point, make_product, make_supplier
from tests.helpers import DEFAULT_PASSWORD
from tests.stripe_fakes.fixtures import (  # noqa: F401  (fixtures)
    WEBHOOK_SECRET,
    _standin_server,
    card_config,
    localstripe_url,
    standin,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_suppliers(app):
    """Two verified suppliers with one product each: (supplier email, product id, title) pairs."""
    with app.app_context():
        category = make_category(name="Artisanat")
        made = []
        for name, title, price in (("Atelier Safi", "Tajine rouge de Safi", 18000),
                                   ("Coopérative Tiznit", "Huile d'argan 250 ml", 9500)):
            supplier = make_supplier(trade_name=name)
            product = make_product(supplier=supplier, category=category, title=title, price_centimes=price, stock=4)
            made.append((supplier.user.email, product.id, title))
        db.session.commit()
    return made


def _language(page: Page, base: str, lang: str) -> None:
    page.context.add_cookies([{"name": "lang", "value": lang, "url": base}])


def _add_to_cart(page: Page, base: str, product_id: int) -> None:
    page.goto(f"{base}/products/{product_id}")
    page.locator("form.add-to-cart button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/cart$"))


def _fill_checkout(page: Page, payment: str) -> None:
    page.locator(".cart-summary a.button").click()
    expect(page).to_have_url(re.compile(r"/checkout$"))
    page.fill("#name", "Amina Benali")
    page.fill("#email", "amina@example.ma")
    page.fill("#phone", "06 12 34 56 78")
    page.select_option("#city", "Rabat")
    page.fill("#address", "3 rue Souika, médina")
    page.check(f"input[name=payment_method][value={payment}]")


def _supplier_sees_only_their_line(browser, base: str, email: str, mine: str, theirs: str, name: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    _language(page, base, "en")
    page.goto(f"{base}/account/login?next=/supplier/orders")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/supplier/orders$"))
    expect(page.locator(".supplier-lines")).to_contain_text(mine)
    expect(page.locator(".supplier-lines")).not_to_contain_text(theirs)
    page.screenshot(path=f"/tmp/h7_supplier_{name}.png", full_page=True)
    context.close()


def test_a_shopper_on_a_phone_buys_from_two_suppliers_cash_on_delivery(app, live_server, phone_page, browser,
                                                                        two_suppliers):
    page = phone_page
    _language(page, live_server, "en")
    for _, product_id, _ in two_suppliers:
        _add_to_cart(page, live_server, product_id)
    expect(page.locator(".cart-line")).to_have_count(2)
    page.screenshot(path="/tmp/h7_cart_en.png", full_page=True)
    _fill_checkout(page, "cash")
    expect(page.locator(".delivery-pickup")).to_be_hidden()
    expect(page.locator("#checkout-total")).to_contain_text("300.00")  # 180 + 95 + 25 for Rabat
    page.screenshot(path="/tmp/h7_checkout_en.png", full_page=True)
    page.locator(".checkout-submit").click()
    expect(page).to_have_url(re.compile(r"/orders/SS-[0-9A-Z]{8}\?token="))
    expect(page.locator("#order-status")).to_have_attribute("data-status", "confirmed")
    expect(page.locator(".order-lines li")).to_have_count(2)
    page.screenshot(path="/tmp/h7_order_en.png", full_page=True)
    with app.app_context():
        order = db.session.scalar(select(Order))
        assert order.status == OrderStatus.CONFIRMED and order.total_centimes == 18000 + 9500 + 2500

    (email_a, _, title_a), (email_b, _, title_b) = two_suppliers
    _supplier_sees_only_their_line(browser, live_server, email_a, title_a, title_b, "a")
    _supplier_sees_only_their_line(browser, live_server, email_b, title_b, title_a, "b")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_pickup_order_in_french_and_arabic(app, live_server, phone_page, two_suppliers, lang):
    with app.app_context():
        make_pickup_point(city="Salé", name="Espace solidaire de Salé")
        db.session.commit()
    page = phone_page
    _language(page, live_server, lang)
    _add_to_cart(page, live_server, two_suppliers[0][1])
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    page.screenshot(path=f"/tmp/h7_cart_{lang}.png", full_page=True)
    page.locator(".cart-summary a.button").click()
    page.fill("#name", "Amina Benali")
    page.fill("#email", "amina@example.ma")
    page.fill("#phone", "0612345678")
    page.check("input[name=delivery_method][value=pickup]")
    expect(page.locator(".delivery-home")).to_be_hidden()
    page.select_option("#pickup_point", label="Salé — Espace solidaire de Salé")
    expect(page.locator("#checkout-total")).to_contain_text("180")  # pickup is free
    page.screenshot(path=f"/tmp/h7_checkout_{lang}.png", full_page=True)
    page.locator(".checkout-submit").click()
    expect(page).to_have_url(re.compile(r"/orders/SS-[0-9A-Z]{8}\?token="))
    expect(page.locator(".order-delivery")).to_contain_text("Espace solidaire de Salé")
    page.screenshot(path=f"/tmp/h7_order_{lang}.png", full_page=True)


@pytest.fixture
def card_server(app, app_config, standin):
    """The shop with card payments on (CSRF on), served in a thread; the stand-in posts webhooks to it."""
    application = create_app(card_config(app_config, standin.url, WTF_CSRF_ENABLED=True))
    server = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    standin.webhook_url, standin.webhook_secret = f"{base}/webhooks/stripe", WEBHOOK_SECRET
    yield base
    server.shutdown()
    standin.webhook_url = ""


def test_a_shopper_on_a_phone_pays_by_card_on_the_hosted_page(app, card_server, phone_page, browser, standin,
                                                              two_suppliers):
    page = phone_page
    _language(page, card_server, "en")
    for _, product_id, _ in two_suppliers:
        _add_to_cart(page, card_server, product_id)
    _fill_checkout(page, "card")
    page.locator(".checkout-submit").click()
    # Our server answered 303 to the stand-in's hosted page: the CSP form-action let Chrome follow.
    expect(page).to_have_url(re.compile(re.escape(standin.url) + r"/pay/cs_test_"))
    expect(page.locator("#amount")).to_have_text("300.00 MAD")
    page.locator("#pay").click()
    expect(page).to_have_url(re.compile(r"/orders/SS-[0-9A-Z]{8}\?token="))
    expect(page.locator("#order-status")).to_have_attribute("data-status", "paid")
    page.screenshot(path="/tmp/h7_order_paid_en.png", full_page=True)
    with app.app_context():
        order = db.session.scalar(select(Order))
        assert order.status == OrderStatus.PAID and order.payment_method.value == "card"

    (email_a, _, title_a), (email_b, _, title_b) = two_suppliers
    _supplier_sees_only_their_line(browser, card_server, email_a, title_a, title_b, "card_a")
    _supplier_sees_only_their_line(browser, card_server, email_b, title_b, title_a, "card_b")
