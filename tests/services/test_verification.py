"""A beneficiary's verification request: a full match verifies at once, anything else waits for staff."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.extensions import db
from app.suppliers.models import VerificationState
from app.verification.cin import loan_hmac
from app.verification.models import RequestKind, RequestState, VerificationRequest
from app.verification.services import AlreadyVerified, request_verification
from tests.factories import make_microcredit_record, make_supplier, make_verified_supplier


def ask(supplier, cin="AB123456", institution="Al Amana", reference="LR-1"):
    attempt = request_verification(supplier.id, cin, institution, reference, requested_by_id=supplier.user_id)
    db.session.commit()
    return attempt


def audit_actions() -> list[tuple[str, int | None]]:
    return [(e.action, e.actor_id) for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


@pytest.mark.parametrize("status", ["active", "repaid"])
def test_a_full_match_on_an_eligible_record_verifies_at_once(app_ctx, status):
    record = make_microcredit_record(loan_reference="LR-1", status=status)
    supplier = make_supplier(verified=False)

    attempt = ask(supplier)

    assert attempt.verified
    assert supplier.verification_state == VerificationState.VERIFIED
    assert supplier.microcredit_record_id == record.id and supplier.verified_at is not None
    assert attempt.request.state == RequestState.APPROVED
    assert audit_actions() == [("verification.auto_approved", None)]


def test_the_cin_is_compared_whatever_its_case_and_spaces(app_ctx):
    make_microcredit_record(loan_reference="LR-1", national_id="AB123456")
    supplier = make_supplier(verified=False)

    assert ask(supplier, cin=" ab 123 456 ").verified


def test_reference_spaces_around_are_ignored(app_ctx):
    make_microcredit_record(loan_reference="LR-1")

    assert ask(make_supplier(verified=False), reference="  LR-1 ").verified


@pytest.mark.parametrize("cin, institution, reference", [
    ("ZZ999999", "Al Amana", "LR-1"),     # wrong CIN
    ("AB123456", "Attawfiq", "LR-1"),     # wrong institution
    ("AB123456", "Al Amana", "LR-2"),     # wrong reference
])
def test_any_wrong_detail_leaves_a_pending_request_for_staff(app_ctx, cin, institution, reference):
    make_microcredit_record(loan_reference="LR-1")
    supplier = make_supplier(verified=False)

    attempt = ask(supplier, cin, institution, reference)

    assert not attempt.verified
    assert supplier.verification_state == VerificationState.PENDING and supplier.microcredit_record_id is None
    assert attempt.request.state == RequestState.PENDING and attempt.request.kind == RequestKind.REQUEST
    assert audit_actions() == [("verification.queued", None)]


def test_a_written_off_record_does_not_verify(app_ctx):
    make_microcredit_record(loan_reference="LR-1", status="written_off")
    supplier = make_supplier(verified=False)

    assert not ask(supplier).verified
    assert supplier.verification_state == VerificationState.PENDING


def test_a_record_missing_from_the_latest_file_does_not_verify(app_ctx):
    from app.db import utcnow

    make_microcredit_record(loan_reference="LR-1", missing_since=utcnow())

    assert not ask(make_supplier(verified=False)).verified


def test_a_loan_already_vouching_for_another_supplier_does_not_verify_a_second(app_ctx):
    record = make_microcredit_record(loan_reference="LR-1")
    make_verified_supplier(record)
    impostor = make_supplier(verified=False)

    attempt = ask(impostor)

    assert not attempt.verified and impostor.verification_state == VerificationState.PENDING
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "verification.queued"))
    assert entry.details["outcome"] == "record_taken"


def test_repeated_failures_make_one_case_not_many(app_ctx):
    make_microcredit_record(loan_reference="LR-1")
    supplier = make_supplier(verified=False)

    for reference in ("X-1", "X-2", "X-3"):
        ask(supplier, reference=reference)

    cases = list(db.session.scalars(select(VerificationRequest)))
    assert len(cases) == 1 and cases[0].loan_reference_hmac == loan_hmac("X-3")


def test_a_later_full_match_verifies_a_pending_supplier(app_ctx):
    make_microcredit_record(loan_reference="LR-1")
    supplier = make_supplier(verified=False)
    ask(supplier, reference="typo")

    assert ask(supplier).verified
    assert supplier.verification_state == VerificationState.VERIFIED


def test_a_suspended_supplier_cannot_verify_themself_again(app_ctx):
    make_microcredit_record(loan_reference="LR-1")
    supplier = make_verified_supplier(make_microcredit_record())
    supplier.verification_state = VerificationState.SUSPENDED

    assert not ask(supplier).verified
    assert supplier.verification_state == VerificationState.SUSPENDED


def test_an_already_verified_supplier_is_told_so(app_ctx):
    supplier = make_verified_supplier()

    with pytest.raises(AlreadyVerified):
        request_verification(supplier.id, "AB123456", "Al Amana", "LR-1")


def test_the_request_keeps_only_the_hash_of_the_cin(app_ctx):
    make_microcredit_record(loan_reference="LR-1")

    attempt = ask(make_supplier(verified=False), cin="QQ777777")

    assert "QQ777777" not in repr(vars(attempt.request)) and len(attempt.request.national_id_hmac) == 64
