"""Verification review for staff: the cases with their record (never a CIN), decisions, spot audits."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.extensions import db
from app.suppliers.models import Supplier, VerificationState
from app.verification.models import RequestKind, VerificationRequest
from app.verification.services import request_verification
from app.verification.spot_audits import draw_spot_audits
from tests.factories import make_microcredit_record, make_supplier, make_verified_supplier
from tests.helpers import log_in_new_user

STAFF_PAGES = ["/admin/verifications", "/admin/verifications/spot-audits", "/admin/verifications/1"]


@pytest.fixture(autouse=True)
def in_english(client):
    """Pages are read in English, whatever catalogues exist."""
    client.set_cookie("lang", "en")


@pytest.fixture
def moderator(app, client):
    return log_in_new_user(app, client, Role.MODERATOR)


@pytest.fixture
def pending_case(app):
    """Fatima asked with the right CIN but a written-off loan: a pending request."""
    with app.app_context():
        make_microcredit_record(loan_reference="LR-1", national_id="AB123456", status="written_off",
                                full_name="Fatima Zahra Record")
        supplier = make_supplier(verified=False, display_name="Fatima Stand")
        attempt = request_verification(supplier.id, "AB123456", "Al Amana", "LR-1")
        db.session.commit()
        return attempt.request.id


@pytest.mark.parametrize("url", STAFF_PAGES)
@pytest.mark.parametrize("role", [Role.SHOPPER, Role.BENEFICIARY, Role.OVERSIGHT, Role.GROUP_MANAGER])
def test_only_staff_may_open_verification_pages(app, client, url, role):
    log_in_new_user(app, client, role)

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", ["/admin/verifications/1/decision", "/admin/verifications/spot-audits"])
def test_non_staff_cannot_post_decisions(app, client, url):
    log_in_new_user(app, client, Role.BENEFICIARY)

    assert client.post(url, data={"decision": "approve"}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/admin/verifications").status_code == 302


def test_pending_requests_show_the_record_but_never_the_cin(client, moderator, pending_case):
    page = client.get("/admin/verifications").get_data(as_text=True)

    assert "Fatima Stand" in page and "Fatima Zahra Record" in page and "…R-1" in page
    assert "Al Amana" in page and "written off" in page and "CIN matches" in page
    assert "AB123456" not in page


def test_the_case_page_shows_the_record_and_the_decision_form(client, moderator, pending_case):
    page = client.get(f"/admin/verifications/{pending_case}").get_data(as_text=True)

    assert "Fatima Zahra Record" in page and 'name="decision" value="approve"' in page and "AB123456" not in page


def test_a_moderator_approves_a_request_and_it_is_audited(app, client, moderator, pending_case):
    response = client.post(f"/admin/verifications/{pending_case}/decision", data={"decision": "approve"})

    assert response.status_code == 303
    with app.app_context():
        supplier = db.session.scalar(select(Supplier))
        assert supplier.verification_state == VerificationState.VERIFIED
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "verification.approved"))
        assert entry.actor_id == moderator and entry.object_id == supplier.id and entry.created_at


def test_refusing_without_a_reason_is_refused_with_a_message(app, client, moderator, pending_case):
    response = client.post(f"/admin/verifications/{pending_case}/decision", data={"decision": "refuse"})

    assert response.status_code == 422 and "Give a reason" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Supplier)).verification_state == VerificationState.PENDING


def test_refusing_with_a_reason_records_it(app, client, moderator, pending_case):
    client.post(f"/admin/verifications/{pending_case}/decision",
                data={"decision": "refuse", "reason": "Loan written off"})

    with app.app_context():
        case = db.session.get(VerificationRequest, pending_case)
        assert case.reason == "Loan written off" and case.decided_by_id == moderator
        assert case.supplier.verification_state == VerificationState.UNVERIFIED


def test_a_case_decided_meanwhile_answers_409(client, moderator, pending_case):
    client.post(f"/admin/verifications/{pending_case}/decision", data={"decision": "approve"})

    response = client.post(f"/admin/verifications/{pending_case}/decision", data={"decision": "approve"})

    assert response.status_code == 409


def test_an_unknown_decision_is_422(client, moderator, pending_case):
    assert client.post(f"/admin/verifications/{pending_case}/decision", data={"decision": "maybe"}).status_code == 422


def test_flagged_suppliers_have_their_own_tab_with_suspend(app, client, moderator):
    import io

    from app.verification.imports import import_file

    with app.app_context():
        record = make_microcredit_record(loan_reference="LR-7")
        make_verified_supplier(record, display_name="Flagged Stand")
        header = "institution,loan_reference,national_id,full_name,city,activity,status,disbursed_on,closed_on\n"
        body = "Al Amana,LR-7,AB123456,Amina,Safi,Pottery,written_off,2024-01-15,\n"
        import_file(io.BytesIO((header + body).encode()), "Al Amana")
        db.session.commit()
        case_id = db.session.scalar(select(VerificationRequest.id).where(VerificationRequest.kind == RequestKind.FLAG))

    page = client.get("/admin/verifications?kind=flag").get_data(as_text=True)
    assert "Flagged Stand" in page and "written off" in page
    assert "Suspend" in client.get(f"/admin/verifications/{case_id}").get_data(as_text=True)

    client.post(f"/admin/verifications/{case_id}/decision", data={"decision": "refuse", "reason": "Fraud"})
    with app.app_context():
        assert db.session.scalar(select(Supplier)).verification_state == VerificationState.SUSPENDED


def test_a_bad_kind_in_the_url_is_400(client, moderator):
    assert client.get("/admin/verifications?kind=everything").status_code == 400


def test_the_spot_audit_button_draws_a_sample_and_the_report_counts_it(app, client, moderator):
    with app.app_context():
        for _ in range(3):
            make_verified_supplier(make_microcredit_record(institution="Attawfiq"))
        db.session.commit()

    response = client.post("/admin/verifications/spot-audits", data={"size": "2"}, follow_redirects=True)

    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "2 supplier(s) queued" in page and "Attawfiq" in page
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "verification.spot_audit_drawn"))
        assert entry.actor_id == moderator and entry.details["drawn"] == 2


def test_a_spot_audit_sample_size_out_of_range_is_422(client, moderator):
    assert client.post("/admin/verifications/spot-audits", data={"size": "0"}).status_code == 422


def test_spot_audit_cases_can_be_passed(app, client, moderator):
    with app.app_context():
        make_verified_supplier(make_microcredit_record(institution="Attawfiq"))
        draw_spot_audits(size=1)
        db.session.commit()
        case_id = db.session.scalar(select(VerificationRequest.id))

    client.post(f"/admin/verifications/{case_id}/decision", data={"decision": "approve", "reason": "Met at the fair"})

    page = client.get("/admin/verifications/spot-audits").get_data(as_text=True)
    assert "Attawfiq" in page
    with app.app_context():
        assert db.session.scalar(select(Supplier)).verification_state == VerificationState.VERIFIED


def test_the_case_shows_other_loans_of_the_same_person_to_help_with_a_mistyped_reference(app, client, moderator):
    with app.app_context():
        make_microcredit_record(institution="Attawfiq", loan_reference="AT-77", national_id="AB123456",
                                full_name="Fatima Other Loan")
        make_microcredit_record(loan_reference="LR-55", national_id="ZZ999", full_name="Someone Else")
        supplier = make_supplier(verified=False)
        case_id = request_verification(supplier.id, "AB123456", "Al Amana", "LR-TYPO").request.id
        db.session.commit()

    page = client.get(f"/admin/verifications/{case_id}").get_data(as_text=True)

    assert "Fatima Other Loan" in page and "…-77" in page and "Someone Else" not in page


def test_staff_reasons_are_shown_escaped_and_never_formatted(app, client, moderator, pending_case):
    reason = '<script>alert(1)</script> 100% %(oops)s'
    client.post(f"/admin/verifications/{pending_case}/decision", data={"decision": "refuse", "reason": reason})

    response = client.get("/admin/verifications?kind=request&state=refused")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; 100% %(oops)s" in page
    case = client.get(f"/admin/verifications/{pending_case}")
    assert case.status_code == 200 and "<script>alert(1)" not in case.get_data(as_text=True)


def test_a_suspension_reason_is_shown_escaped_on_the_flag_case(app, client, moderator):
    with app.app_context():
        supplier_id = make_verified_supplier(make_microcredit_record(institution="Attawfiq")).id
        draw_spot_audits(size=1)
        db.session.commit()
        case_id = db.session.scalar(select(VerificationRequest.id))
    client.post(f"/admin/verifications/{case_id}/decision", data={"decision": "refuse", "reason": "<b>x</b> 5%"})

    page = client.get(f"/admin/verifications/{case_id}").get_data(as_text=True)

    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt; 5%" in page
    with app.app_context():
        assert db.session.get(Supplier, supplier_id).flag_reason == "<b>x</b> 5%"


def test_markup_from_an_institution_file_is_shown_as_text(app, client, moderator):
    with app.app_context():
        make_microcredit_record(loan_reference="LR-X", full_name="<img src=x onerror=alert(1)>")
        supplier = make_supplier(verified=False)
        request_verification(supplier.id, "ZZ000000", "Al Amana", "LR-X")
        db.session.commit()

    page = client.get("/admin/verifications").get_data(as_text=True)

    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_case_page_shows_who_decided_what_and_when(app, client, moderator, pending_case):
    client.post(f"/admin/verifications/{pending_case}/decision", data={"decision": "refuse", "reason": "No loan"})

    page = client.get(f"/admin/verifications/{pending_case}").get_data(as_text=True)

    history = page[page.index("History"):]
    assert "verification.refused" in history and "No loan" in history
    assert "verification.queued" in history and "automatic" in history
