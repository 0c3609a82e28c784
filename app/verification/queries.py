"""Reads of the verification domain, named for who sees them (staff only, except known_institutions)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, String, func, select, type_coerce
from sqlalchemy.orm import joinedload

from app.audit.models import AuditEntry
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
    return list(db.session.scalars(query.order_by(MicrocreditRecord.institution, MicrocreditRecord.id)
                                   .limit(limit)))


@dataclass
class InstitutionRecords:
    institution: str
    active: int = 0
    repaid: int = 0
    written_off: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.active + self.repaid + self.written_off


def records_per_institution() -> list[InstitutionRecords]:
    """What each institution's files hold, by loan status, and how many records its latest file dropped."""
    rows = db.session.execute(
        select(MicrocreditRecord.institution, type_coerce(MicrocreditRecord.status, String), func.count(),
               func.count(MicrocreditRecord.missing_since))
        .group_by(MicrocreditRecord.institution, MicrocreditRecord.status)).all()
    summary: dict[str, InstitutionRecords] = {}
    for institution, status, count, missing in rows:
        entry = summary.setdefault(institution, InstitutionRecords(institution))
        setattr(entry, status, count)
        entry.missing += missing
    return sorted(summary.values(), key=lambda e: e.institution.casefold())


def verification_history(supplier_id: int, limit: int = 50) -> list[AuditEntry]:
    """Every verification decision about one supplier, newest first, with who made it (None: automatic)."""
    return list(db.session.scalars(
        select(AuditEntry).options(joinedload(AuditEntry.actor))
        .where(AuditEntry.object_type == "supplier", AuditEntry.object_id == supplier_id,
               AuditEntry.action.startswith("verification."))
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)))
