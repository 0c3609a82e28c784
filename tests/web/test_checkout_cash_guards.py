"""Cash on delivery's guards at checkout: daily limits per phone number, per delivery address and per
client address, and numbers staff blocked. A refused order writes nothing: no order, the cart and
the stock as they were."""
from __future__ import annotations

from functools import partial

import pytest
import requests
from sqlalchemy import func, select

from app.cart.models import CartItem
from app.catalog.models import Product
from app.extensions import db
from app.orders.models import BlockedPhone, Order
from tests.factories import make_product
from tests.helpers import all_at_once, fill_cart
from tests.web.test_orders_concurrency import _serve, _served_app

FORM = {"name": "Amina Benali", "email": "amina@example.ma", "phone": "06 12 34 56 78",
        "delivery_method": "home", "city": "Rabat", "address": "3 rue Souika", "payment_method": "cash"}


@pytest.fixture
def limits(app):
    """Sets the daily limits for one test (the shared test settings turn them off)."""
    names = ("COD_DAILY_LIMIT_PER_PHONE", "COD_DAILY_LIMIT_PER_ADDRESS", "COD_DAILY_LIMIT_PER_IP")
    saved = {name: app.config[name] for name in names}

    def set_limits(phone: int = 0, address: int = 0, ip: int = 0) -> None:
        app.config.update(dict(zip(names, (phone, address, ip), strict=True)))

    yield set_limits
    app.config.update(saved)


def _order(app, client, ip: str = "198.51.100.1", **fields):
    """One product (stock 5) into the cart, then checkout with cash from `ip`."""
    fill_cart(app, client, {"stock": 5})
    return client.post("/checkout", data={**FORM, **fields}, environ_base={"REMOTE_ADDR": ip})


def _orders(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Order))


def _refused_without_a_trace(app, response, reason: str) -> None:
    """The form again with the reason; the refused cart still holds its product, whose stock is untouched."""
    page = response.get_data(as_text=True)
    assert reason in page and 'name="payment_method"' in page  # the form, ready to pay another way
    with app.app_context():
        item = db.session.scalar(select(CartItem).order_by(CartItem.id.desc()))
        assert item is not None and item.quantity == 1
        assert db.session.get(Product, item.product_id).stock == 5


def test_cash_orders_per_phone_number_are_limited(app, client, limits):
    limits(phone=2)
    assert _order(app, client, ip="198.51.100.1", address="1 rue A").status_code == 303
    assert _order(app, client, ip="198.51.100.2", address="2 rue B", phone="+212 612-345-678").status_code == 303
    refused = _order(app, client, ip="198.51.100.3", address="3 rue C")
    assert refused.status_code == 429
    _refused_without_a_trace(app, refused, "This phone number has reached today")
    assert _orders(app) == 2
    assert _order(app, client, ip="198.51.100.3", address="3 rue C", phone="0698765432").status_code == 303


def test_cash_orders_per_delivery_address_are_limited_however_it_is_typed(app, client, limits):
    limits(address=2)
    assert _order(app, client, ip="198.51.100.1", phone="0611111111", address="12 rue des Oudayas").status_code == 303
    assert _order(app, client, ip="198.51.100.2", phone="0622222222",
                  address="12, Rue des  OUDAYAS.").status_code == 303
    refused = _order(app, client, ip="198.51.100.3", phone="0633333333", address="١٢ rue des oudayas")
    assert refused.status_code == 429
    _refused_without_a_trace(app, refused, "This delivery address has reached today")
    assert _orders(app) == 2
    other_city = _order(app, client, ip="198.51.100.3", phone="0633333333", address="12 rue des Oudayas",
                        city="Fès")
    assert other_city.status_code == 303


