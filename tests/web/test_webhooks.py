# ruff: noqa: F811  (pytest fixtures imported from tests.stripe_fakes.fixtures arrive as arguments)
"""Stripe webhooks through HTTP: signature on the raw body, once per event id, forward-only states.

Stands in: CheckoutStandIn for Checkout Sessions, localstripe (127.0.0.1) for the PaymentIntent
behind a paid session. Payloads are signed exactly as Stripe signs them (t=...,v1=HMAC-SHA256).
"""
import threading
import time

import pytest
from sqlalchemy import func, select

from app import create_app
from app.audit.models import AuditEntry
from app.catalog.models import Product
from app.db import utcnow
from app.extensions import db
from app.mail import outbox_messages
from app.orders.models import Order, OrderStatus
from app.payments.models import Payment, PaymentState, WebhookEvent
from app.solidarity.models import LedgerEntry
from tests.factories import make_product
from tests.helpers import the_order
from tests.stripe_fakes.checkout_standin import event_payload, sign
from tests.stripe_fakes.fixtures import (  # noqa: F401  (fixtures)
    WEBHOOK_SECRET,
    _standin_server,
    card_app,
    card_client,
    card_config,
    localstripe_url,
    standin,
)

FORM = {"name": "Khadija Idrissi", "email": "khadija@example.ma", "phone": "+212 6 61 23 45 67",
        "delivery_method": "home", "city": "Fès", "address": "Talaa Kebira", "payment_method": "card"}


def _post(client, payload: str, secret: str = WEBHOOK_SECRET, timestamp: int | None = None, header=None):
    signature = sign(payload, secret, timestamp) if header is None else header
    return client.post("/webhooks/stripe", data=payload, content_type="application/json",
                       headers={"Stripe-Signature": signature})


def _deliver(client, kind: str, session: dict, event_id: str | None = None):
    return _post(client, event_payload(kind, session, event_id))


def _pending_card_order(app, client, standin, stock: int = 5) -> tuple[Order, str, int]:
    with app.app_context():
        pid = make_product(stock=stock, price_centimes=20000).id
        db.session.commit()
    client.post("/cart/items", data={"product_id": pid, "quantity": "1"})
    client.post("/checkout", data=FORM)
    (session_id,) = standin.sessions
    return the_order(app), session_id, pid


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _payment(app) -> Payment:
    with app.app_context():
        payment = db.session.scalar(select(Payment))
        db.session.expunge_all()
        return payment


def test_paid_session_marks_the_order_paid_credits_suppliers_and_mails(card_app, card_client, standin):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    response = _deliver(card_client, "checkout.session.completed", standin.pay(session_id))
    assert response.status_code == 200
    paid = the_order(card_app)
    assert paid.status == OrderStatus.PAID and paid.reservation_expires_at is None
    payment = _payment(card_app)
    assert payment.state == PaymentState.SUCCEEDED and payment.payment_reference.startswith("pi_")
    assert _count(card_app, LedgerEntry) == 1
    with card_app.app_context():
        assert any(order.number in m["Subject"] for m in outbox_messages())


def test_the_same_event_twice_changes_the_state_once(card_app, card_client, standin):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    payload = event_payload("checkout.session.completed", standin.pay(session_id))
    assert _post(card_client, payload).status_code == 200
    audits = _count(card_app, AuditEntry)
    assert _post(card_client, payload).status_code == 200
    assert _count(card_app, AuditEntry) == audits
    assert _count(card_app, WebhookEvent) == 1 and _count(card_app, LedgerEntry) == 1


def test_two_events_for_the_same_payment_credit_once(card_app, card_client, standin):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    session = standin.pay(session_id)
    _deliver(card_client, "checkout.session.completed", session)
    _deliver(card_client, "checkout.session.async_payment_succeeded", session)
    assert the_order(card_app).status == OrderStatus.PAID
    assert _count(card_app, LedgerEntry) == 1 and _count(card_app, WebhookEvent) == 2


def test_the_same_event_delivered_concurrently_changes_the_state_once(card_app, card_client, standin):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    payload = event_payload("checkout.session.completed", standin.pay(session_id))
    statuses = []

    def deliver():
        statuses.append(_post(card_app.test_client(), payload).status_code)

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(statuses) <= {200, 409} and 200 in statuses
    assert the_order(card_app).status == OrderStatus.PAID
    assert _count(card_app, LedgerEntry) == 1 and _count(card_app, WebhookEvent) == 1


