"""`flask expire-reservations`: unpaid card orders past their reservation give their stock back."""
from datetime import timedelta

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.catalog.models import Product
from app.db import utcnow
from app.extensions import db
from app.orders.models import Order, OrderStatus
from tests.factories import make_product, place_test_order


def test_the_command_cancels_expired_card_orders_and_releases_stock(app):
    with app.app_context():
        product = make_product(stock=3)
        expired = place_test_order((product, 2), payment="card")
        fresh = place_test_order((product, 1), payment="card")
        cash = place_test_order((make_product(), 1))
        expired.reservation_expires_at = utcnow() - timedelta(minutes=1)
        cash_id, expired_id, fresh_id, product_id = cash.id, expired.id, fresh.id, product.id
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["expire-reservations"])
    assert result.exit_code == 0 and "1 reservation(s) expired" in result.output
    with app.app_context():
        assert db.session.get(Order, expired_id).status == OrderStatus.CANCELLED
        assert db.session.get(Order, fresh_id).status == OrderStatus.PENDING_PAYMENT
        assert db.session.get(Order, cash_id).status == OrderStatus.CONFIRMED
        assert db.session.get(Product, product_id).stock == 2
        reasons = db.session.scalars(select(AuditEntry.details).where(AuditEntry.action == "order.cancelled")).all()
        assert reasons == [{"previous": "pending_payment", "number": db.session.get(Order, expired_id).number,
                            "reason": "reservation expired"}]
    again = app.test_cli_runner().invoke(args=["expire-reservations"])
    assert "0 reservation(s) expired" in again.output
