"""Fifty shoppers check out at once for the last five items: exactly five orders, never oversold.

Real parts: a threaded werkzeug server serving the app on 127.0.0.1 against the test database
(SQLite file or PostgreSQL), fifty clients with their own cookie jars (requests sessions),
cash on delivery. Nothing stands in for anything.
"""
import threading
from functools import partial

import requests
from sqlalchemy import func, select
from werkzeug.serving import make_server

from app import create_app
from app.catalog.models import Product
from app.extensions import db
from app.orders.models import Order
from tests.factories import make_product
from tests.helpers import all_at_once

SHOPPERS = 50
STOCK = 5
FORM = {"name": "Hassan Tazi", "email": "hassan@example.ma", "phone": "0612345678", "delivery_method": "home",
        "city": "Salé", "address": "Bab Lamrissa", "payment_method": "cash"}


def _served_app(app_config):
    """The app on the test database; on SQLite writers queue for the lock (30 s) instead of failing at 5 s."""
    config = dict(app_config)
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {"connect_args": {"timeout": 30}}
    return create_app(config)


def _serve(application):
    server = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_port}"


def test_fifty_concurrent_checkouts_for_five_items_make_exactly_five_orders(app, app_config):
    with app.app_context():
        product_id = make_product(stock=STOCK, price_centimes=9900).id
        db.session.commit()
    server, base = _serve(_served_app(app_config))
    shoppers = [requests.Session() for _ in range(SHOPPERS)]
    try:
        for shopper in shoppers:  # every cart holds the item: stock is only checked, not taken
            assert shopper.post(f"{base}/cart/items", data={"product_id": product_id, "quantity": "1"},
                                allow_redirects=False).status_code == 303
        statuses: list[tuple[int, str]] = []

        def checkout(shopper):
            answer = shopper.post(f"{base}/checkout", data=FORM, allow_redirects=False, timeout=60)
            statuses.append((answer.status_code, answer.headers.get("Location", "")))

        all_at_once(*(partial(checkout, s) for s in shoppers))
    finally:
        server.shutdown()
        for shopper in shoppers:
            shopper.close()
    assert len(statuses) == SHOPPERS
    # Winners are sent to their order; losers either back to the cart (sold out while placing) or
    # shown the checkout again with the line flagged (sold out before placing): never a 500.
    assert {code for code, _ in statuses} <= {303, 409}, statuses
    winners = [loc for code, loc in statuses if "/orders/" in loc]
    losers = [loc for code, loc in statuses if code == 409 or loc.endswith("/cart")]
    assert len(winners) == STOCK and len(losers) == SHOPPERS - STOCK
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Order)) == STOCK
        assert db.session.get(Product, product_id).stock == 0


def test_a_double_tap_on_place_my_order_makes_one_order(app, app_config):
    """Two identical checkout POSTs at once from one browser (same cookies): one order, both land on it."""
    with app.app_context():
        product_id = make_product(stock=10).id
        db.session.commit()
    server, base = _serve(_served_app(app_config))
    try:
        first = requests.Session()
        first.post(f"{base}/cart/items", data={"product_id": product_id, "quantity": "2"})
        second = requests.Session()
        second.cookies.update(first.cookies)
        locations: list[str] = []

        def tap(browser):
            answer = browser.post(f"{base}/checkout", data=FORM, allow_redirects=False, timeout=60)
            locations.append((answer.status_code, answer.headers.get("Location", "")))

        all_at_once(partial(tap, first), partial(tap, second))
    finally:
        server.shutdown()
    with app.app_context():
        (order,) = db.session.scalars(select(Order)).all()
        assert db.session.get(Product, product_id).stock == 8
    assert [code for code, _ in locations] == [303, 303]
    winner = f"/orders/{order.number}?token={order.token}"
    assert any(loc.endswith(winner) for _, loc in locations)
    # The loser has no order in its own session (separate cookie jar): it is told its cart is empty.
    assert all(loc.endswith(winner) or loc.endswith("/cart") for _, loc in locations)
