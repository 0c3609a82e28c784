"""Verification decisions: a beneficiary's request, flags after a re-import, staff decisions, spot audits.

Every decision, automatic (actor None) or by staff, goes to the audit log; never with a CIN.
Services flush; the caller commits.
"""
from __future__ import annotations

import hmac
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from app.audit.services import record as audit
from app.db import utcnow
from app.errors import Conflict, Invalid, NotFound
from app.extensions import db
from app.suppliers.models import Supplier, VerificationState
from app.verification.cin import cin_hmac, loan_fingerprint, loan_hmac, loan_reference_columns
from app.verification.models import (
    ELIGIBLE_LOAN_STATUSES,
    LoanStatus,
    MicrocreditRecord,
    RequestKind,
    RequestState,
    VerificationRequest,
)

log = logging.getLogger(__name__)
S = VerificationState

# The supplier's verification states as data: where each may go, and nowhere else.
TRANSITIONS: dict[VerificationState, frozenset[VerificationState]] = {
    S.UNVERIFIED: frozenset({S.PENDING, S.VERIFIED}),
    S.PENDING: frozenset({S.VERIFIED, S.UNVERIFIED}),
    S.VERIFIED: frozenset({S.FLAGGED, S.SUSPENDED}),
    S.FLAGGED: frozenset({S.VERIFIED, S.SUSPENDED}),
    S.SUSPENDED: frozenset({S.VERIFIED}),
}
# States from which a matching request verifies at once; a flagged or suspended supplier waits for staff.
AUTO_VERIFIABLE = (S.UNVERIFIED, S.PENDING)



def N_(message: str) -> str:
    """Marks a msgid for extraction; translated where it is shown (`_(supplier.flag_reason)`)."""
    return message


# Stored in Supplier.flag_reason in English, shown translated.
FLAG_WRITTEN_OFF = N_("The institution reports this loan as written off.")
FLAG_MISSING = N_("The institution's latest file no longer lists this loan.")
FLAG_CIN_CHANGED = N_("The institution changed the national ID on this loan.")
AUTO_APPROVED = N_("Automatic: all three details match an eligible record.")
STANDARD_REASONS = frozenset({FLAG_WRITTEN_OFF, FLAG_MISSING, FLAG_CIN_CHANGED, AUTO_APPROVED})


def reason_text(reason: str) -> str:
    """A stored reason for display: ours are translated, staff's own words are shown as written.

    Never pass staff's words through a template's _(): Jinja would mark them safe and
    %-format them (markup injection, and a 500 on a stray '%').
    """
    return gettext(reason) if reason in STANDARD_REASONS else reason


class AlreadyVerified(Conflict):
    """The supplier is verified already: nothing to ask."""


def transition(supplier: Supplier, to: VerificationState) -> None:
    """Move a supplier's verification state, refusing moves the table does not allow."""
    if supplier.verification_state == to:
        return
    if to not in TRANSITIONS[supplier.verification_state]:
        raise Conflict(_l("This supplier's verification state has changed; please reload."),
                       frm=supplier.verification_state, to=to)
    supplier.verification_state = to


# ---------------------------------------------------------------- beneficiary's request

@dataclass
class Attempt:
    """What a verification attempt led to; `verified` is all the beneficiary may learn."""

    request: VerificationRequest
    verified: bool


def request_verification(supplier_id: int, cin: str, institution: str, loan_reference: str,
                         requested_by_id: int | None = None) -> Attempt:
    """Verify at once on a full match with an eligible record; otherwise queue a pending request for staff."""
    supplier = _supplier(supplier_id)
    if supplier.verification_state == S.VERIFIED:
        raise AlreadyVerified(_l("Your stand is already verified."))
    digest = cin_hmac(cin)
    record = find_record(institution, loan_reference, lock=True)
    outcome = _match_outcome(supplier, record, digest)
    details = {"institution": institution.strip()[:120], **loan_reference_columns(loan_reference),
               "national_id_hmac": digest, "matched_record_id": record.id if record else None}
    if outcome == "match":
        return Attempt(_auto_approve(supplier, record, details, requested_by_id), True)
    return Attempt(_queue(supplier, outcome, details, requested_by_id), False)


