"""After an import and verification attempts, the clear CIN is nowhere: database, logs, outbox."""
from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.extensions import db
from tests.factories import make_supplier, make_user
from tests.helpers import login_as

CIN = "ZX918273"          # in the imported file, then typed by the beneficiary (verifies)
WRONG_CIN = "QW564738"    # typed by another beneficiary (fails, leaves a pending request)
HEADER = "institution,loan_reference,national_id,full_name,city,activity,status,disbursed_on,closed_on\n"


@pytest.fixture(autouse=True)
def in_english(client):
    """Pages are read in English, whatever catalogues exist."""
    client.set_cookie("lang", "en")


def every_stored_value(app) -> str:
    """Every column of every row of every table, as text."""
    with app.app_context(), db.engine.connect() as conn:
        return "\n".join(repr(conn.execute(select(table)).all()) for table in db.metadata.sorted_tables)


def database_files(database_url: str) -> bytes:
    if not database_url.startswith("sqlite:///"):
        return b""
    path = Path(database_url.removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def outbox_contents(app_config) -> bytes:
    outbox = Path(app_config["OUTBOX_DIR"])
    return b"".join(p.read_bytes() for p in outbox.rglob("*") if p.is_file()) if outbox.exists() else b""


def forms_of(cin: str) -> list[str]:
    return [cin, cin.lower(), f"{cin[:2]} {cin[2:]}"]


def test_the_clear_cin_appears_nowhere_after_an_import_and_verification(app, client, app_config, database_url,
                                                                        caplog):
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)  # SQL and its parameters go to the log too
    try:
        with app.app_context():
            admin = make_user(Role.ADMIN)
            fatima = make_supplier(verified=False)
            amina = make_supplier(verified=False)
            db.session.commit()
            login_as(client, admin)
        body = HEADER + f"Al Amana,LR-1,{CIN[:2].lower()} {CIN[2:]},Fatima,Safi,Pottery,active,2024-01-15,\n"
        imported = client.post("/admin/imports", data={"institution": "Al Amana",
                                                       "file": (io.BytesIO(body.encode()), "amana.csv")},
                               content_type="multipart/form-data")
        assert imported.status_code == 303

        with app.app_context():
            login_as(client, db.session.merge(fatima).user)
        verified = client.post("/supplier/verify", data={"national_id": CIN, "institution": "Al Amana",
                                                         "loan_reference": "LR-1"}, follow_redirects=True)
        assert "Your stand is verified" in verified.get_data(as_text=True)
        with app.app_context():
            login_as(client, db.session.merge(amina).user)
        client.post("/supplier/verify", data={"national_id": WRONG_CIN, "institution": "Al Amana",
                                              "loan_reference": "LR-1"})
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)

    stored = every_stored_value(app)
    raw = database_files(database_url)
    logs = caplog.text
    mail = outbox_contents(app_config)
    assert "verification.auto_approved" in stored and "verification.queued" in stored  # the dump is real
    assert "microcredit import" in logs and "FROM microcredit_records" in logs  # and so is the log capture
    for cin in (CIN, WRONG_CIN):
        for form in forms_of(cin):
            assert form not in stored
            assert form.encode() not in raw
            assert form not in logs
            assert form.encode() not in mail
