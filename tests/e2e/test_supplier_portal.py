"""A beneficiary on a phone: logs in, creates a listing with two photos, submits it, sees it pending."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.catalog.models import Category, ListingStatus, Product
from app.extensions import db
from app.suppliers.models import Supplier
from tests.e2e.browser import log_in, set_language
from tests.factories import make_category, make_product, make_supplier, photo_bytes

pytestmark = pytest.mark.e2e


@pytest.fixture
def beneficiary(app):
    with app.app_context():
        make_category(name="Poterie")
        supplier = make_supplier(verified=True, display_name="Fatima Zahra", trade_name="Atelier Safi")
        db.session.commit()
        return supplier.user.email


def test_a_beneficiary_lists_a_product_with_two_photos_from_a_phone(app, live_server, phone_page, beneficiary,
                                                                   tmp_path):
    page = phone_page
    set_language(page, live_server, "en")
    log_in(page, live_server, beneficiary, "/supplier/")
    expect(page.locator("h1")).to_contain_text("Atelier Safi")

    page.get_by_role("link", name="New listing").first.click()
    page.fill("#title", "Tajine rouge de Safi")
    page.fill("#description", "Terre cuite de Safi.\n\nPeint à la main.")
    page.select_option("#category", label="Poterie")
    page.fill("#price", "180,50")
    page.fill("#stock", "3")
    page.get_by_role("button", name="Save the draft and add photos").click()
    expect(page).to_have_url(re.compile(r"/supplier/products/\d+/photos$"))

    photos = []
    for seed in (1, 2):
        path = tmp_path / f"IMG_000{seed}.jpg"
        path.write_bytes(photo_bytes(1600, 1200, seed=seed))
        photos.append(str(path))
    # Picking the photos starts the upload; the script shows each file's progress, then
    # reloads the page with the new gallery.
    page.set_input_files("#photo-input", photos)
    expect(page.locator(".gallery-item")).to_have_count(2, timeout=20_000)
    expect(page.locator(".gallery-item img")).to_have_count(2)

    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".flash")).to_contain_text("Submitted")
    expect(page.locator(".portal-head .badge")).to_have_text("Waiting for review")

    with app.app_context():
        product = db.session.scalar(select(Product).where(Product.title == "Tajine rouge de Safi"))
        assert product.status == ListingStatus.PENDING
        assert product.price_centimes == 18050
        assert len(product.images) == 2

    page.goto(f"{live_server}/supplier/products")
    expect(page.locator(".listing-row")).to_have_count(1)
    expect(page.locator(".listing-row .badge")).to_have_text("Waiting for review")

    for lang in ("fr", "ar"):
        set_language(page, live_server, lang)
        for name, path in (("dashboard", "/supplier/"), ("listings", "/supplier/products"),
                           ("photos", f"/supplier/products/{product.id}/photos"),
                           ("listing", f"/supplier/products/{product.id}"), ("stand", "/supplier/profile")):
            page.goto(f"{live_server}{path}")
            assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
            # Nothing sticks out sideways on a 390 px phone.
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            page.screenshot(path=f"/tmp/supplier-portal-{name}-{lang}.png", full_page=True)


def open_gallery_of_a_new_draft(app, page: Page, base: str, email: str) -> None:
    """The beneficiary, in English, on the photo page of a new draft listing."""
    with app.app_context():
        product_id = make_product(db.session.scalar(select(Supplier)), db.session.scalar(select(Category)),
                                  status=ListingStatus.DRAFT, title="Vase").id
        db.session.commit()
    set_language(page, base, "en")
    log_in(page, base, email, "/supplier/")
    page.goto(f"{base}/supplier/products/{product_id}/photos")


def test_a_refused_upload_says_why_and_leaves_the_queue(app, live_server, phone_page, beneficiary, tmp_path):
    page = phone_page
    open_gallery_of_a_new_draft(app, page, live_server, beneficiary)
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"<html><script>alert(1)</script></html>")
    expect(page.get_by_role("button", name="Upload")).to_be_hidden()  # the script uploads on pick
    page.set_input_files("#photo-input", str(fake))
    item = page.locator(".upload-item")
    expect(item).to_have_attribute("data-state", "failed")
    expect(item).to_contain_text("not a photo we can accept")
    # Sending it again would be refused again: it is not kept for later.
    expect(item.get_by_role("button", name="Try again")).to_have_count(0)
    page.reload()
    expect(page.locator(".upload-item")).to_have_count(0)
    page.screenshot(path="/tmp/supplier-portal-upload-failed-en.png", full_page=True)


def test_an_upload_cut_by_the_network_waits_and_is_retried_with_one_tap(app, live_server, phone_page, beneficiary,
                                                                      tmp_path):
    page = phone_page
    open_gallery_of_a_new_draft(app, page, live_server, beneficiary)
    cut = {"done": False}

    def cut_the_first_upload(route):
        if route.request.method == "POST" and not cut["done"]:
            cut["done"] = True
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route(re.compile(r".*/photos$"), cut_the_first_upload)
    photo = tmp_path / "IMG_0042.jpg"
    photo.write_bytes(photo_bytes(800, 600, seed=42))
    page.set_input_files("#photo-input", str(photo))
    item = page.locator(".upload-item")
    expect(item).to_have_attribute("data-state", "waiting")
    expect(item).to_contain_text("The connection was lost. It will be sent when the connection returns.")
    item.get_by_role("button", name="Try again").click()
    expect(page.locator(".gallery-item")).to_have_count(1, timeout=20_000)
