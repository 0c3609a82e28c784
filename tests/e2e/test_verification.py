"""A beneficiary verifies their microcredit in Chromium; a miss gets the neutral message (French, Arabic)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.suppliers.models import Supplier, VerificationState
from tests.e2e.browser import log_in, set_language
from tests.factories import make_microcredit_record, make_supplier

pytestmark = pytest.mark.e2e


@pytest.fixture
def beneficiary(app):
    """Khadija has an unverified stand; Al Amana's file lists her loan AM-2024-0042 (CIN BE771234)."""
    with app.app_context():
        make_microcredit_record(institution="Al Amana", loan_reference="AM-2024-0042", national_id="BE771234",
                                full_name="Khadija Tazi")
        make_microcredit_record(institution="Attawfiq", loan_reference="AT-7", national_id="ZZ1")
        supplier = make_supplier(verified=False, display_name="Khadija Tazi", trade_name="Tissages de Tazi")
        db.session.commit()
        return supplier.user.email, supplier.id


def fill_and_send(page: Page, cin: str, institution: str, reference: str) -> None:
    page.fill("#national_id", cin)
    page.select_option("#institution", institution)
    page.fill("#loan_reference", reference)
    page.locator("main form.portal-form button[type=submit]").click()


def state_of(app, supplier_id: int) -> VerificationState:
    with app.app_context():
        return db.session.get(Supplier, supplier_id).verification_state


def test_a_beneficiary_verifies_in_the_browser_and_sees_verified(app, live_server, page, beneficiary):
    email, supplier_id = beneficiary
    set_language(page, live_server, "en")
    log_in(page, live_server, email, "/supplier/verify")
    expect(page.locator("#verification-state")).to_contain_text("Not verified")

    fill_and_send(page, "be 771234", "Al Amana", "AM-2024-0042")

    expect(page.locator("#verification-state")).to_contain_text("Verified")
    expect(page.locator(".flash")).to_contain_text("Your stand is verified")
    expect(page.locator("#national_id")).to_have_count(0)
    page.screenshot(path="/tmp/verify-en-verified.png", full_page=True)
    assert state_of(app, supplier_id) == VerificationState.VERIFIED


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_miss_shows_the_neutral_message_in_french_and_arabic(app, live_server, phone_page, beneficiary, lang):
    email, supplier_id = beneficiary
    page = phone_page
    set_language(page, live_server, lang)
    log_in(page, live_server, email, "/supplier/verify")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    page.screenshot(path=f"/tmp/verify-{lang}-form.png", full_page=True)

    fill_and_send(page, "BE771234", "Attawfiq", "AM-2024-0042")

    expect(page.locator(".flash-warning")).to_be_visible()
    expect(page.locator("#national_id")).to_have_value("")  # the CIN is not echoed back
    page.screenshot(path=f"/tmp/verify-{lang}-pending.png", full_page=True)
    assert state_of(app, supplier_id) == VerificationState.PENDING


def test_an_administrator_imports_a_file_and_reads_the_report(app, live_server, page, tmp_path):
    from app.accounts.models import Role
    from tests.factories import make_user

    with app.app_context():
        make_user(Role.ADMIN, email="admin-e2e@example.ma")
        db.session.commit()
    path = tmp_path / "amana-2026-11.csv"
    path.write_text("\ufeffinstitution;loan_reference;national_id;full_name;city;activity;status;disbursed_on;"
                    "closed_on\nAl Amana;AM-1;AB1;Fatima Zahra;Safi;Poterie;active;2024-01-15;\n"
                    "Al Amana;AM-2;AB2;=cmd|' /C calc'!A0;Fès;Cuir;lost;2024-01-15;\n", encoding="utf-8")
    set_language(page, live_server, "fr")
    log_in(page, live_server, "admin-e2e@example.ma", "/admin/imports")

    page.fill("#institution", "Al Amana")
    page.set_input_files("#file", str(path))
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/admin/imports/\d+$"))
    expect(page.locator(".import-counts")).to_contain_text("1")
    expect(page.locator(".bad-rows")).to_contain_text("lost")
    page.screenshot(path="/tmp/import-report-fr.png", full_page=True)
    page.goto(f"{live_server}/admin/imports")
    expect(page.locator("main table").first).to_contain_text("Al Amana")
    page.screenshot(path="/tmp/imports-fr.png", full_page=True)


def test_a_moderator_approves_a_pending_request_in_arabic(app, live_server, page):
    from app.accounts.models import Role
    from app.verification.services import request_verification
    from tests.factories import make_user

    with app.app_context():
        make_user(Role.MODERATOR, email="moderator-e2e@example.ma")
        make_microcredit_record(institution="Al Amana", loan_reference="AM-9", national_id="BE1",
                                full_name="Zineb Alaoui", status="repaid")
        supplier = make_supplier(verified=False, display_name="Zineb Alaoui")
        request_verification(supplier.id, "BE2", "Al Amana", "AM-9")
        db.session.commit()
        supplier_id = supplier.id
    set_language(page, live_server, "ar")
    log_in(page, live_server, "moderator-e2e@example.ma", "/admin/verifications")
    expect(page.locator(".verif-table")).to_contain_text("Zineb Alaoui")
    page.screenshot(path="/tmp/verifications-ar.png", full_page=True)

    page.locator(".verif-table a", has_text="Zineb Alaoui").click()
    page.screenshot(path="/tmp/verification-case-ar.png", full_page=True)
    page.locator("button[value=approve]").click()

    expect(page.locator(".flash")).to_be_visible()
    assert state_of(app, supplier_id) == VerificationState.VERIFIED