def test_async_success_after_an_unpaid_completed_event_pays(card_app, card_client, standin):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    unpaid = {**standin.sessions[session_id], "status": "complete", "payment_status": "unpaid"}
    _deliver(card_client, "checkout.session.completed", unpaid)
    assert the_order(card_app).status == OrderStatus.PENDING_PAYMENT
    _deliver(card_client, "checkout.session.async_payment_succeeded", standin.pay(session_id))
    assert the_order(card_app).status == OrderStatus.PAID


@pytest.mark.parametrize("late", ["checkout.session.expired", "checkout.session.async_payment_failed",
                                  "checkout.session.completed"])
def test_late_events_never_downgrade_a_paid_order(card_app, card_client, standin, late):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    paid = standin.pay(session_id)
    stale = {**paid, "status": "expired" if late.endswith("expired") else "complete", "payment_status": "unpaid"}
    _deliver(card_client, "checkout.session.async_payment_succeeded", paid)
    assert _deliver(card_client, late, stale).status_code == 200
    assert the_order(card_app).status == OrderStatus.PAID
    assert _payment(card_app).state == PaymentState.SUCCEEDED


def test_failed_async_payment_keeps_the_reservation_for_a_retry_or_cash(card_app, card_client, standin):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    _deliver(card_client, "checkout.session.async_payment_failed", standin.sessions[session_id])
    assert the_order(card_app).status == OrderStatus.PENDING_PAYMENT
    assert _payment(card_app).state == PaymentState.FAILED
    retry = card_client.post(f"/orders/{order.number}/pay", data={"token": order.token})
    assert retry.status_code == 303 and standin.session_count() == 2


def test_expired_session_past_the_reservation_releases_the_stock(card_app, card_client, standin):
    order, session_id, pid = _pending_card_order(card_app, card_client, standin, stock=1)
    with card_app.app_context():
        db.session.get(Order, order.id).reservation_expires_at = utcnow()
        db.session.commit()
    expired = {**standin.sessions[session_id], "status": "expired"}
    _deliver(card_client, "checkout.session.expired", expired)
    assert the_order(card_app).status == OrderStatus.CANCELLED
    with card_app.app_context():
        assert db.session.get(Product, pid).stock == 1


def test_expired_session_within_the_reservation_lets_the_shopper_retry(card_app, card_client, standin):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    _deliver(card_client, "checkout.session.expired", {**standin.sessions[session_id], "status": "expired"})
    assert the_order(card_app).status == OrderStatus.PENDING_PAYMENT
    assert _payment(card_app).state == PaymentState.EXPIRED
    again = card_client.post(f"/orders/{order.number}/pay", data={"token": order.token})
    assert again.headers["Location"] != standin.sessions[session_id]["url"]


@pytest.mark.parametrize("tamper", ["body", "old_timestamp", "future_timestamp", "next_day_timestamp",
                                    "wrong_secret", "no_header", "garbage_header"])
def test_bad_signatures_are_refused_with_400_and_change_nothing(card_app, card_client, standin, tamper):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    payload = event_payload("checkout.session.completed", standin.pay(session_id))
    if tamper == "body":
        header = sign(payload, WEBHOOK_SECRET)
        response = _post(card_client, payload.replace('"amount_total": ', '"amount_total": 1'), header=header)
    elif tamper == "old_timestamp":
        response = _post(card_client, payload, timestamp=int(time.time()) - 301)
    elif tamper == "future_timestamp":  # signed with the right secret: only the clock is wrong
        response = _post(card_client, payload, timestamp=int(time.time()) + 600)
    elif tamper == "next_day_timestamp":
        response = _post(card_client, payload, timestamp=int(time.time()) + 86400)
    elif tamper == "wrong_secret":
        response = _post(card_client, payload, secret="whsec_someone_else")
    elif tamper == "no_header":
        response = card_client.post("/webhooks/stripe", data=payload, content_type="application/json")
    else:
        response = _post(card_client, payload, header="t=abc,v1=zzz")
    assert response.status_code == 400
    assert the_order(card_app).status == OrderStatus.PENDING_PAYMENT
    assert _count(card_app, WebhookEvent) == 0


def test_a_validly_signed_non_event_is_a_400(card_app, card_client, standin):
    assert _post(card_client, "[1, 2]").status_code == 400
    assert _post(card_client, "not json").status_code == 400


