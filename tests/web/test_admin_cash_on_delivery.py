"""Staff see, per phone number, the cash parcels refused at the door, and block a number from cash on
delivery (card payment stays open); admin only, audited."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.catalog.models import Product
from app.extensions import db
from app.orders.models import BlockedPhone, Order, OrderStatus
from app.orders.services import mark_line_shipped
from app.solidarity.ledger import balance
from tests.factories import checkout_details, make_cart, make_product, make_user, place_test_order
from tests.helpers import fill_cart, login_as

REFUSER = "+212611111111"
FORM = {"name": "Amina Benali", "email": "amina@example.ma", "phone": "06 11 11 11 11",
        "delivery_method": "home", "city": "Rabat", "address": "3 rue Souika", "payment_method": "cash"}


def _shipped_order(app, phone: str = REFUSER) -> str:
    with app.app_context():
        order = place_test_order((make_product(stock=5), 2), phone=phone)
        for line in order.lines:
            mark_line_shipped(line, None)
        db.session.commit()
        return order.number


@pytest.fixture
def admin(app):
    client = app.test_client()
    with app.app_context():
        login_as(client, make_user(Role.ADMIN))
        db.session.commit()
    return client


@pytest.mark.parametrize("role", [None, Role.SHOPPER, Role.BENEFICIARY, Role.MODERATOR, Role.OVERSIGHT])
def test_only_admins_reach_the_page_and_its_actions(app, role):
    client = app.test_client()
    if role is not None:
        with app.app_context():
            login_as(client, make_user(role))
            db.session.commit()
    assert client.get("/admin/cash-on-delivery").status_code in (302, 303, 403)
    assert client.post("/admin/cash-on-delivery/blocked", data={"phone": REFUSER}).status_code in (302, 303, 403)
    with app.app_context():
        assert db.session.scalar(select(BlockedPhone)) is None


def test_a_parcel_refused_at_the_door_is_counted_for_its_number(app, admin):
    number = _shipped_order(app)
    _shipped_order(app, phone="+212622222222")  # shipped, not refused: not listed
    response = admin.post(f"/admin/orders/{number}/refused")
    assert response.status_code == 303
    with app.app_context():
        order = db.session.scalar(select(Order).where(Order.number == number))
        assert order.status == OrderStatus.REFUSED
        assert db.session.get(Product, order.lines[0].product_id).stock == 5  # the goods went back
        assert balance(order.lines[0].supplier_id) == 0  # the supplier's earning was reversed
    page = admin.get("/admin/cash-on-delivery")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    assert REFUSER in text and "+212622222222" not in text


def test_a_card_order_cannot_be_refused_at_the_door(app, admin):
    with app.app_context():
        order = place_test_order((make_product(), 1), payment="card")
        order.status = OrderStatus.SHIPPED
        db.session.commit()
        number = order.number
    admin.post(f"/admin/orders/{number}/refused")
    with app.app_context():
        assert db.session.scalar(select(Order.status).where(Order.number == number)) == OrderStatus.SHIPPED


def test_a_blocked_number_pays_by_card_only_until_unblocked(app, admin):
    assert admin.post("/admin/cash-on-delivery/blocked",
                      data={"phone": "06 11 11 11 11", "reason": "3 parcels refused"}).status_code == 303
    assert admin.post("/admin/cash-on-delivery/blocked", data={"phone": REFUSER}).status_code == 409
    with app.app_context():
        blocked = db.session.scalar(select(BlockedPhone))
        assert (blocked.phone, blocked.reason) == (REFUSER, "3 parcels refused")
        assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.object_id == blocked.id)) \
            == "cod.phone_blocked"
        blocked_id = blocked.id
    assert REFUSER in admin.get("/admin/cash-on-delivery").get_data(as_text=True)

    shopper = app.test_client()
    fill_cart(app, shopper, {"stock": 5})
    assert shopper.post("/checkout", data=FORM).status_code == 403
    with app.app_context():  # card payment stays open to the number
        from app.orders.services import place_order

        card = place_order(make_cart((make_product(), 1)).id, checkout_details("card", phone=REFUSER))
        assert card.status == OrderStatus.PENDING_PAYMENT
        db.session.rollback()

    assert admin.post(f"/admin/cash-on-delivery/blocked/{blocked_id}/delete").status_code == 303
    with app.app_context():
        assert db.session.scalar(select(BlockedPhone)) is None
        assert "cod.phone_unblocked" in set(db.session.scalars(select(AuditEntry.action)))
    assert shopper.post("/checkout", data=FORM).status_code == 303


def test_a_wrong_number_is_explained(app, admin):
    response = admin.post("/admin/cash-on-delivery/blocked", data={"phone": "12345"})
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(BlockedPhone)) is None


def test_the_block_reason_counts_one_parcel_in_the_singular(app, admin):
    admin.post(f"/admin/orders/{_shipped_order(app)}/refused")
    page = admin.get("/fr/admin/cash-on-delivery").text
    assert 'value="1 colis refusé à la livraison"' in page and "Colis livrés" in page
