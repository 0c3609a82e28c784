"""From an institution's file to the shop window: a flagged supplier stays visible, a suspended one disappears."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from app.accounts.models import Role, User
from app.extensions import db
from app.verification.imports import import_file
from app.verification.models import RequestKind, VerificationRequest
from tests.factories import make_microcredit_record, make_product, make_user, make_verified_supplier
from tests.helpers import login_as

HEADER = "institution,loan_reference,national_id,full_name,city,activity,status,disbursed_on,closed_on\n"


@pytest.fixture(autouse=True)
def in_english(client):
    client.set_cookie("lang", "en")


def test_a_written_off_loan_flags_then_a_suspension_hides_the_listings(app, client):
    with app.app_context():
        supplier = make_verified_supplier(make_microcredit_record(loan_reference="LR-1"))
        make_product(supplier, title="Tajine of the flagged potter")
        staff_id = make_user(Role.MODERATOR).id
        db.session.commit()
    assert "Tajine of the flagged potter" in client.get("/products").get_data(as_text=True)

    with app.app_context():
        body = HEADER + "Al Amana,LR-1,AB123456,Fatima,Safi,Pottery,written_off,2024-01-15,2025-01-01\n"
        import_file(io.BytesIO(body.encode()), "Al Amana")
        db.session.commit()
        case_id = db.session.scalar(select(VerificationRequest.id).where(VerificationRequest.kind == RequestKind.FLAG))
    assert "Tajine of the flagged potter" in client.get("/products").get_data(as_text=True)  # flagged: still shown

    with app.app_context():
        login_as(client, db.session.get(User, staff_id))
    client.post(f"/admin/verifications/{case_id}/decision", data={"decision": "refuse", "reason": "Written off"})

    shopper = app.test_client()
    assert "Tajine of the flagged potter" not in shopper.get("/products").get_data(as_text=True)
