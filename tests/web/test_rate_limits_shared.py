"""The login limit holds for the whole site: on the embedded default (one gunicorn master, no Redis)
and when Redis stops answering (the limits fall back to memory, login keeps working)."""
from __future__ import annotations

import logging

import requests
from sqlalchemy import create_engine

from app import create_app, models  # noqa: F401  (every table, for create_all)
from app.extensions import db, limiter
from tests.factories import make_user
from tests.helpers import DEFAULT_PASSWORD
from tests.servers import csrf_token, gunicorn, server_env

DEAD_REDIS = "redis://127.0.0.1:9/0"  # nothing listens on the discard port


def test_the_default_server_counts_wrong_passwords_once_for_all_its_workers(tmp_path):
    url = f"sqlite:///{tmp_path / 'souk.db'}"
    engine = create_engine(url)
    db.metadata.create_all(engine)
    engine.dispose()
    env = server_env(DATABASE_URL=url, MEDIA_ROOT=str(tmp_path / "media"), PRIVATE_ROOT=str(tmp_path / "private"),
                     OUTBOX_DIR=str(tmp_path / "outbox"))

    with gunicorn(env) as base:  # the settings `make run` serves with
        browser = requests.Session()
        token = csrf_token(browser, f"{base}/account/login")
        wrong = {"email": "amina@example.ma", "password": "not the password", "csrf_token": token}
        # A new connection each time, so the master may hand each attempt to any worker.
        statuses = [browser.post(f"{base}/account/login", data=wrong, headers={"Connection": "close"},
                                 timeout=60).status_code for _ in range(8)]

    assert statuses[:5] == [401] * 5
    assert statuses[5:] == [429] * 3


def test_with_redis_down_login_keeps_working_and_the_limit_is_kept_in_memory(app, app_config, caplog):
    with app.app_context():
        make_user(email="amina@example.ma")
        db.session.commit()
    down = create_app({**app_config, "RATELIMIT_STORAGE_URI": DEAD_REDIS})
    try:
        client = down.test_client()
        with caplog.at_level(logging.WARNING, logger="flask-limiter"):
            right = client.post("/account/login", data={"email": "amina@example.ma", "password": DEFAULT_PASSWORD})
        assert right.status_code == 302
        assert "falling back to in-memory storage" in caplog.text
        client.post("/account/logout")
        wrong = {"email": "amina@example.ma", "password": "not the password"}
        assert [client.post("/account/login", data=wrong).status_code for _ in range(6)] == [401] * 5 + [429]
    finally:
        create_app(app_config)  # the limiter is one object shared by every app: give the others theirs back
        # ...and its "storage dead" flag, which init_app never clears: left set, the next tests would
        # count in the fallback memory, which limiter.reset() does not empty (6 phone-code tests got 429).
        limiter._storage_dead = False
