"""place_order as one service call: prices re-read, stock reserved atomically, snapshots, cart emptied."""
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.cart.queries import load_cart
from app.catalog.models import ListingStatus, Product
from app.db import utcnow
from app.extensions import db
from app.orders import numbers
from app.orders.models import LineStatus, OrderStatus
from app.orders.services import EmptyCart, OutOfStock, place_order
from app.solidarity.models import EntryKind, LedgerEntry
from tests.factories import checkout_details, make_cart, make_group, make_product, make_supplier, place_test_order


def test_cash_order_is_confirmed_at_once_and_takes_the_stock(app_ctx):
    product = make_product(stock=5, price_centimes=12000)
    order = place_test_order((product, 2))
    assert order.status == OrderStatus.CONFIRMED
    assert order.reservation_expires_at is None
    db.session.refresh(product)
    assert product.stock == 3


def test_totals_come_from_database_prices_and_the_delivery_table(app_ctx):
    a, b = make_product(price_centimes=12000), make_product(price_centimes=4550)
    order = place_test_order((a, 2), (b, 1), city="Casablanca")
    assert order.subtotal_centimes == 28550
    assert order.delivery_fee_centimes == 2500
    assert order.total_centimes == 31050


def test_pickup_is_free(app_ctx):
    from tests.factories import make_pickup_point

    point = make_pickup_point()
    order = place_test_order((make_product(), 1), delivery="pickup", pickup_point_id=point.id)
    assert order.delivery_fee_centimes == 0
    assert order.pickup_point_id == point.id


def test_unknown_city_pays_the_farthest_zone(app_ctx):
    order = place_test_order((make_product(), 1), city="Tata")
    assert order.delivery_fee_centimes == 5000


def test_lines_snapshot_what_was_sold_with_the_solidarity_breakdown(app_ctx):
    supplier = make_supplier(group=make_group(commission_bp=1000))
    product = make_product(supplier=supplier, price_centimes=10000, title="Huile d'argan")
    order = place_test_order((product, 3))
    line = order.lines[0]
    product.title, product.price_centimes = "Renamed", 99999
    db.session.flush()
    db.session.refresh(line)
    assert (line.title, line.unit_price_centimes, line.quantity, line.line_total_centimes) == \
        ("Huile d'argan", 10000, 3, 30000)
    assert line.supplier_id == supplier.id
    assert (line.producer_share_centimes, line.group_commission_centimes, line.platform_fee_centimes) == \
        (25500, 3000, 1500)


def test_order_is_split_by_supplier(app_ctx):
    first, second = make_supplier(), make_supplier()
    order = place_test_order((make_product(supplier=first), 1), (make_product(supplier=second), 2))
    assert sorted(line.supplier_id for line in order.lines) == sorted([first.id, second.id])


def test_placing_empties_the_cart(app_ctx):
    cart = make_cart((make_product(), 1))
    place_order(cart.id, checkout_details())
    assert load_cart(cart.id).items == []


def test_an_empty_cart_cannot_be_ordered(app_ctx):
    with pytest.raises(EmptyCart):
        place_order(make_cart().id, checkout_details())


def test_second_buyer_of_last_item_gets_out_of_stock(app_ctx):
    product = make_product(stock=1)
    first, second = make_cart((product, 1)), make_cart((product, 1))
    place_order(first.id, checkout_details())
    with pytest.raises(OutOfStock):
        place_order(second.id, checkout_details())


def test_a_failed_reservation_takes_nothing_from_any_product(app_ctx):
    plenty, scarce = make_product(stock=10), make_product(stock=1)
    cart = make_cart((plenty, 2), (scarce, 2))
    db.session.commit()
    with pytest.raises(OutOfStock):
        place_order(cart.id, checkout_details())
    db.session.rollback()  # what the view does with any domain error
    assert db.session.get(Product, plenty.id).stock == 10


def test_a_product_withdrawn_since_it_was_added_cannot_be_ordered(app_ctx):
    product = make_product()
    cart = make_cart((product, 1))
    product.status = ListingStatus.ARCHIVED
    with pytest.raises(OutOfStock):
        place_order(cart.id, checkout_details())


def test_database_refuses_negative_stock_as_the_last_line_of_defence(app_ctx):
    product = make_product(stock=1)
    with pytest.raises(IntegrityError):
        db.session.execute(update(Product).where(Product.id == product.id).values(stock=Product.stock - 2))
        db.session.flush()


def test_card_order_waits_for_payment_holding_its_stock(app_ctx):
    product = make_product(stock=2)
    before = utcnow()
    order = place_test_order((product, 2), payment="card")
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.reservation_expires_at >= before + timedelta(minutes=app_ctx.config["RESERVATION_MINUTES"])
    assert db.session.get(Product, product.id).stock == 0
    assert db.session.scalars(select(LedgerEntry)).all() == []


def test_cash_order_credits_each_supplier_their_producer_share(app_ctx):
    order = place_test_order((make_product(), 1), (make_product(), 2))
    entries = db.session.scalars(select(LedgerEntry).order_by(LedgerEntry.order_line_id)).all()
    assert [(e.order_line_id, e.kind, e.amount_centimes) for e in entries] == [
        (line.id, EntryKind.EARNING, line.producer_share_centimes) for line in order.lines]


def test_order_number_is_readable_and_the_token_is_long_and_separate(app_ctx):
    order = place_test_order((make_product(), 1))
    assert order.number.startswith("SS-") and len(order.number) == 11
    assert not set(order.number[3:]) & set("ILOU")
    assert len(order.token) >= 32 and order.number[3:] not in order.token
    assert all(line.status == LineStatus.PENDING for line in order.lines)


def test_numbers_are_read_back_forgivingly():
    assert numbers.normalise_number("ss-7k3qx9mo") == "SS-7K3QX9M0"


def test_the_delivery_fee_table_is_configuration(app_ctx, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "DELIVERY_ZONE_FEES", {"A": 1000, "B": 2000, "C": 3000})
    monkeypatch.setitem(app_ctx.config, "DELIVERY_CITY_ZONES", {"Ouarzazate": "A"})
    assert place_test_order((make_product(), 1), city="Ouarzazate").delivery_fee_centimes == 1000
    assert place_test_order((make_product(), 1), city="Casablanca").delivery_fee_centimes == 3000
