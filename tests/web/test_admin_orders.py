"""Staff orders pages: the list (filters, refunds owed) and one order with its lines and payments."""
import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.extensions import db
from app.orders.models import Order, OrderStatus
from app.payments.models import Payment, PaymentState
from app.suppliers.models import Supplier
from tests.factories import make_product, make_user, place_test_order
from tests.helpers import count_queries, log_in_new_user, login_as


def _orders(app, count: int = 1, **kw) -> list[str]:
    with app.app_context():
        numbers = [place_test_order((make_product(price_centimes=12000), 2), **kw).number for _ in range(count)]
        db.session.commit()
        return numbers


def _flag_for_refund(app, number: str, reason: str = "paid after cancellation") -> None:
    with app.app_context():
        order = db.session.scalar(select(Order).where(Order.number == number))
        order.status = OrderStatus.CANCELLED
        order.needs_refund = True
        order.flag_reason = reason
        db.session.commit()


def test_staff_see_the_orders_list_newest_first(app, client):
    first, second = _orders(app, 2)
    log_in_new_user(app, client, Role.MODERATOR)
    page = client.get("/admin/orders").get_data(as_text=True)
    assert first in page and second in page
    assert page.index(second) < page.index(first)
    assert "Amina Benali" in page


def test_the_needs_refund_filter_shows_only_flagged_orders(app, client):
    plain, flagged = _orders(app, 2)
    _flag_for_refund(app, flagged, "refund failed at the gateway")
    log_in_new_user(app, client, Role.ADMIN)
    page = client.get("/admin/orders?needs_refund=1").get_data(as_text=True)
    assert flagged in page and "refund failed at the gateway" in page
    assert plain not in page


def test_the_status_filter_keeps_only_that_status(app, client):
    plain, flagged = _orders(app, 2)
    _flag_for_refund(app, flagged)
    log_in_new_user(app, client, Role.ADMIN)
    page = client.get("/admin/orders?status=cancelled").get_data(as_text=True)
    assert flagged in page and plain not in page


def test_the_list_runs_as_many_queries_for_many_orders_as_for_one(app, client):
    _orders(app, 1)
    log_in_new_user(app, client, Role.ADMIN)
    few = count_queries(app, client, "/admin/orders")
    _orders(app, 5)
    assert count_queries(app, client, "/admin/orders") == few


def test_staff_see_an_order_with_its_lines_payments_and_refund_button(app, client):
    (number,) = _orders(app)
    _flag_for_refund(app, number)
    with app.app_context():
        order = db.session.scalar(select(Order).where(Order.number == number))
        line = order.lines[0]
        supplier_name = db.session.get(Supplier, line.supplier_id).display_name
        title = line.title
        db.session.add(Payment(order_id=order.id, state=PaymentState.FLAGGED, amount_centimes=order.total_centimes,
                               idempotency_key=f"test-{order.id}",
                               flag_reason="amount did not match"))
        db.session.commit()
    log_in_new_user(app, client, Role.MODERATOR)
    page = client.get(f"/admin/orders/{number}").get_data(as_text=True)
    assert supplier_name in page and title in page
    assert "amount did not match" in page and "flagged" in page
    assert f'action="/admin/orders/{number}/refund"' in page
    assert f'action="/admin/orders/{number}/delivered"' not in page


def test_a_shipped_order_offers_the_delivered_button(app, client):
    (number,) = _orders(app)
    with app.app_context():
        db.session.scalar(select(Order).where(Order.number == number)).status = OrderStatus.SHIPPED
        db.session.commit()
    log_in_new_user(app, client, Role.ADMIN)
    page = client.get(f"/admin/orders/{number}").get_data(as_text=True)
    assert f'action="/admin/orders/{number}/delivered"' in page
    assert f'action="/admin/orders/{number}/refund"' not in page
    response = client.post(f"/admin/orders/{number}/delivered", data={"next": f"/admin/orders/{number}"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/admin/orders/{number}")
    with app.app_context():
        assert db.session.scalar(select(Order).where(Order.number == number)).status == OrderStatus.DELIVERED


def test_an_unknown_order_number_is_not_found(app, client):
    log_in_new_user(app, client, Role.ADMIN)
    assert client.get("/admin/orders/NOPE0000").status_code == 404


@pytest.mark.parametrize("role", [Role.SHOPPER, Role.BENEFICIARY, Role.OVERSIGHT])
def test_non_staff_are_refused_the_list_and_the_detail(app, client, role):
    (number,) = _orders(app)
    with app.app_context():
        login_as(client, make_user(role))
        db.session.commit()
    assert client.get("/admin/orders").status_code == 403
    assert client.get(f"/admin/orders/{number}").status_code == 403


def test_anonymous_visitors_are_sent_to_login(app, client):
    (number,) = _orders(app)
    for url in ("/admin/orders", f"/admin/orders/{number}"):
        response = client.get(url)
        assert response.status_code == 302 and "/account/login" in response.headers["Location"]
