"""The site's one cache: with Redis every app server sees the same pages, a change shows everywhere
within PAGE_CACHE_SECONDS, checkout never trusts a cached page, and a dead Redis only means a miss.

Two app objects built from the same settings stand for two app servers (each has its own
process-level state: nothing but Redis and the database is shared between them).
"""
from __future__ import annotations

import os
import time
import uuid

import pytest
import redis
from sqlalchemy import select

from app import create_app
from app.catalog.models import Product
from app.extensions import db
from app.orders.models import Order
from tests.factories import make_product

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
BOUND = 1  # seconds: PAGE_CACHE_SECONDS for this test
FORM = {"name": "Amina Benali", "email": "amina@example.ma", "phone": "06 12 34 56 78",
        "delivery_method": "home", "city": "Rabat", "address": "3 rue Souika", "payment_method": "cash"}


@pytest.fixture
def two_servers(app, app_config):
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS}")
        pytest.skip(reason=f"Redis is not reachable at {REDIS}")
    prefix = f"test-{uuid.uuid4().hex}:"
    settings = {**app_config, "REDIS_URL": REDIS, "CACHE_KEY_PREFIX": prefix, "PAGE_CACHE_SECONDS": BOUND,
                "RATELIMIT_STORAGE_URI": "memory://"}
    first, second = create_app(settings), create_app(settings)
    first.config["REDIS_URL"] = second.config["REDIS_URL"] = ""  # jobs in this process; the cache keeps Redis
    yield first, second
    connection = redis.Redis.from_url(REDIS)
    for key in connection.scan_iter(f"{prefix}*"):
        connection.delete(key)
    create_app(app_config)  # the limiter is shared by every app: give the others theirs back


def set_price(app, product_id: int, centimes: int) -> None:
    with app.app_context():
        db.session.get(Product, product_id).price_centimes = centimes
        db.session.commit()


def test_a_page_cached_by_one_server_is_served_by_the_other_and_a_price_change_shows_on_both(two_servers):
    first, second = two_servers
    with first.app_context():
        product = make_product(title="Tajine", price_centimes=12345, stock=3)
        db.session.commit()
        pid = product.id
    url = f"/products/{pid}"
    one, two = first.test_client(), second.test_client()
    assert "123.45" in one.get(url).text

    set_price(second, pid, 45678)
    assert "123.45" in two.get(url).text  # the page the first server cached: one cache for the site

    time.sleep(BOUND + 0.2)
    assert "456.78" in one.get(url).text and "456.78" in two.get(url).text


def test_checkout_rechecks_the_stock_a_cached_page_still_shows(two_servers):
    first, second = two_servers
    with first.app_context():
        pid = make_product(title="Vase", stock=1).id
        db.session.commit()
    shopper = second.test_client()
    assert shopper.get(f"/products/{pid}").status_code == 200
    shopper.post("/cart/items", data={"product_id": pid, "quantity": "1"})
    with first.app_context():
        db.session.get(Product, pid).stock = 0  # sold elsewhere meanwhile
        db.session.commit()

    response = shopper.post("/checkout", data=FORM)

    assert response.status_code in (200, 409, 422)
    with first.app_context():
        assert db.session.scalar(select(Order)) is None
        assert db.session.get(Product, pid).stock == 0


def test_with_redis_down_pages_render_without_the_cache(app, app_config):
    down = create_app({**app_config, "REDIS_URL": "redis://127.0.0.1:9/0", "PAGE_CACHE_SECONDS": 5,
                       "RATELIMIT_STORAGE_URI": "memory://"})
    down.config["REDIS_URL"] = ""
    try:
        with down.app_context():
            pid = make_product(title="Basket").id
            db.session.commit()
        client = down.test_client()
        assert client.get("/products").status_code == 200
        assert client.get(f"/products/{pid}").status_code == 200
    finally:
        create_app(app_config)
