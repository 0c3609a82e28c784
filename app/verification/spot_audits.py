"""Spot audits: a random sample of verified suppliers per institution, re-checked by hand and reported.

As microfinance platforms audit their field partners: the sample is drawn per institution so
each one's files are tested, and results are counted per institution.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.audit.services import record as audit
from app.errors import Invalid
from app.extensions import db
from app.suppliers.models import Supplier, VerificationState
from app.verification.models import MicrocreditRecord, RequestKind, RequestState, VerificationRequest


def draw_spot_audits(size: int = 10, actor_id: int | None = None, rng: random.Random | None = None) -> dict[str, int]:
    """Queue a random sample of verified suppliers of each institution for a manual re-check."""
    if not 1 <= size <= 1000:
        raise Invalid(_l("The sample size must be between 1 and 1000."))
    rng = rng or random.SystemRandom()
    already = select(VerificationRequest.supplier_id).where(
        VerificationRequest.kind == RequestKind.SPOT_AUDIT, VerificationRequest.state == RequestState.PENDING)
    rows = db.session.execute(
        select(Supplier.id, MicrocreditRecord.id, MicrocreditRecord.institution, MicrocreditRecord.loan_reference_hmac,
               MicrocreditRecord.loan_reference_end)
        .join(MicrocreditRecord, Supplier.microcredit_record_id == MicrocreditRecord.id)
        .where(Supplier.verification_state == VerificationState.VERIFIED, Supplier.id.not_in(already))
        .order_by(Supplier.id)
    ).all()
    by_institution: dict[str, list] = {}
    for row in rows:
        by_institution.setdefault(row[2], []).append(row)
    drawn = {}
    for institution, candidates in sorted(by_institution.items()):
        sample = rng.sample(candidates, min(size, len(candidates)))
        requests = [VerificationRequest(supplier_id=s_id, kind=RequestKind.SPOT_AUDIT, institution=institution,
                                        loan_reference_hmac=ref, loan_reference_end=end, matched_record_id=r_id)
                    for s_id, r_id, _, ref, end in sample]
        db.session.add_all(requests)
        db.session.flush()
        audit("verification.spot_audit_drawn", "institution", None, actor_id, institution=institution,
              size=size, drawn=len(requests), request_ids=[r.id for r in requests])
        drawn[institution] = len(requests)
    return drawn


@dataclass
class InstitutionAudits:
    institution: str
    pending: int = 0
    passed: int = 0
    failed: int = 0
    last_drawn_at: object = None

    @property
    def drawn(self) -> int:
        return self.pending + self.passed + self.failed


def spot_audit_report() -> list[InstitutionAudits]:
    """Spot audits per institution: drawn, still pending, passed and failed."""
    rows = db.session.execute(
        select(VerificationRequest.institution, VerificationRequest.state, func.count(),
               func.max(VerificationRequest.created_at))
        .where(VerificationRequest.kind == RequestKind.SPOT_AUDIT)
        .group_by(VerificationRequest.institution, VerificationRequest.state)
    ).all()
    report: dict[str, InstitutionAudits] = {}
    field = {RequestState.PENDING: "pending", RequestState.APPROVED: "passed", RequestState.REFUSED: "failed"}
    for institution, state, count, last in rows:
        entry = report.setdefault(institution, InstitutionAudits(institution))
        setattr(entry, field[state], count)
        entry.last_drawn_at = max(filter(None, (entry.last_drawn_at, last)), default=None)
    return sorted(report.values(), key=lambda e: e.institution.casefold())