def test_cash_orders_per_client_address_are_limited(app, client, limits):
    limits(ip=2)
    for n in (1, 2):
        assert _order(app, client, ip="203.0.113.7", phone=f"06{n}0000000", address=f"{n} rue X").status_code == 303
    refused = _order(app, client, ip="203.0.113.7", phone="0630000000", address="3 rue X")
    assert refused.status_code == 429
    _refused_without_a_trace(app, refused, "Too many cash-on-delivery orders were placed from this connection")
    assert _order(app, client, ip="203.0.113.8", phone="0630000000", address="3 rue X").status_code == 303


def test_the_client_address_is_kept_only_as_a_keyed_hash(app, client, limits):
    limits(ip=5)
    _order(app, client, ip="203.0.113.77")
    with app.app_context():
        order = db.session.scalar(select(Order))
        row = db.session.execute(select(Order.__table__)).mappings().one()
    assert order.client_key and len(order.client_key) == 64
    assert not any("203.0.113.77" in str(value) for value in row.values())


def test_a_blocked_number_cannot_pay_cash(app, client):
    with app.app_context():
        db.session.add(BlockedPhone(phone="+212612345678", reason="three parcels refused"))
        db.session.commit()
    refused = _order(app, client)
    assert refused.status_code == 403
    _refused_without_a_trace(app, refused, "Cash on delivery is not available for this phone number")
    assert _orders(app) == 0
    assert _order(app, client, phone="0698765432").status_code == 303


@pytest.mark.parametrize("prefix,words", [("/ar", "بلغ رقم الهاتف هذا الحد اليومي"),
                                          ("/fr", "Ce numéro de téléphone a atteint la limite du jour")])
def test_the_refusal_speaks_the_shoppers_language(app, client, limits, prefix, words):
    limits(phone=1)
    assert _order(app, client).status_code == 303
    fill_cart(app, client, {"stock": 5})
    refused = client.post(f"{prefix}/checkout", data=FORM, environ_base={"REMOTE_ADDR": "198.51.100.9"})
    assert refused.status_code == 429 and words in refused.get_data(as_text=True)


def test_concurrent_cash_orders_from_one_number_stop_at_the_limit(app, app_config):
    """Eight shoppers with one phone number check out at once (a threaded server, their own cookie jars)
    under a limit of 2: exactly two orders, the others refused with 429, never a 500."""
    shoppers_count = 8
    with app.app_context():
        product_id = make_product(stock=50).id
        db.session.commit()
    served = _served_app({**app_config, "COD_DAILY_LIMIT_PER_PHONE": 2})
    server, base = _serve(served)
    shoppers = [requests.Session() for _ in range(shoppers_count)]
    statuses: list[int] = []
    try:
        for shopper in shoppers:
            shopper.post(f"{base}/cart/items", data={"product_id": product_id, "quantity": "1"})

        def checkout(shopper, n):
            form = {**FORM, "address": f"{n} rue Souika"}
            statuses.append(shopper.post(f"{base}/checkout", data=form, allow_redirects=False, timeout=60).status_code)

        all_at_once(*(partial(checkout, s, n) for n, s in enumerate(shoppers)))
    finally:
        server.shutdown()
        for shopper in shoppers:
            shopper.close()
    assert sorted(statuses) == [303, 303] + [429] * (shoppers_count - 2), statuses
    assert _orders(app) == 2
    with app.app_context():
        assert db.session.get(Product, product_id).stock == 48


def test_the_refusal_points_to_card_payment_only_when_cards_are_taken(app, client, limits):
    with app.app_context():
        db.session.add(BlockedPhone(phone="+212612345678"))
        db.session.commit()
    assert "pay by card" not in _order(app, client).get_data(as_text=True)  # no card gateway configured
    app.config["STRIPE_SECRET_KEY"] = "sk_test_only_to_offer_cards"
    try:
        refused = _order(app, client)
    finally:
        app.config["STRIPE_SECRET_KEY"] = ""
    assert refused.status_code == 403 and "You can also pay by card." in refused.get_data(as_text=True)
