"""Spot audits: a random sample of verified suppliers per institution, re-checked by hand, reported."""
from __future__ import annotations

import random
import re

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.errors import Invalid
from app.extensions import db
from app.suppliers.models import VerificationState
from app.verification.models import RequestKind, VerificationRequest
from app.verification.services import decide
from app.verification.spot_audits import draw_spot_audits, spot_audit_report
from tests.factories import make_microcredit_record, make_supplier, make_user, make_verified_supplier


def verified_suppliers(institution: str, count: int) -> list:
    return [make_verified_supplier(make_microcredit_record(institution=institution)) for _ in range(count)]


def audits() -> list[VerificationRequest]:
    query = select(VerificationRequest).where(VerificationRequest.kind == RequestKind.SPOT_AUDIT)
    return list(db.session.scalars(query))


def test_a_sample_of_the_given_size_is_drawn_per_institution(app_ctx):
    verified_suppliers("Al Amana", 5)
    verified_suppliers("Attawfiq", 2)
    make_supplier(verified=False)

    drawn = draw_spot_audits(size=3, rng=random.Random(1))

    assert drawn == {"Al Amana": 3, "Attawfiq": 2}
    assert {(a.institution, a.state.value) for a in audits()} == {("Al Amana", "pending"), ("Attawfiq", "pending")}


def test_only_verified_suppliers_are_drawn(app_ctx):
    flagged = verified_suppliers("Al Amana", 1)[0]
    flagged.verification_state = VerificationState.FLAGGED

    assert draw_spot_audits(size=10) == {}


def test_a_supplier_with_a_pending_audit_is_not_drawn_again(app_ctx):
    verified_suppliers("Al Amana", 2)
    draw_spot_audits(size=1)

    draw_spot_audits(size=5)

    assert len({a.supplier_id for a in audits()}) == len(audits()) == 2


def test_the_sample_is_random(app_ctx):
    verified_suppliers("Al Amana", 30)

    first = {a.supplier_id for a in _draw_and_forget(5, 1)}
    second = {a.supplier_id for a in _draw_and_forget(5, 2)}

    assert first != second


def _draw_and_forget(size: int, seed: int) -> list[VerificationRequest]:
    draw_spot_audits(size=size, rng=random.Random(seed))
    drawn = audits()
    for audit in drawn:
        db.session.delete(audit)
    db.session.flush()
    return drawn


def test_the_size_must_be_sensible(app_ctx):
    with pytest.raises(Invalid):
        draw_spot_audits(size=0)


def test_results_are_reported_per_institution(app_ctx):
    staff = make_user(Role.ADMIN)
    verified_suppliers("Al Amana", 3)
    verified_suppliers("Attawfiq", 1)
    draw_spot_audits(size=3, actor_id=staff.id)
    amana = [a for a in audits() if a.institution == "Al Amana"]
    decide(amana[0].id, staff.id, approve=True)
    decide(amana[1].id, staff.id, approve=False, reason="Not the borrower")

    report = {row.institution: row for row in spot_audit_report()}

    assert (report["Al Amana"].drawn, report["Al Amana"].passed, report["Al Amana"].failed,
            report["Al Amana"].pending) == (3, 1, 1, 1)
    assert (report["Attawfiq"].drawn, report["Attawfiq"].pending) == (1, 1)
    assert amana[1].supplier.verification_state == VerificationState.SUSPENDED
    actions = [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("verification.spot_audit_drawn") == 2
    assert "verification.spot_audit_passed" in actions and "verification.spot_audit_failed" in actions


def test_the_spot_audit_command_queues_and_reports(app):
    with app.app_context():
        verified_suppliers("Al Amana", 4)
        db.session.commit()

    result = app.test_cli_runner().invoke(args=["spot-audit", "--size", "2"])

    assert result.exit_code == 0 and "Al Amana: 2 supplier(s) queued" in result.output
    assert re.search(r"Al Amana\s+2\s+2\s+0\s+0", result.output)
    with app.app_context():
        assert len(audits()) == 2
