"""Payment rows: the attempts made at a card gateway, and what may happen to each of them.

Plain values in (order ids, amounts), Payment rows out: what an order does about its payments
(confirm, cancel, refund) is decided in app.orders.card_payments. Services flush, never commit.
"""
from __future__ import annotations

import logging

from sqlalchemy import func, select

from app.extensions import db
from app.payments.gateway import CardGateway, GatewayUnavailable
from app.payments.models import Payment, PaymentState
from app.payments.status import move

log = logging.getLogger(__name__)

# Marks a succeeded payment the order did not need (paid after cancellation, cash, or twice).
REFUND_DUE = "refund due: order was not waiting for this payment"


def open_payment(order_id: int, number: str, amount: int, currency: str, gateway_name: str) -> Payment:
    """The attempt to reuse (same idempotency key, so the gateway answers with the same session)."""
    payment = db.session.scalar(
        select(Payment).where(Payment.order_id == order_id, Payment.state == PaymentState.CREATED)
        .order_by(Payment.id.desc())
    )
    if payment is not None:
        return payment
    attempt = db.session.scalar(select(func.count()).where(Payment.order_id == order_id)) + 1
    payment = Payment(order_id=order_id, gateway=gateway_name, amount_centimes=amount, currency=currency,
                      idempotency_key=f"{number}-{attempt}")
    db.session.add(payment)
    db.session.flush()
    return payment


def order_id_of(external_id: str) -> int | None:
    """The order a gateway session belongs to, read without a lock (the caller locks the order first)."""
    return db.session.scalar(select(Payment.order_id).where(Payment.external_id == external_id))


def lock_payment(external_id: str) -> Payment | None:
    """The payment row of a gateway session, locked and re-read."""
    return db.session.scalar(
        select(Payment).where(Payment.external_id == external_id).with_for_update()
        .execution_options(populate_existing=True)
    )


def open_payments(order_id: int) -> list[Payment]:
    return list(db.session.scalars(
        select(Payment).where(Payment.order_id == order_id, Payment.state == PaymentState.CREATED)
    ))


def succeeded_payments(order_id: int, only_refund_due: bool) -> list[Payment]:
    """The order's card money: all of it, or only the extra payments flagged as due for refund."""
    query = select(Payment).where(Payment.order_id == order_id, Payment.state == PaymentState.SUCCEEDED)
    if only_refund_due:
        query = query.where(Payment.flag_reason == REFUND_DUE)
    return list(db.session.scalars(query.order_by(Payment.id)))


def refund_payment(payment: Payment, gateway: CardGateway) -> None:
    """Give the money of one payment back (idempotent at the gateway); GatewayUnavailable if it cannot."""
    payment.refund_reference = gateway.refund(payment.payment_reference, payment.amount_centimes,
                                              f"refund-{payment.idempotency_key}")
    move(payment, PaymentState.REFUNDED)


def close_open_sessions(order_id: int, gateway: CardGateway | None, strict: bool) -> None:
    """Expire unpaid hosted sessions; `strict` refuses to go on if the gateway cannot confirm it.

    When not strict (cancellation, expiry) a session that still gets paid later is caught by
    confirm_checkout and flagged for refund.
    """
    for payment in open_payments(order_id):
        if payment.external_id and gateway is not None:
            try:
                gateway.expire_checkout(payment.external_id)
            except GatewayUnavailable:
                if strict:
                    raise
                log.warning("order id %s: session %s not expired at the gateway", order_id, payment.external_id)
        move(payment, PaymentState.EXPIRED)
        payment.redirect_url = ""
    db.session.flush()