@pytest.mark.parametrize("amount,currency", [(100, None), (None, "eur")])
def test_a_payment_for_the_wrong_amount_or_currency_is_flagged_not_paid(card_app, card_client, standin,
                                                                       amount, currency):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    _deliver(card_client, "checkout.session.completed", standin.pay(session_id, amount=amount, currency=currency))
    flagged = the_order(card_app)
    assert flagged.status == OrderStatus.PENDING_PAYMENT and "flagged" in flagged.flag_reason
    assert _payment(card_app).state == PaymentState.FLAGGED
    assert _count(card_app, LedgerEntry) == 0


def test_a_live_mode_event_against_test_keys_is_flagged(card_app, card_client, standin):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    _deliver(card_client, "checkout.session.completed", {**standin.pay(session_id), "livemode": True})
    assert _payment(card_app).state == PaymentState.FLAGGED
    assert the_order(card_app).status == OrderStatus.PENDING_PAYMENT


def test_a_success_after_cancellation_is_flagged_for_refund(card_app, card_client, standin):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    card_client.post(f"/orders/{order.number}/cancel", data={"token": order.token})
    assert the_order(card_app).status == OrderStatus.CANCELLED
    _deliver(card_client, "checkout.session.completed", standin.pay(session_id, force=True))
    late = the_order(card_app)
    assert late.status == OrderStatus.CANCELLED and late.needs_refund
    assert _payment(card_app).state == PaymentState.SUCCEEDED  # the money is recorded, not lost
    assert _count(card_app, LedgerEntry) == 0


def test_events_for_unknown_orders_are_acknowledged(card_app, card_client, standin):
    session = {"id": "cs_test_unknown", "object": "checkout.session", "amount_total": 100, "currency": "mad",
               "payment_status": "paid", "status": "complete", "metadata": {"order_number": "SS-NOPE0000"},
               "livemode": False}
    assert _deliver(card_client, "checkout.session.completed", session).status_code == 200
    assert _deliver(card_client, "charge.refunded", {"id": "ch_1", "object": "charge"}).status_code == 200


def test_the_webhook_needs_no_csrf_token_when_csrf_is_on(card_app, app_config, standin):
    strict = create_app(card_config(app_config, standin.url, WTF_CSRF_ENABLED=True))
    client = strict.test_client()
    assert client.post("/cart/items", data={"product_id": "1", "quantity": "1"}).status_code == 400
    session = {"id": "cs_test_none", "object": "checkout.session", "payment_status": "paid", "metadata": {}}
    assert _deliver(client, "checkout.session.completed", session).status_code == 200


def test_without_a_webhook_secret_the_route_is_closed(app, client):
    assert client.post("/webhooks/stripe", data="{}").status_code == 404


def _staff_client(app):
    from app.accounts.models import Role
    from tests.factories import make_user
    from tests.helpers import login_as

    with app.app_context():
        client = app.test_client()
        login_as(client, make_user(Role.ADMIN))
        db.session.commit()
    return client


def test_staff_refund_a_payment_that_arrived_after_cancellation(card_app, card_client, standin):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    card_client.post(f"/orders/{order.number}/cancel", data={"token": order.token})
    _deliver(card_client, "checkout.session.completed", standin.pay(session_id, force=True))
    assert card_client.post(f"/admin/orders/{order.number}/refund").status_code in (302, 401)  # the shopper cannot
    assert _staff_client(card_app).post(f"/admin/orders/{order.number}/refund").status_code == 303
    refunded = the_order(card_app)
    assert refunded.status == OrderStatus.REFUNDED and not refunded.needs_refund
    payment = _payment(card_app)
    assert payment.state == PaymentState.REFUNDED and payment.refund_reference.startswith("re_")


def test_a_card_payment_after_switching_to_cash_is_refunded_and_the_cash_order_stands(card_app, card_client,
                                                                                     standin):
    order, session_id, _ = _pending_card_order(card_app, card_client, standin)
    card_client.post(f"/orders/{order.number}/cash", data={"token": order.token})
    _deliver(card_client, "checkout.session.completed", standin.pay(session_id, force=True))
    assert the_order(card_app).needs_refund
    _staff_client(card_app).post(f"/admin/orders/{order.number}/refund")
    kept = the_order(card_app)
    assert kept.status == OrderStatus.CONFIRMED and not kept.needs_refund
    assert _payment(card_app).state == PaymentState.REFUNDED
    assert _count(card_app, LedgerEntry) == 1  # the cash sale's earning stays
