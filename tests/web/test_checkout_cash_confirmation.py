"""A first cash order from a number never delivered to waits for the SMS code sent to it (through the
outbox backend of app.sms): only then does it reach its suppliers; unconfirmed, it gives its stock back."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.errors import InvalidCode
from app.catalog.models import Product
from app.db import utcnow
from app.extensions import db
from app.notifications.models import Notification
from app.orders.cash import CashBlocked
from app.orders.commands import expire_reservations_job
from app.orders.models import BlockedPhone, Order, OrderLine, OrderStatus, PaymentMethod
from app.orders.services import confirm_phone, place_order, switch_to_cash
from app.sms.outbox import outbox_sms
from app.solidarity.models import LedgerEntry
from app.suppliers.models import Supplier
from tests.factories import (
    checkout_details,
    make_cart,
    make_fair,
    make_product,
    make_supplier,
    make_user,
    place_test_order,
)
from tests.helpers import fill_cart, last_sms_code, login_as

PHONE = "+212612345678"
FORM = {"name": "Amina Benali", "email": "amina@example.ma", "phone": "06 12 34 56 78",
        "delivery_method": "home", "city": "Rabat", "address": "3 rue Souika", "payment_method": "cash"}


@pytest.fixture(autouse=True)
def confirm_new_phones(app, outbox):
    """The shared test settings confirm every cash order at once; these tests are about the code."""
    app.config["COD_CONFIRM_NEW_PHONES"] = True
    yield
    app.config["COD_CONFIRM_NEW_PHONES"] = False


def _place(app, client, **fields) -> tuple[Order, str]:
    fill_cart(app, client, {"stock": 5})
    response = client.post("/checkout", data={**FORM, **fields})
    assert response.status_code == 303
    with app.app_context():
        order = db.session.scalar(select(Order).order_by(Order.id.desc()))
        db.session.expunge_all()
    return order, response.headers["Location"]


def _reload(app, order_id: int) -> Order:
    with app.app_context():
        order = db.session.get(Order, order_id)
        db.session.expunge_all()
        return order


def _reached_suppliers(app, order: Order) -> tuple[bool, bool, bool]:
    """(a supplier notice was sent, the supplier's earning is in the ledger, the line is on their orders page)."""
    with app.app_context():
        notices = db.session.scalar(select(func.count()).select_from(Notification))
        earnings = db.session.scalar(select(func.count()).select_from(LedgerEntry))
        supplier = db.session.scalar(select(Supplier).join(OrderLine, OrderLine.supplier_id == Supplier.id)
                                     .where(OrderLine.order_id == order.id))
        portal = app.test_client()
        login_as(portal, supplier.user)
    page = portal.get("/supplier/orders").get_data(as_text=True)
    return bool(notices), bool(earnings), order.number in page


NOWHERE, EVERYWHERE = (False, False, False), (True, True, True)


def test_a_first_cash_order_waits_for_the_code_and_keeps_its_stock(app, client):
    order, location = _place(app, client)
    assert order.status == OrderStatus.AWAITING_PHONE and order.reservation_expires_at is not None
    messages = outbox_sms_for(app, PHONE)
    assert len(messages) == 1 and order.number in messages[0]["body"]
    with app.app_context():
        assert db.session.scalar(select(Product.stock)) == 4  # reserved at placement, as for a card order
    page = client.get(location).get_data(as_text=True)
    assert "06 •• •• •• 78" in page and 'name="code"' in page
    assert _reached_suppliers(app, order) == NOWHERE


def outbox_sms_for(app, phone: str) -> list[dict]:
    with app.app_context():
        return outbox_sms(phone)


def test_the_right_code_confirms_the_order_and_it_reaches_the_suppliers(app, client):
    order, _ = _place(app, client)
    code = last_sms_code(app, PHONE)
    wrong = "000000" if code != "000000" else "111111"
    refused = client.post(f"/orders/{order.number}/code", data={"token": order.token, "code": wrong})
    assert refused.status_code == 422 and "This code is wrong or has expired" in refused.get_data(as_text=True)
    assert _reload(app, order.id).status == OrderStatus.AWAITING_PHONE
    assert _reached_suppliers(app, order) == NOWHERE

    confirmed = client.post(f"/orders/{order.number}/code", data={"token": order.token, "code": code})
    assert confirmed.status_code == 303
    order = _reload(app, order.id)
    assert order.status == OrderStatus.CONFIRMED and order.reservation_expires_at is None
    assert _reached_suppliers(app, order) == EVERYWHERE


def test_the_code_needs_the_order_link(app, client):
    order, _ = _place(app, client)
    code = last_sms_code(app, PHONE)
    stranger = app.test_client()
    assert stranger.post(f"/orders/{order.number}/code", data={"token": "x" * 43, "code": code}).status_code == 404
    assert _reload(app, order.id).status == OrderStatus.AWAITING_PHONE


def test_five_wrong_guesses_spend_the_code(app, client):
    order, _ = _place(app, client)
    code = last_sms_code(app, PHONE)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        client.post(f"/orders/{order.number}/code", data={"token": order.token, "code": wrong})
    client.post(f"/orders/{order.number}/code", data={"token": order.token, "code": code})
    assert _reload(app, order.id).status == OrderStatus.AWAITING_PHONE


def test_a_new_code_replaces_the_old_one(app, client):
    order, _ = _place(app, client)
    old = last_sms_code(app, PHONE)
    assert client.post(f"/orders/{order.number}/code/resend", data={"token": order.token}).status_code == 303
    assert len(outbox_sms_for(app, PHONE)) == 2
    new = last_sms_code(app, PHONE)
    if old != new:
        client.post(f"/orders/{order.number}/code", data={"token": order.token, "code": old})
        assert _reload(app, order.id).status == OrderStatus.AWAITING_PHONE
    client.post(f"/orders/{order.number}/code", data={"token": order.token, "code": new})
    assert _reload(app, order.id).status == OrderStatus.CONFIRMED


def test_an_unconfirmed_order_gives_its_stock_back_and_never_reaches_the_suppliers(app, client):
    order, _ = _place(app, client)
    with app.app_context():
        db.session.execute(Order.__table__.update().values(reservation_expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
        assert expire_reservations_job() == 1
        assert db.session.scalar(select(Product.stock)) == 5
    assert _reload(app, order.id).status == OrderStatus.CANCELLED
    notified, credited, _listed = _reached_suppliers(app, order)  # listed as cancelled, like an expired card order
    assert (notified, credited) == (False, False)


def test_a_number_once_delivered_to_is_not_asked_again(app_ctx):
    app_ctx.config["COD_CONFIRM_NEW_PHONES"] = True
    first = place_test_order((make_product(), 1))
    assert first.status == OrderStatus.AWAITING_PHONE
    first.status = OrderStatus.DELIVERED  # the courier brought it and was paid
    db.session.flush()
    assert place_test_order((make_product(), 1)).status == OrderStatus.CONFIRMED
    assert place_test_order((make_product(), 1), phone="+212698765432").status == OrderStatus.AWAITING_PHONE


def test_a_shopper_ordering_with_the_number_of_their_account_is_not_asked_again(app_ctx):
    app_ctx.config["COD_CONFIRM_NEW_PHONES"] = True
    shopper = make_user(phone=PHONE)  # an account's number was proved by a code when it was set
    assert place_test_order((make_product(), 1), user=shopper).status == OrderStatus.CONFIRMED
    assert place_test_order((make_product(), 1), user=make_user()).status == OrderStatus.AWAITING_PHONE


def test_an_order_collected_at_a_fair_stand_is_not_held(app_ctx):
    """Paid at the stand when collected: no parcel, no courier, nothing to confirm first."""
    app_ctx.config["COD_CONFIRM_NEW_PHONES"] = True
    supplier = make_supplier()
    fair = make_fair(days_from_now=0, suppliers=(supplier,))
    order = place_test_order((make_product(supplier), 1), delivery="stand", from_fair=True, fair_id=fair.id)
    assert order.status == OrderStatus.CONFIRMED


def test_a_landline_cannot_receive_the_code(app, client):
    fill_cart(app, client, {"stock": 5})
    response = client.post("/checkout", data={**FORM, "phone": "05 22 12 34 56"})
    assert response.status_code == 422 and "give a mobile number" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Order)) == 0


def test_a_card_order_switched_to_cash_waits_for_the_code_too(app_ctx):
    order = place_order(make_cart((make_product(), 1)).id, checkout_details("card"))
    switch_to_cash(order)
    assert order.status == OrderStatus.AWAITING_PHONE and order.reservation_expires_at is not None
    with pytest.raises(InvalidCode):
        confirm_phone(order, "not-a-code")


def test_a_card_order_is_not_switched_to_cash_for_a_blocked_number(app_ctx):
    order = place_order(make_cart((make_product(), 1)).id, checkout_details("card"))
    db.session.add(BlockedPhone(phone=order.phone, reason="parcels refused"))
    db.session.flush()
    with pytest.raises(CashBlocked):
        switch_to_cash(order)
    assert order.status == OrderStatus.PENDING_PAYMENT and order.payment_method == PaymentMethod.CARD
