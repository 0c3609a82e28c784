"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""
from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect

from app import create_app
from app.catalog.search import include_in_migrations
from app.extensions import db
from tests.databases import scratch_database


@pytest.fixture
def empty_database_url(tmp_path):
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'migrated.db'}"
        return
    with scratch_database(base, prefix="souk_migr") as url:
        yield url


def test_upgrade_builds_the_schema_of_the_models(empty_database_url, app_config):
    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            opts = {"compare_type": True, "include_name": include_in_migrations}
            context = MigrationContext.configure(conn, opts=opts)
            diff = compare_metadata(context, db.metadata)
            tables = set(inspect(conn).get_table_names())
        db.engine.dispose()
    assert diff == []
    assert {"products", "orders", "microcredit_records", "audit_log", "product_search"} <= tables


def test_loan_references_in_clear_become_their_keyed_hash(empty_database_url, app_config):
    """Rows written before b8d2f4a6c0e3 keep their loan, matched by the same hash the code computes."""
    from sqlalchemy import text

    from app.verification.cin import loan_hmac

    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision="f3a9c6d2e8b1")
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO microcredit_records (institution, loan_reference, national_id_hmac, "
                              "full_name, city, activity, status, created_at, updated_at) VALUES ('Al Amana', "
                              "' LR-CLEAR-42 ', 'h', 'Fatima', '', '', 'active', '2026-01-01', '2026-01-01')"))
        upgrade()
        with db.engine.connect() as conn:
            row = conn.execute(text("SELECT * FROM microcredit_records")).mappings().one()
        expected = loan_hmac("LR-CLEAR-42")
        db.engine.dispose()
    assert (row["loan_reference_hmac"], row["loan_reference_end"]) == (expected, "-42")
    assert "loan_reference" not in row and not any("CLEAR" in str(value) for value in row.values())
