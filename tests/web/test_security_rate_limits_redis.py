"""With REDIS_URL the login limit is shared by every app server (no state in one process)."""
from __future__ import annotations

import os
import uuid

import pytest
import redis

from app import create_app
from app.extensions import db
from tests.factories import make_user

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def app_server(app, app_config):
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS}")
        pytest.skip(reason=f"Redis is not reachable at {REDIS}")
    settings = {**app_config, "RATELIMIT_STORAGE_URI": REDIS, "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    # Each create_app gives the limiter a new storage connection: with memory storage the
    # second server would start from zero, with Redis it sees the first one's counts.
    yield lambda: create_app(settings)
    # The limiter is one object shared by every app: give the other tests their memory storage back.
    create_app(app_config)


def test_failures_on_two_app_servers_add_up(app, app_server):
    with app.app_context():
        make_user(email="amina@example.ma")
        db.session.commit()
    wrong = {"email": "amina@example.ma", "password": "not the password"}
    first = app_server().test_client()
    assert [first.post("/account/login", data=wrong).status_code for _ in range(5)] == [401] * 5

    second = app_server().test_client()

    assert second.post("/account/login", data=wrong).status_code == 429
