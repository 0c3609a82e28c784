"""Shared fixtures: one app and one database per test session (per xdist worker), clean data per test.

TEST_DATABASE_URL selects PostgreSQL; the session then creates a database of its own
(`souk_test_<pid>_<random>`) and drops it at the end, never touching another's.
Without it, a SQLite file in a temporary folder is used.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, text

from app import create_app
from app.extensions import db, limiter
from tests.databases import scratch_database
from tests.helpers import AuthActions


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    with scratch_database(base) as url:
        yield url


@pytest.fixture(scope="session")
def app_config(database_url, tmp_path_factory) -> dict:
    """The settings every test app shares; tests needing CSRF build their own app from it."""
    root = tmp_path_factory.mktemp("files")
    return {
        "APP_ENV": "testing",
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MEDIA_ROOT": str(root / "media"),
        "PRIVATE_ROOT": str(root / "private"),
        "OUTBOX_DIR": str(root / "outbox"),
        "WTF_CSRF_ENABLED": False,
        "REDIS_URL": "",
        "SERVER_NAME": None,
        # Tests read the English msgids; French stays the shop's default (tests/web/test_languages.py).
        "BABEL_DEFAULT_LOCALE": "en",
        # Most tests place several cash orders from one number and address, and expect them confirmed at
        # once; the tests of these guards (tests/web/test_checkout_cash_*.py) set them.
        "COD_CONFIRM_NEW_PHONES": False,
        "COD_DAILY_LIMIT_PER_PHONE": 0,
        "COD_DAILY_LIMIT_PER_ADDRESS": 0,
        "COD_DAILY_LIMIT_PER_IP": 0,
    }


@pytest.fixture(scope="session")
def app(app_config):
    """The app, with the schema built once for the session."""
    from app.catalog import search

    application = create_app(app_config)
    with application.app_context():
        db.create_all()
        with db.engine.begin() as conn:
            search.install(conn)
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_state(request):
    """Each test starts with empty tables and fresh rate limits."""
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    with application.app_context():
        db.session.remove()
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as conn:
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            with db.engine.begin() as conn:
                for table in reversed(db.metadata.sorted_tables):
                    conn.execute(delete(table))
        limiter.reset()


@pytest.fixture
def english(client):
    """Pages in English, the msgids the assertions read, whatever language an account was given."""
    client.set_cookie("lang", "en")


@pytest.fixture
def app_ctx(app):
    """An app context for service tests (no HTTP)."""
    with app.app_context():
        yield app
        db.session.rollback()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def outbox(app) -> Path:
    """The outbox of e-mails and text messages, emptied for this test."""
    folder = Path(app.config["OUTBOX_DIR"])
    shutil.rmtree(folder, ignore_errors=True)
    return folder
