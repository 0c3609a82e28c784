"""The status flow as data: legal moves, refused moves, cancellation, shipping by each supplier, expiry."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.catalog.models import Product
from app.db import utcnow
from app.extensions import db
from app.orders import services
from app.orders.models import LineStatus, OrderStatus
from app.orders.status import ALLOWED, IllegalTransition, transition
from app.solidarity.ledger import balance
from tests.factories import make_product, make_supplier, place_test_order


def test_every_status_has_a_row_in_the_table():
    assert set(ALLOWED) == set(OrderStatus)


@pytest.mark.parametrize("start,to", [
    (OrderStatus.CONFIRMED, OrderStatus.PAID),
    (OrderStatus.CONFIRMED, OrderStatus.DELIVERED),
    (OrderStatus.CONFIRMED, OrderStatus.PENDING_PAYMENT),
])
def test_illegal_moves_are_refused(app_ctx, start, to):
    order = place_test_order((make_product(), 1))
    assert order.status == start
    with pytest.raises(IllegalTransition):
        transition(order, to)


def test_moves_are_audited(app_ctx):
    order = place_test_order((make_product(), 1))
    transition(order, OrderStatus.CANCELLED, actor_id=None, reason="test")
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["order.placed", "order.cancelled"]


def test_a_stale_copy_cannot_move_an_order_that_moved_meanwhile(app_ctx):
    from app.orders.status import ChangedMeanwhile

    order = place_test_order((make_product(), 1))
    db.session.commit()
    db.session.execute(db.text("UPDATE orders SET status = 'shipped' WHERE id = :id"), {"id": order.id})
    with pytest.raises(ChangedMeanwhile):
        transition(order, OrderStatus.CANCELLED)


def test_cancelling_gives_the_stock_back_and_reverses_earnings(app_ctx):
    product = make_product(stock=3)
    order = place_test_order((product, 2))
    supplier_id = product.supplier_id
    assert balance(supplier_id) > 0
    services.cancel_order(order)
    assert order.status == OrderStatus.CANCELLED
    assert db.session.get(Product, product.id).stock == 3
    assert balance(supplier_id) == 0


def test_an_order_with_a_shipped_line_cannot_be_cancelled(app_ctx):
    order = place_test_order((make_product(), 1), (make_product(), 1))
    services.mark_line_shipped(order.lines[0], None)
    with pytest.raises(services.NotCancellable):
        services.cancel_order(order)


def test_order_is_shipped_when_every_supplier_has_shipped_then_delivered(app_ctx):
    order = place_test_order((make_product(supplier=make_supplier()), 1), (make_product(supplier=make_supplier()), 1))
    first, second = order.lines
    services.mark_line_shipped(first, None)
    assert order.status == OrderStatus.CONFIRMED
    services.mark_line_delivered(first, None)
    services.mark_line_shipped(second, None)
    assert order.status == OrderStatus.SHIPPED
    services.mark_line_delivered(second, None)
    assert order.status == OrderStatus.DELIVERED
    assert {line.status for line in order.lines} == {LineStatus.DELIVERED}


def test_an_unpaid_card_order_cannot_be_shipped(app_ctx):
    from app.errors import Conflict

    order = place_test_order((make_product(), 1), payment="card")
    with pytest.raises(Conflict):
        services.mark_line_shipped(order.lines[0], None)


def test_expired_reservations_release_the_stock_and_cancel(app_ctx):
    product = make_product(stock=1)
    order = place_test_order((product, 1), payment="card")
    later = utcnow() + timedelta(minutes=app_ctx.config["RESERVATION_MINUTES"] + 1)
    assert services.expired_reservations(utcnow()) == []
    assert services.expired_reservations(later) == [order.id]
    assert services.expire_reservation(order.id, later) is not None
    assert order.status == OrderStatus.CANCELLED
    assert db.session.get(Product, product.id).stock == 1
    assert services.expire_reservation(order.id, later) is None  # twice is harmless


def test_switching_to_cash_confirms_and_credits(app_ctx):
    product = make_product()
    order = place_test_order((product, 1), payment="card")
    services.switch_to_cash(order)
    assert order.status == OrderStatus.CONFIRMED
    assert order.reservation_expires_at is None
    assert balance(product.supplier_id) == order.lines[0].producer_share_centimes