def _auto_approve(supplier: Supplier, record: MicrocreditRecord, details: dict,
                  requested_by_id: int | None) -> VerificationRequest:
    now = utcnow()
    _verify(supplier, record, now)
    request = VerificationRequest(supplier_id=supplier.id, kind=RequestKind.REQUEST, state=RequestState.APPROVED,
                                  decided_at=now, reason=AUTO_APPROVED, **details)
    db.session.add(request)
    db.session.flush()
    audit("verification.auto_approved", "supplier", supplier.id, None, request_id=request.id, record_id=record.id,
          institution=record.institution, loan=loan_fingerprint(record.institution, record.loan_reference_hmac),
          requested_by=requested_by_id)
    log.info("supplier %s verified automatically against record %s", supplier.id, record.id)
    return request


def _queue(supplier: Supplier, outcome: str, details: dict, requested_by_id: int | None) -> VerificationRequest:
    """Leave (or refresh) one pending case for staff; the outcome is recorded for them, never shown."""
    request = _open_request(supplier.id) or VerificationRequest(supplier_id=supplier.id, kind=RequestKind.REQUEST)
    for name, value in details.items():
        setattr(request, name, value)
    db.session.add(request)
    if supplier.verification_state == S.UNVERIFIED:
        transition(supplier, S.PENDING)
    db.session.flush()
    audit("verification.queued", "supplier", supplier.id, None, request_id=request.id, outcome=outcome,
          institution=details["institution"],
          loan=loan_fingerprint(details["institution"], details["loan_reference_hmac"]),
          requested_by=requested_by_id)
    log.info("supplier %s verification queued for staff (%s)", supplier.id, outcome)
    return request


def find_record(institution: str, loan_reference: str, lock: bool = False) -> MicrocreditRecord | None:
    """The record of one loan: one probe of the unique (institution, reference hash) index, whatever the volume.

    `lock` holds the row until commit, so two suppliers racing for one loan cannot both be verified by it.
    """
    query = select(MicrocreditRecord).where(MicrocreditRecord.institution == institution.strip(),
                                            MicrocreditRecord.loan_reference_hmac == loan_hmac(loan_reference))
    return db.session.scalar(query.with_for_update() if lock else query)


def _match_outcome(supplier: Supplier, record: MicrocreditRecord | None, digest: str) -> str:
    """Why an attempt does or does not verify: for staff and the audit log, never for the beneficiary."""
    if record is None:
        return "no_record"
    if not hmac.compare_digest(record.national_id_hmac, digest):
        return "cin_mismatch"
    if record.status not in ELIGIBLE_LOAN_STATUSES:
        return "ineligible_status"
    if record.missing_since is not None:
        return "record_missing"
    if supplier.verification_state not in AUTO_VERIFIABLE:
        return "supplier_" + supplier.verification_state.value
    taken = db.session.scalar(select(Supplier.id).where(
        Supplier.microcredit_record_id == record.id, Supplier.id != supplier.id))
    # One loan vouches for one supplier: someone who learnt a borrower's details cannot claim them twice.
    return "record_taken" if taken else "match"


def _open_request(supplier_id: int) -> VerificationRequest | None:
    """The supplier's pending request, reused so repeated attempts make one case, not many."""
    return db.session.scalar(select(VerificationRequest).where(
        VerificationRequest.supplier_id == supplier_id, VerificationRequest.kind == RequestKind.REQUEST,
        VerificationRequest.state == RequestState.PENDING))


def _verify(supplier: Supplier, record: MicrocreditRecord | None, now) -> None:
    transition(supplier, S.VERIFIED)
    if record is not None:
        supplier.microcredit_record_id = record.id
    supplier.verified_at = now
    supplier.flag_reason = ""


def _supplier(supplier_id: int) -> Supplier:
    supplier = db.session.get(Supplier, supplier_id)
    if supplier is None:
        raise NotFound(_l("This supplier does not exist."))
    return supplier


def latest_request(supplier_id: int) -> VerificationRequest | None:
    """The supplier's most recent own request (to tell them it is pending or why it was refused)."""
    return db.session.scalar(select(VerificationRequest).where(
        VerificationRequest.supplier_id == supplier_id, VerificationRequest.kind == RequestKind.REQUEST,
    ).order_by(VerificationRequest.id.desc()).limit(1))


# ---------------------------------------------------------------- flags after a re-import

