"""A loan reference is only ever matched, so it is kept as a keyed hash and its last 3 characters: not
in the database, the audit log, the logs or any mail. A sentinel reference goes through every path that
handles one (import, automatic match, a case for staff, a flag after a re-import, a spot audit), then
every cell of every table, the captured logs and the outbox are searched for it."""
from __future__ import annotations

import io
import logging
from pathlib import Path

from sqlalchemy import inspect, select

from app.audit.models import AuditEntry
from app.extensions import db
from app.verification.cin import loan_hmac
from app.verification.imports import import_file
from app.verification.models import VerificationRequest
from app.verification.spot_audits import draw_spot_audits
from tests.factories import make_supplier
from tests.helpers import login_as

SENTINEL = "SENTINEL-LR-7731"
OTHER = "SENTINEL-LR-7732"
HEADER = "institution,loan_reference,national_id,full_name,city,activity,status,disbursed_on,closed_on\n"


def _import(app, *rows: tuple[str, str, str]) -> None:
    body = "".join(f"Al Amana,{ref},{cin},Fatima,Safi,Pottery,{status},2024-01-15,\n" for ref, cin, status in rows)
    with app.app_context():
        import_file(io.BytesIO((HEADER + body).encode()), "Al Amana")
        db.session.commit()


def _verify(app, client, reference: str, cin: str = "AB123456"):
    return client.post("/supplier/verify", data={"national_id": cin, "institution": "Al Amana",
                                                 "loan_reference": reference})


def _cells_holding(app, needle: str) -> set[tuple[str, str]]:
    """(table, column) of every cell of the database whose text contains `needle`."""
    found = set()
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)).mappings():
                found.update((table.name, column) for column, value in row.items() if needle in str(value))
        assert inspect(db.engine).get_table_names()
    return found


def test_a_loan_reference_is_nowhere_but_where_staff_check_it(app, caplog):
    caplog.set_level(logging.DEBUG)
    _import(app, (SENTINEL, "AB123456", "active"), (OTHER, "CD654321", "active"))
    matched, queued = app.test_client(), app.test_client()
    with app.app_context():
        login_as(matched, make_supplier(verified=False).user)
        login_as(queued, make_supplier(verified=False).user)
        db.session.commit()

    assert _verify(app, matched, SENTINEL).status_code == 303  # a full match: verified at once
    _verify(app, queued, OTHER, cin="ZZ999999")  # a wrong CIN: a case for staff
    with app.app_context():
        draw_spot_audits(size=5)
        db.session.commit()
    _import(app, (SENTINEL, "AB123456", "written_off"), (OTHER, "CD654321", "active"))  # flags the supplier

    for reference in (SENTINEL, OTHER):
        assert _cells_holding(app, reference) == set()
        assert _cells_holding(app, reference[-3:]) >= {("verification_requests", "loan_reference_end")}, "control"
        with app.app_context():
            assert ("verification_requests", "loan_reference_hmac") in _cells_holding(app, loan_hmac(reference))
        assert reference not in caplog.text
        outbox = Path(app.config["OUTBOX_DIR"])
        assert all(reference not in path.read_text(errors="replace") for path in outbox.rglob("*") if path.is_file())
    with app.app_context():
        actions = {entry.action for entry in db.session.scalars(select(AuditEntry))}
    assert {"verification.auto_approved", "verification.queued", "verification.flagged"} <= actions, "control"


def test_staff_see_the_last_three_characters_of_a_reference(app):
    from tests.factories import make_user

    _import(app, (SENTINEL, "AB123456", "active"))
    supplier_client, staff = app.test_client(), app.test_client()
    with app.app_context():
        login_as(supplier_client, make_supplier(verified=False).user)
        login_as(staff, make_user(role="admin"))
        db.session.commit()
    _verify(app, supplier_client, SENTINEL, cin="ZZ999999")  # a wrong CIN: a case for staff
    with app.app_context():
        case_id = db.session.scalar(select(VerificationRequest.id))
    page = staff.get(f"/admin/verifications/{case_id}").get_data(as_text=True)
    assert "…731" in page and SENTINEL not in page
