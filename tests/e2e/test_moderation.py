"""A moderator works the queue in Chromium; the beneficiary reads the reason in their portal.
Also: every admin page renders in French and Arabic without a CSP violation (screenshots in /tmp)."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from app.accounts.models import Role
from app.catalog.models import ListingStatus, Product, ProductImage
from app.db import utcnow
from app.extensions import db
from app.solidarity.ledger import credit_order
from tests.e2e.browser import complete_second_factor
from tests.factories import (
    make_category,
    make_hall,
    make_image,
    make_product,
    make_sale,
    make_supplier,
    make_user,
)
from tests.helpers import DEFAULT_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def queue(app):
    """A moderator, an admin, and a beneficiary with two listings waiting (with photos)."""
    with app.app_context():
        moderator = make_user(Role.MODERATOR, email="moderatrice@example.ma", name="Salma Moderatrice")
        admin = make_user(Role.ADMIN, email="admin@example.ma", name="Admin")
        beneficiary = make_user(Role.BENEFICIARY, email="fatima@example.ma", name="Fatima")
        supplier = make_supplier(beneficiary, display_name="Fatima Zahra", trade_name="Poterie Fatima")
        category = make_category(name="Poterie", name_i18n={"ar": "فخار"})
        ids = {}
        for title, hours in (("Tajine rouge", 30), ("Plat à couscous", 5)):
            product = make_product(supplier, category, status=ListingStatus.PENDING, title=title,
                                   submitted_at=utcnow() - timedelta(hours=hours))
            for position in range(2):
                db.session.add(ProductImage(product_id=product.id, image_id=make_image().id, position=position))
            ids[title] = product.id
        sold = []
        for region in ("Marrakech-Safi", "Fès-Meknès", "Souss-Massa"):
            seller = make_supplier(region=region)
            sold.append(make_product(seller, category, price_centimes=25000, title=f"Jarre {region}"))
            credit_order(make_sale(sold[-1], quantity=3))
        hall = make_hall(title="Poterie et céramique", title_i18n={"ar": "الفخار والخزف"}, products=tuple(sold),
                         cover_id=make_image(1200, 600).id)
        db.session.commit()
        return {"moderator": moderator.email, "admin": admin.email, "beneficiary": beneficiary.email,
                "hall": hall.id, **ids}


def log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/account/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main button[type=submit]").first.click()
    complete_second_factor(page, email)


def status_of(app, product_id: int) -> tuple[ListingStatus, str]:
    with app.app_context():
        product = db.session.get(Product, product_id)
        return product.status, product.moderation_reason


def test_moderator_rejects_one_listing_with_a_reason_and_approves_another(app, browser, live_server, queue):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    log_in(page, live_server, queue["moderator"])
    page.goto(f"{live_server}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/moderation$"))
    tajine = page.locator(f"#listing-{queue['Tajine rouge']}")
    plate = page.locator(f"#listing-{queue['Plat à couscous']}")
    expect(page.locator(".moderation-item").first).to_contain_text("Tajine rouge")  # oldest first
    expect(tajine.locator("img").first).to_be_visible()
    page.screenshot(path="/tmp/admin-moderation-fr.png", full_page=True)

    tajine.locator("textarea[name=reason]").fill("La photo est floue, merci d'en prendre une à la lumière du jour.")
    tajine.locator("button[value=reject]").click()
    page.wait_for_load_state()
    expect(page.locator(".flash").first).to_be_visible()
    plate.locator("button[value=approve]").click()
    page.wait_for_load_state()
    expect(page.locator(".moderation-item")).to_have_count(0)
    context.close()

    assert status_of(app, queue["Tajine rouge"]) == (
        ListingStatus.REJECTED, "La photo est floue, merci d'en prendre une à la lumière du jour.")
    assert status_of(app, queue["Plat à couscous"])[0] == ListingStatus.PUBLISHED

    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    log_in(page, live_server, queue["beneficiary"])
    page.goto(f"{live_server}/supplier/products")
    row = page.locator(f"#listing-{queue['Tajine rouge']}")
    expect(row).to_contain_text("La photo est floue")
    page.screenshot(path="/tmp/supplier-reason-fr.png", full_page=True)
    context.close()


ADMIN_PAGES = ["moderation", "dashboard", "audit", "users", "solidarity", "catalogue/halls",
               "catalogue/groups/new", "verifications"]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_admin_pages_render_in_french_and_arabic_without_csp_violations(browser, live_server, queue, lang):
    context = browser.new_context()
    context.add_cookies([{"name": "lang", "value": lang, "url": live_server}])
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    log_in(page, live_server, queue["admin"])
    for name in [*ADMIN_PAGES, f"catalogue/halls/{queue['hall']}"]:
        response = page.goto(f"{live_server}/admin/{name}")
        assert response.status == 200, name
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
        if name == "dashboard":
            page.wait_for_load_state("networkidle")
            widths = page.locator(".chart img").evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
            assert len(widths) == 6 and all(widths), widths
        page.screenshot(path=f"/tmp/admin-{name.replace('/', '-')}-{lang}.png", full_page=True)
    # A management form posted from the browser (CSRF on); the browser itself asks for the missing name.
    page.goto(f"{live_server}/admin/catalogue/categories/new")
    expect(page.locator("input[name=name]")).to_have_attribute("required", "")
    page.fill("input[name=name_ar]", "زرابي")
    page.fill("input[name=name]", f"Tapis {lang}")
    page.locator("form.admin-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/catalogue/categories/\d+$"))
    expect(page.locator("input[name=name_ar]")).to_have_value("زرابي")
    assert violations == []
    context.close()