def flag_ineligible_suppliers(institution: str, import_id: int | None = None,
                              cin_changed: Iterable[int] = ()) -> list[Supplier]:
    """Flag verified suppliers whose record is now written off, missing or re-keyed; nothing is removed."""
    cin_changed = set(cin_changed)
    conditions = [MicrocreditRecord.status == LoanStatus.WRITTEN_OFF, MicrocreditRecord.missing_since.is_not(None)]
    if cin_changed:
        conditions.append(MicrocreditRecord.id.in_(cin_changed))
    rows = db.session.execute(
        select(Supplier, MicrocreditRecord)
        .join(MicrocreditRecord, Supplier.microcredit_record_id == MicrocreditRecord.id)
        .where(MicrocreditRecord.institution == institution, Supplier.verification_state == S.VERIFIED,
               or_(*conditions))
    ).all()
    flagged = []
    for supplier, record in rows:
        flagged.append(_flag(supplier, record, _flag_reason(record, cin_changed), import_id))
    if flagged:
        db.session.flush()
    return flagged


def _flag_reason(record: MicrocreditRecord, cin_changed: set[int]) -> str:
    if record.status == LoanStatus.WRITTEN_OFF:
        return FLAG_WRITTEN_OFF
    if record.missing_since is not None:
        return FLAG_MISSING
    return FLAG_CIN_CHANGED


def _flag(supplier: Supplier, record: MicrocreditRecord, reason: str, import_id: int | None) -> Supplier:
    transition(supplier, S.FLAGGED)
    supplier.flag_reason = reason
    request = VerificationRequest(supplier_id=supplier.id, kind=RequestKind.FLAG, institution=record.institution,
                                  loan_reference_hmac=record.loan_reference_hmac,
                                  loan_reference_end=record.loan_reference_end, matched_record_id=record.id,
                                  reason=reason)
    db.session.add(request)
    db.session.flush()
    audit("verification.flagged", "supplier", supplier.id, None, request_id=request.id, record_id=record.id,
          institution=record.institution, loan=loan_fingerprint(record.institution, record.loan_reference_hmac),
          reason=reason, import_id=import_id)
    log.info("supplier %s flagged after import %s: record %s", supplier.id, import_id, record.id)
    return supplier


# ---------------------------------------------------------------- staff decisions

# (kind, approved) -> (audit action, supplier state after the decision, or None to leave it)
DECISIONS = {
    (RequestKind.REQUEST, True): ("verification.approved", S.VERIFIED),
    (RequestKind.REQUEST, False): ("verification.refused", None),
    (RequestKind.FLAG, True): ("verification.flag_cleared", S.VERIFIED),
    (RequestKind.FLAG, False): ("verification.suspended", S.SUSPENDED),
    (RequestKind.SPOT_AUDIT, True): ("verification.spot_audit_passed", None),
    (RequestKind.SPOT_AUDIT, False): ("verification.spot_audit_failed", S.SUSPENDED),
}


def decide(request_id: int, actor_id: int, approve: bool, reason: str = "") -> VerificationRequest:
    """Staff approve or refuse a pending case (a refusal needs a reason); the supplier's state follows."""
    reason = (reason or "").strip()
    if not approve and not reason:
        raise Invalid(_l("Give a reason for the refusal: the beneficiary will read it."))
    request = _pending_case(request_id)
    supplier = _supplier(request.supplier_id)
    previous = supplier.verification_state
    action, target = _decision(request.kind, approve, previous)
    now = utcnow()
    if target == S.VERIFIED:
        _verify(supplier, request.matched_record, now)
    elif target is not None:
        transition(supplier, target)
        if target == S.SUSPENDED:
            supplier.flag_reason = reason[:255]
    request.state = RequestState.APPROVED if approve else RequestState.REFUSED
    request.reason, request.decided_at, request.decided_by_id = reason[:500], now, actor_id
    audit(action, "supplier", supplier.id, actor_id, request_id=request.id, kind=request.kind.value,
          reason=reason[:500], before=previous.value, after=supplier.verification_state.value)
    db.session.flush()
    return request


def _pending_case(request_id: int) -> VerificationRequest:
    """The case, locked so two staff members cannot decide it at once; refused unless still pending."""
    request = db.session.scalar(
        select(VerificationRequest).where(VerificationRequest.id == request_id).with_for_update())
    if request is None:
        raise NotFound(_l("This verification case does not exist."))
    if request.state != RequestState.PENDING:
        raise Conflict(_l("This case has already been decided."))
    return request


def _decision(kind: RequestKind, approve: bool, previous: S) -> tuple[str, S | None]:
    """The audit action and the supplier's next state (None: unchanged) for a decision on a case."""
    action, target = DECISIONS[(kind, approve)]
    if kind == RequestKind.REQUEST and not approve and previous == S.PENDING:
        target = S.UNVERIFIED
    if kind == RequestKind.FLAG and approve and previous != S.FLAGGED:
        target = None  # clearing a flag never lifts a suspension decided on another case
    return action, target
