"""Reads of the verification domain, named for who sees them (staff only, except known_institutions)."""
from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.verification.models import MicrocreditImport, MicrocreditRecord, RequestKind, RequestState, VerificationRequest


def known_institutions() -> list[str]:
    """Institutions that have delivered records: the choices offered to a beneficiary."""
    return sorted(db.session.scalars(select(MicrocreditRecord.institution).distinct()), key=str.casefold)


def cases_for_staff(kind: RequestKind | None, state: RequestState = RequestState.PENDING) -> Select:
    """Cases of one kind (or all) in one state, oldest first, with supplier and matched record loaded."""
    query = (select(VerificationRequest)
             .options(joinedload(VerificationRequest.supplier), joinedload(VerificationRequest.matched_record))
             .where(VerificationRequest.state == state))
    if kind is not None:
        query = query.where(VerificationRequest.kind == kind)
    if state == RequestState.PENDING:
        return query.order_by(VerificationRequest.created_at.asc(), VerificationRequest.id)
    return query.order_by(VerificationRequest.decided_at.desc(), VerificationRequest.id.desc())


def case_for_staff(request_id: int) -> VerificationRequest | None:
    return db.session.scalar(select(VerificationRequest).options(
        joinedload(VerificationRequest.supplier), joinedload(VerificationRequest.matched_record),
    ).where(VerificationRequest.id == request_id))


def pending_counts() -> dict[RequestKind, int]:
    """How many cases of each kind wait for staff (the tabs' counters)."""
    rows = db.session.execute(select(VerificationRequest.kind, func.count())
                              .where(VerificationRequest.state == RequestState.PENDING)
                              .group_by(VerificationRequest.kind)).all()
    return {kind: 0 for kind in RequestKind} | dict(rows)


def recent_imports() -> Select:
    return select(MicrocreditImport).order_by(MicrocreditImport.created_at.desc(), MicrocreditImport.id.desc())


def records_sharing_the_cin(case: VerificationRequest, limit: int = 10) -> list[MicrocreditRecord]:
    """Other loans of the same person (same CIN fingerprint): helps staff when a reference was mistyped."""
    if not case.national_id_hmac:
        return []
    query = select(MicrocreditRecord).where(MicrocreditRecord.national_id_hmac == case.national_id_hmac)
    if case.matched_record_id:
        query = query.where(MicrocreditRecord.id != case.matched_record_id)
    return list(db.session.scalars(query.order_by(MicrocreditRecord.institution, MicrocreditRecord.loan_reference)
                                   .limit(limit)))
