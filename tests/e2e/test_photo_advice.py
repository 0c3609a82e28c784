"""A beneficiary on a phone, in Arabic, learns that her photo is too dark before submitting the listing,
accepts the automatic correction and can take it back."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import beneficiary_with_a_draft, log_in, set_language
from tests.media_advice_cases import cases

pytestmark = pytest.mark.e2e


def test_a_dark_photo_gets_advice_in_arabic_and_a_correction_that_can_be_undone(app, live_server, phone_page,
                                                                              tmp_path):
    email, product_id = beneficiary_with_a_draft(app, "Tajine")
    page = phone_page
    set_language(page, live_server, "ar")
    log_in(page, live_server, email, "/supplier/")
    page.goto(f"{live_server}/supplier/products/{product_id}/photos")
    dark = tmp_path / "IMG_dark.jpg"
    dark.write_bytes(next(data for name, data, _ in cases() if name.startswith("dark")))
    page.set_input_files("#photo-input", str(dark))

    advice = page.locator(".photo-advice [data-advice=dark]")
    expect(advice).to_be_visible(timeout=20_000)
    expect(advice).to_contain_text("مظلمة جدًا")  # "Too dark"
    page.screenshot(path="/tmp/portal-photo-advice-ar.png", full_page=True)

    page.locator(".photo-correction button").click()
    expect(page.locator(".photo-advice [data-advice=dark]")).to_have_count(0)
    expect(page.locator(".photo-correction button")).to_contain_text("التراجع عن التصحيح")  # "Undo the correction"
    page.locator(".photo-correction button").click()
    expect(page.locator(".photo-advice [data-advice=dark]")).to_be_visible()
