"""A fair day on a phone: the beneficiary sells at her stand, once without a connection; a visitor
scans the stand's QR code; the organiser's report shows the scan and the sales."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from app.accounts.models import Role
from app.extensions import db
from app.fairs.models import FairSale
from tests.e2e.browser import log_in, set_language
from tests.factories import make_fair, make_product, make_supplier, make_user

pytestmark = pytest.mark.e2e


def test_a_fair_day_at_the_stand_with_and_without_a_connection(app, live_server, phone_page, browser):
    with app.app_context():
        supplier = make_supplier(display_name="Khadija", trade_name="Amlou Khadija")
        make_fair(slug="souk-tiznit", days_from_now=0, suppliers=(supplier,), name="Souk Tiznit")
        make_product(supplier, stock=5, price_centimes=12000, title="Amlou 250 g")
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

    visitor = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    visitor.goto(f"{live_server}/f/souk-tiznit/{slug}")
    expect(visitor.locator(".fair-banner")).to_contain_text("Souk Tiznit")
    visitor.context.close()

    with app.app_context():
        sold, takings = db.session.execute(select(func.sum(FairSale.quantity), func.sum(FairSale.total_centimes))).one()
        organiser = make_user(Role.ADMIN).email
        db.session.commit()
    assert (sold, takings) == (3, 36000)
    report = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    set_language(report, live_server, "en")
    log_in(report, live_server, organiser, "/admin/fairs/souk-tiznit/report")
    row = report.locator("#fair-stands tbody tr").first
    expect(row).to_contain_text("Khadija")
    expect(row.locator("td").nth(2)).to_have_text("1")  # the scan
    expect(row.locator("td").nth(3)).to_have_text("3")  # items sold at the stand
    report.screenshot(path="/tmp/fair-report-en.png", full_page=True)
    report.context.close()
