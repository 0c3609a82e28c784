"""A fair day on a phone: the beneficiary sells at her stand, once without a connection; a visitor
scans the stand's QR code and orders to collect at the stand; the beneficiary hands it over; the
organiser (the fair organiser role) reads in the report the scan, the online order, the in-person sales
and the pickup, and sees her present at her stand today."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from app.accounts.models import Role
from app.extensions import db
from app.fairs.models import FairSale
from app.orders.models import DeliveryMethod, Order, OrderStatus
from tests.e2e.browser import log_in, set_language
from tests.factories import make_fair, make_product, make_supplier, make_user

pytestmark = pytest.mark.e2e


def test_a_fair_day_at_the_stand_with_and_without_a_connection(app, live_server, phone_page, browser):
    with app.app_context():
        supplier = make_supplier(display_name="Khadija", trade_name="Amlou Khadija")
        make_fair(slug="souk-tiznit", days_from_now=0, suppliers=(supplier,), name="Souk Tiznit")
        product_id = make_product(supplier, stock=5, price_centimes=12000, title="Amlou 250 g").id
        db.session.commit()
        email, slug = supplier.user.email, supplier.slug
    page = phone_page
    set_language(page, live_server, "ar")
    log_in(page, live_server, email, "/supplier/")
    page.goto(f"{live_server}/ar/supplier/fair")
    card = page.locator(".fair-product").first
    expect(card).to_contain_text("Amlou 250 g")

    card.get_by_role("button", name="نقدًا").click()  # cash, online
    expect(page.locator("[data-sale-queue] .upload-item[data-state=done]")).to_have_count(1)
    expect(card.locator("[data-left]")).to_contain_text("4")  # what is left, without reloading

    page.context.set_offline(True)
    card.locator("input[name=quantity]").fill("2")
    card.get_by_role("button", name="جهاز الدفع بالبطاقة").click()  # card terminal, offline
    expect(page.locator("[data-sale-queue] .upload-item[data-state=waiting]")).to_have_count(1)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(FairSale)) == 1
    page.screenshot(path="/tmp/fair-mode-offline-ar.png", full_page=True)
    page.context.set_offline(False)
    expect(page.locator("[data-sale-queue] .upload-item[data-state=done]")).to_have_count(2, timeout=20_000)
    with app.app_context():
        assert db.session.scalar(select(func.sum(FairSale.quantity))) == 3

    expect(card.locator("[data-left]")).to_contain_text("2")

    visitor = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    set_language(visitor, live_server, "en")
    visitor.goto(f"{live_server}/f/souk-tiznit/{slug}")  # the stand's QR code
    expect(visitor.locator(".fair-banner")).to_contain_text("Souk Tiznit")
    visitor.goto(f"{live_server}/products/{product_id}")
    visitor.locator("form.add-to-cart button[type=submit]").click()
    expect(visitor).to_have_url(re.compile(r"/cart$"))
    visitor.locator(".cart-summary a.button").click()
    stand = visitor.locator("label.choice", has=visitor.locator("input[value=stand]"))
    expect(stand).to_contain_text("Collect at the stand today, free: Souk Tiznit, stand A1")
    visitor.fill("#name", "Amina Benali")
    visitor.fill("#email", "amina@example.ma")
    visitor.fill("#phone", "06 12 34 56 78")
    stand.click()
    expect(visitor.locator(".delivery-home")).to_be_hidden()
    visitor.locator(".checkout-submit").click()
    expect(visitor.locator(".order-stand")).to_contain_text("stand A1")
    visitor.screenshot(path="/tmp/fair-order-en.png", full_page=True)
    visitor.context.close()
    with app.app_context():
        order = db.session.scalar(select(Order))
        assert (order.delivery_method, order.delivery_fee_centimes, order.status) == (
            DeliveryMethod.STAND, 0, OrderStatus.CONFIRMED)
        number = order.number

    page.goto(f"{live_server}/ar/supplier/fair")
    pickup = page.locator(f"#pickup-{number}")
    expect(pickup).to_contain_text("Amlou 250 g")
    pickup.get_by_role("button", name="تم التسليم").click()  # handed over
    expect(page.locator(f"#pickup-{number}[data-state=done]")).to_be_visible()
    expect(page.locator(".fair-product").first.locator("[data-left]")).to_contain_text("1")
    with app.app_context():
        assert db.session.get(Order, order.id).status == OrderStatus.DELIVERED

    with app.app_context():
        sold, takings = db.session.execute(select(func.sum(FairSale.quantity), func.sum(FairSale.total_centimes))).one()
        organiser = make_user(Role.ORGANISER).email
        db.session.commit()
    assert (sold, takings) == (3, 36000)
    report = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    set_language(report, live_server, "en")
    log_in(report, live_server, organiser, "/admin/fairs/souk-tiznit/report")
    row = report.locator("#fair-stands tbody tr").first
    expect(row).to_contain_text("Khadija")
    expect(row.locator("td").nth(2)).to_have_text("1")  # the scan
    expect(row.locator("td").nth(3)).to_have_text("3")  # items sold at the stand
    expect(row.locator("td").nth(8)).to_have_text("1")  # the online order from the QR code
    expect(row.locator("td").nth(10)).to_have_text("1")  # collected at the stand
    report.screenshot(path="/tmp/fair-report-en.png", full_page=True)
    report.goto(f"{live_server}/admin/fairs/souk-tiznit/stands")  # who is at her stand today
    stand = report.locator("tr[data-present]").first
    expect(stand).to_have_attribute("data-present", "yes")
    expect(stand).to_contain_text("Khadija")
    expect(stand.locator("td.num").first).to_have_text("2")  # two sales today (three items), one sent late
    expect(stand.locator("td.num").nth(1)).to_have_text("1")  # one order handed over
    report.context.close()
