"""Faults answered cleanly: the database or the media storage failing gives a clear 503/507, never a 500.

The database is cut through tests/faultproxy.py (a proxy this test starts: the shared PostgreSQL
is never stopped). A full disk and an unreachable mount cannot be made here without privileges,
so they are made by the kernel itself: a file-size limit (RLIMIT_FSIZE, the write fails with
EFBIG as on a full quota) and a storage folder whose parent is a file (ENOTDIR, as a missing mount).
"""
from __future__ import annotations

import os
import resource
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, make_url, select, text

from app import create_app, models  # noqa: F401  (every table, for create_all)
from app.extensions import db
from app.media.models import Image
from tests.databases import scratch_database
from tests.factories import make_product, photo_bytes
from tests.faultproxy import FaultProxy
from tests.helpers import log_in_stand_with_draft, upload_photos

POSTGRES = os.environ.get("TEST_DATABASE_URL") or "postgresql+psycopg://127.0.0.1:5432/test"


@pytest.fixture
def postgres_behind_a_proxy(app_config):
    """An app whose database is a scratch PostgreSQL database reached through a proxy we can cut."""
    try:
        create_engine(make_url(POSTGRES).set(database="postgres")).connect().close()
    except Exception:  # noqa: BLE001
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL is not running on 127.0.0.1:5432: CI must start it")
        pytest.skip(reason="PostgreSQL is not running on 127.0.0.1:5432")
    with scratch_database(POSTGRES, prefix="souk_fault") as url:
        engine = create_engine(url)
        db.metadata.create_all(engine)
        engine.dispose()
        real = make_url(url)
        proxy = FaultProxy(real.host or "127.0.0.1", real.port or 5432)
        app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": real.set(port=proxy.port).render_as_string(
            hide_password=False)})
        yield app, proxy
        with app.app_context():
            db.engine.dispose()
        proxy.close()
        create_app(app_config)  # the limiter is shared by every app: give the others theirs back


def test_database_down_is_a_503_with_retry_after_and_recovers_by_itself(postgres_behind_a_proxy):
    app, proxy = postgres_behind_a_proxy
    client = app.test_client()
    with app.app_context():
        pid = make_product(stock=3).id
        db.session.commit()
    client.post("/cart/items", data={"product_id": pid, "quantity": "1"})  # the header now counts a cart
    assert client.get("/products").status_code == 200

    proxy.cut()
    page = client.get("/products")
    api = client.get("/api/v1/products")
    ready = client.get("/readyz")

    assert page.status_code == 503 and page.headers["Retry-After"] == "10"
    assert "briefly unavailable" in page.text and "<html" in page.text  # the branded page
    assert api.status_code == 503 and api.json["error"]["status"] == 503
    assert ready.status_code == 503 and ready.json["checks"]["database"].startswith("error")

    proxy.restore()
    assert client.get("/products").status_code == 200
    assert client.get("/readyz").json["checks"]["database"] == "ok"


def test_a_connection_lost_while_idle_is_replaced_before_the_next_page(postgres_behind_a_proxy):
    app, proxy = postgres_behind_a_proxy
    client = app.test_client()
    assert client.get("/products").status_code == 200

    proxy.cut()  # the pooled connection dies while no request uses it ...
    proxy.restore()  # ... and the database is back before the next one

    assert client.get("/products").status_code == 200


def test_a_connection_the_server_ended_is_replaced_before_the_next_page(postgres_behind_a_proxy):
    app, _ = postgres_behind_a_proxy
    client = app.test_client()
    assert client.get("/products").status_code == 200

    scratch = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    admin = create_engine(make_url(POSTGRES).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:  # as a restart or an idle timeout ends it, with the server's goodbye
        ended = connection.execute(text("SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
                                        "WHERE datname = :name"), {"name": scratch}).scalar()
    admin.dispose()

    assert ended >= 1
    assert client.get("/products").status_code == 200


@contextmanager
def file_size_limit(limit: int):
    """Writes past `limit` bytes fail with EFBIG (SIGXFSZ ignored, as a server would)."""
    previous_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous_handler)


def files_under(root: str) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()] if Path(root).exists() else []


@pytest.fixture
def me(app, client):
    client.set_cookie("lang", "en")
    return log_in_stand_with_draft(app, client)


def test_a_full_disk_refuses_the_upload_with_507_and_keeps_nothing(app, client, me):
    before = files_under(app.config["PRIVATE_ROOT"]) + files_under(app.config["MEDIA_ROOT"])
    with file_size_limit(4096):
        response = upload_photos(client, me.product_id, (photo_bytes(900, 700, seed=31), "a.jpg"), as_json=True)

    assert response.status_code == 507
    assert "no room left" in response.json["error"]["message"]
    assert files_under(app.config["PRIVATE_ROOT"]) + files_under(app.config["MEDIA_ROOT"]) == before
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Image)) == 0


def test_an_unreachable_media_store_refuses_the_upload_with_503_and_leaves_no_original(app, client, me, tmp_path):
    (tmp_path / "not-a-mount").write_text("the media volume is not mounted")
    originals = files_under(app.config["PRIVATE_ROOT"])
    media_root = app.config["MEDIA_ROOT"]
    app.config["MEDIA_ROOT"] = str(tmp_path / "not-a-mount" / "media")
    try:
        response = upload_photos(client, me.product_id, (photo_bytes(900, 700, seed=32), "b.jpg"), as_json=True)
        ready = client.get("/readyz")
    finally:
        app.config["MEDIA_ROOT"] = media_root

    assert response.status_code == 503
    assert "cannot be stored right now" in response.json["error"]["message"]
    assert files_under(app.config["PRIVATE_ROOT"]) == originals  # the original written first was removed
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Image)) == 0
    assert ready.status_code == 503 and ready.json["checks"]["storage"].startswith("error")
