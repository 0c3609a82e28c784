"""A re-import that makes a verified supplier's record ineligible flags them; staff confirm or suspend."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.errors import Conflict, Invalid
from app.extensions import db
from app.suppliers.models import VerificationState
from app.verification.imports import import_file
from app.verification.models import MicrocreditRecord, RequestKind, RequestState, VerificationRequest
from app.verification.services import FLAG_MISSING, FLAG_WRITTEN_OFF, decide, transition
from tests.factories import make_microcredit_record, make_supplier, make_user, make_verified_supplier

HEADER = "institution,loan_reference,national_id,full_name,city,activity,status,disbursed_on,closed_on\n"


def reimport(*rows: tuple[str, str], partial: bool = False):
    body = "".join(f"Al Amana,{ref},AB123456,Fatima,Safi,Pottery,{status},2024-01-15,\n" for ref, status in rows)
    run = import_file(io.BytesIO((HEADER + body).encode()), "Al Amana", partial=partial)
    db.session.commit()
    return run


@pytest.fixture
def verified(app_ctx):
    """A supplier verified against loan LR-1 of Al Amana; LR-2 belongs to nobody."""
    record = make_microcredit_record(loan_reference="LR-1")
    make_microcredit_record(loan_reference="LR-2")
    supplier = make_verified_supplier(record)
    db.session.commit()
    return supplier


@pytest.fixture
def staff(app_ctx):
    from app.accounts.models import Role

    return make_user(Role.MODERATOR)


def flag_case(supplier) -> VerificationRequest:
    return db.session.scalar(select(VerificationRequest).where(
        VerificationRequest.supplier_id == supplier.id, VerificationRequest.kind == RequestKind.FLAG))


def test_a_written_off_record_flags_its_verified_supplier(verified):
    run = reimport(("LR-1", "written_off"), ("LR-2", "active"))

    assert run.suppliers_flagged == 1
    assert verified.verification_state == VerificationState.FLAGGED and verified.flag_reason == FLAG_WRITTEN_OFF
    case = flag_case(verified)
    assert case.state == RequestState.PENDING and case.matched_record_id == verified.microcredit_record_id
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "verification.flagged"))
    assert entry.actor_id is None and entry.object_id == verified.id and entry.details["import_id"] == run.id


def test_a_record_dropped_from_a_full_file_flags_its_supplier_without_removing_anything(verified):
    reimport(("LR-2", "active"))

    assert verified.verification_state == VerificationState.FLAGGED and verified.flag_reason == FLAG_MISSING
    record = db.session.get(MicrocreditRecord, verified.microcredit_record_id)
    assert record is not None and record.missing_since is not None


def test_a_partial_file_flags_nobody_for_what_it_does_not_list(verified):
    run = reimport(("LR-2", "repaid"), partial=True)

    assert run.suppliers_flagged == 0 and verified.verification_state == VerificationState.VERIFIED


def test_an_eligible_status_change_flags_nobody(verified):
    reimport(("LR-1", "repaid"), ("LR-2", "active"))

    assert verified.verification_state == VerificationState.VERIFIED


def test_a_changed_national_id_on_the_loan_flags_its_supplier(verified):
    body = HEADER + "Al Amana,LR-1,ZZ000001,Fatima,Safi,Pottery,active,2024-01-15,\n"
    import_file(io.BytesIO(body.encode()), "Al Amana", partial=True)
    db.session.commit()

    assert verified.verification_state == VerificationState.FLAGGED


def test_a_supplier_already_flagged_is_not_flagged_twice(verified):
    reimport(("LR-1", "written_off"), ("LR-2", "active"))
    reimport(("LR-2", "active"))

    cases = db.session.scalars(select(VerificationRequest).where(VerificationRequest.kind == RequestKind.FLAG))
    assert len(list(cases)) == 1


def test_staff_confirming_a_flag_verifies_the_supplier_again(verified, staff):
    reimport(("LR-1", "written_off"), ("LR-2", "active"))

    decide(flag_case(verified).id, staff.id, approve=True, reason="Loan rescheduled, checked by phone")
    db.session.commit()

    assert verified.verification_state == VerificationState.VERIFIED and verified.flag_reason == ""
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "verification.flag_cleared"))
    assert entry.actor_id == staff.id and entry.details["reason"] == "Loan rescheduled, checked by phone"
    assert entry.created_at is not None


def test_staff_suspending_a_flagged_supplier_hides_them(verified, staff):
    reimport(("LR-1", "written_off"), ("LR-2", "active"))

    decide(flag_case(verified).id, staff.id, approve=False, reason="Written off for fraud")
    db.session.commit()

    assert verified.verification_state == VerificationState.SUSPENDED and not verified.is_public
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "verification.suspended"))
    assert entry.actor_id == staff.id and entry.details["before"] == "flagged" and entry.details["after"] == "suspended"


def test_refusing_needs_a_reason(verified, staff):
    reimport(("LR-1", "written_off"), ("LR-2", "active"))

    with pytest.raises(Invalid):
        decide(flag_case(verified).id, staff.id, approve=False, reason="  ")


def test_a_case_cannot_be_decided_twice(verified, staff):
    reimport(("LR-1", "written_off"), ("LR-2", "active"))
    case_id = flag_case(verified).id
    decide(case_id, staff.id, approve=True)
    db.session.commit()

    with pytest.raises(Conflict):
        decide(case_id, staff.id, approve=False, reason="too late")


def test_staff_approving_a_pending_request_verifies_with_the_record_it_names(app_ctx, staff):
    from app.verification.services import request_verification

    record = make_microcredit_record(loan_reference="LR-9", status="written_off")
    supplier = make_supplier(verified=False)
    attempt = request_verification(supplier.id, "AB123456", "Al Amana", "LR-9")

    decide(attempt.request.id, staff.id, approve=True, reason="Written off after the stand opened; accepted")
    db.session.commit()

    assert supplier.verification_state == VerificationState.VERIFIED and supplier.microcredit_record_id == record.id


def test_staff_refusing_a_pending_request_sends_the_supplier_back_to_unverified(app_ctx, staff):
    from app.verification.services import request_verification

    supplier = make_supplier(verified=False)
    attempt = request_verification(supplier.id, "AB123456", "Al Amana", "nothing")

    case = decide(attempt.request.id, staff.id, approve=False, reason="No such loan at Al Amana")
    db.session.commit()

    assert supplier.verification_state == VerificationState.UNVERIFIED
    assert case.state == RequestState.REFUSED and case.decided_by_id == staff.id and case.decided_at is not None


def test_the_transition_table_refuses_illegal_moves(app_ctx):
    supplier = make_supplier(verified=False)

    with pytest.raises(Conflict):
        transition(supplier, VerificationState.FLAGGED)


def test_clearing_a_flag_does_not_lift_a_suspension_decided_on_another_case(verified, staff):
    from app.verification.spot_audits import draw_spot_audits

    draw_spot_audits(size=1)
    reimport(("LR-1", "written_off"), ("LR-2", "active"))
    audit_case = db.session.scalar(
        select(VerificationRequest).where(VerificationRequest.kind == RequestKind.SPOT_AUDIT))
    decide(audit_case.id, staff.id, approve=False, reason="Not the borrower")

    decide(flag_case(verified).id, staff.id, approve=True)

    assert verified.verification_state == VerificationState.SUSPENDED
