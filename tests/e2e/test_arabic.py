"""A shopper reads and buys in Arabic: Arabic titles all the way, and mixed-direction text in the right order.

The order is read from what Chromium laid out (Range.getClientRects and element boxes), not
from the HTML: in a right-to-left page what comes first in reading sits further right.
Screenshots at 390 and 1280 px go to E2E_SCREENSHOTS (a temporary folder by default).
"""
from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from tests.e2e.browser import TEXT_BOX
from tests.factories import make_category, make_group, make_product, make_supplier, make_translation

pytestmark = pytest.mark.e2e

TITLE_FR, TITLE_AR = "Safran de Taliouine 2 g bio", "زعفران تالوين 2 غ عضوي"
GROUP = "Groupement solidaire Souss Argan"
FRENCH_ONLY = "Tapis berbère tissé main en laine naturelle de la vallée de l'Ourika, motifs anciens"
ADDRESS = "12 rue Ibn Battouta, Hay Riad"


@pytest.fixture
def saffron(app):
    with app.app_context():
        group = make_group(name=GROUP, commission_bp=1000)
        supplier = make_supplier(trade_name="Coopérative Tifaout", group_id=group.id)
        category = make_category(name="Épices")
        product = make_product(supplier=supplier, category=category, title=TITLE_FR, price_centimes=19000, stock=5)
        make_translation(product, "ar", TITLE_AR)
        make_product(supplier=supplier, category=category, title=FRENCH_ONLY, price_centimes=250000, stock=1)
        db.session.commit()


def _shoot(page: Page, name: str, tmp_path) -> None:
    folder = os.environ.get("E2E_SCREENSHOTS") or str(tmp_path)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/ar_{name}_{width}.png", full_page=True)


def test_an_arabic_shopper_walks_from_home_to_the_order_page(app, live_server, browser, saffron, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server}/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # A French title in an Arabic card keeps its own direction: clamped and cut at its own end.
    french_card = page.locator(".card-title", has_text="Tapis berbère")
    assert french_card.evaluate("e => getComputedStyle(e).direction") == "ltr"
    page.locator(".card-title", has_text=TITLE_AR).click()

    expect(page).to_have_url(re.compile(r"/ar/products/\d+"))
    expect(page.locator("h1")).to_have_text(TITLE_AR)
    # "عمولة التجمّع (Groupement solidaire Souss Argan)": the brackets stay around the Latin name
    # (read on one line, at desktop width).
    page.set_viewport_size({"width": 1280, "height": 900})
    commission = page.locator(".breakdown dt", has_text=GROUP)
    name = commission.locator("bdi").bounding_box()
    opening = page.evaluate(TEXT_BOX, [commission.element_handle(), "("])
    closing = page.evaluate(TEXT_BOX, [commission.element_handle(), ")"])
    assert opening["left"] >= name["x"] + name["width"] - 1, "the opening bracket reads first: at the right"
    assert closing["right"] <= name["x"] + 1, "the closing bracket ends the line: at the left"
    _shoot(page, "product", tmp_path)
    page.set_viewport_size({"width": 390, "height": 844})

    page.locator("form.add-to-cart button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ar/cart$"))
    expect(page.locator(".cart-line .card-title")).to_have_text(TITLE_AR)

    page.locator(".cart-summary a.button").click()
    expect(page).to_have_url(re.compile(r"/ar/checkout$"))
    page.fill("#name", "Amina Benali")
    page.fill("#email", "amina@example.ma")
    page.fill("#phone", "٠٦١٢٣٤٥٦٧٨")  # typed on an Arabic keyboard
    page.select_option("#city", "Rabat")
    page.fill("#address", ADDRESS)
    assert page.locator("#address").evaluate("e => getComputedStyle(e).direction") == "ltr"
    page.check("input[name=payment_method][value=cash]")
    _shoot(page, "checkout", tmp_path)
    page.locator(".checkout-submit").click()

    expect(page).to_have_url(re.compile(r"/ar/orders/SS-[0-9A-Z]{8}\?token="))
    line = page.locator(".order-lines li").first
    expect(line).to_contain_text(TITLE_AR)
    # "1 × زعفران ...": the quantity reads first, so it sits right of the isolated title.
    title = line.locator("bdi").bounding_box()
    quantity = page.evaluate(TEXT_BOX, [line.element_handle(), "1 ×"])
    assert quantity["left"] >= title["x"] + title["width"] - 1
    # The Latin address typed in the Arabic checkout keeps its own left-to-right order.
    address = page.locator("bdi", has_text="Ibn Battouta").element_handle()
    number = page.evaluate(TEXT_BOX, [address, "12"])
    last_word = page.evaluate(TEXT_BOX, [address, "Riad"])
    assert number["left"] < last_word["left"]
    _shoot(page, "order", tmp_path)
    context.close()
