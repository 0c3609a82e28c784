"""The portal in a workshop whose connection comes and goes: installable, opens offline, and keeps
the photos picked while offline until the connection returns, each sent exactly once."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from app.catalog.models import ProductImage
from app.extensions import db
from tests.e2e.browser import beneficiary_with_a_draft, log_in, set_language
from tests.factories import photo_bytes

pytestmark = pytest.mark.e2e


@pytest.fixture
def draft(app):
    """A verified beneficiary's draft listing; returns (e-mail, product id)."""
    return beneficiary_with_a_draft(app, "Vase")


def photos_of(app, product_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(ProductImage.product_id == product_id))


def test_photos_picked_offline_wait_in_the_browser_and_are_sent_once_when_back_online(
        app, live_server, phone_page, draft, tmp_path):
    page = phone_page
    email, product_id = draft
    set_language(page, live_server, "ar")
    log_in(page, live_server, email, "/supplier/")
    photos_url = f"{live_server}/supplier/products/{product_id}/photos"
    page.goto(photos_url)
    page.wait_for_function("navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)"
                           " || navigator.serviceWorker.controller")
    page.reload()  # now controlled: the page is kept for offline use

    page.context.set_offline(True)
    files = []
    for seed in (1, 2):
        path = tmp_path / f"IMG_10{seed}.jpg"
        path.write_bytes(photo_bytes(1200, 900, seed=seed))
        files.append(str(path))
    page.set_input_files("#photo-input", files)
    queued = page.locator(".upload-item[data-state=waiting]")
    expect(queued).to_have_count(2)
    expect(queued.first).to_contain_text("بانتظار الاتصال")  # "Waiting for the connection." in Arabic
    assert photos_of(app, product_id) == 0

    # Still offline, the portal opens again from the phone (the service worker's copy), and the
    # queue, kept in IndexedDB, is still there.
    page.reload()
    expect(page.locator("h1")).to_contain_text("Vase")
    expect(page.locator(".upload-item[data-state=waiting]")).to_have_count(2)
    page.screenshot(path="/tmp/portal-offline-queue-ar.png", full_page=True)

    page.context.set_offline(False)
    expect(page.locator(".gallery-item img")).to_have_count(2, timeout=20_000)
    expect(page.locator(".upload-item")).to_have_count(0)
    assert photos_of(app, product_id) == 2
    page.reload()  # nothing left in the queue to send again
    expect(page.locator(".gallery-item")).to_have_count(2)
    assert photos_of(app, product_id) == 2


def test_the_portal_installs_from_its_manifest(live_server, phone_page, draft):
    page = phone_page
    email, _product_id = draft
    set_language(page, live_server, "en")
    log_in(page, live_server, email, "/supplier/")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.request.get(f"{live_server}{href}").json()
    assert manifest["scope"] == manifest["start_url"]
    assert manifest["scope"].endswith("/supplier/")  # the portal in the language it was opened in
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == f"{live_server}{manifest['scope']}"


def test_an_idle_photos_page_asks_the_server_for_nothing(app, live_server, phone_page, draft):
    """The upload script once polled a translated text as a URL every 1.5 s (404s for ever)."""
    page = phone_page
    email, product_id = draft
    set_language(page, live_server, "fr")
    log_in(page, live_server, email, "/supplier/")
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{live_server}/supplier/products/{product_id}/photos")
    page.wait_for_timeout(3500)
    assert [url for url in asked if "/photos/" in url or "Traitement" in url] == []
