"""Card payments in our terms: open a hosted checkout, mark an order paid, refund a cancelled one.

`confirm_checkout` is the one idempotent "mark paid" used by both the webhook and the return
page; it runs with the payment and order rows locked, checks amount, currency and mode against
the order, and only ever moves states forward.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.audit.services import record
from app.errors import Conflict
from app.extensions import db
from app.orders import services as orders
from app.orders.models import Order, OrderStatus, PaymentMethod
from app.orders.services import cancel_order, lock_order
from app.orders.status import transition
from app.payments.gateway import CardGateway, CheckoutRequest, CheckoutState, GatewayUnavailable, LineItem
from app.payments.models import Payment, PaymentState
from app.solidarity import ledger

log = logging.getLogger(__name__)

# Marks a succeeded payment the order did not need (paid after cancellation, cash, or twice).
REFUND_DUE = "refund due: order was not waiting for this payment"
FINAL_STATES = frozenset({PaymentState.SUCCEEDED, PaymentState.REFUNDED, PaymentState.FLAGGED})


class NotPayable(Conflict):
    """The order no longer waits for a card payment."""


@dataclass(frozen=True)
class Outcome:
    """What confirming a checkout did, for the caller to report (and to mail after commit)."""

    order: Order | None
    changed: bool
    newly_paid: bool = False


def checkout_request(order: Order, payment: Payment, success_url: str, cancel_url: str) -> CheckoutRequest:
    """Line items from the database snapshot plus the delivery fee: the exact order total."""
    lines = [LineItem(line.title, line.unit_price_centimes, line.quantity) for line in order.lines]
    if order.delivery_fee_centimes:
        lines.append(LineItem(str(_l("Home delivery")), order.delivery_fee_centimes, 1))
    return CheckoutRequest(order.number, order.total_centimes, order.currency, lines, order.email,
                           success_url, cancel_url, payment.idempotency_key, order.locale)


def _open_payment(order: Order, gateway_name: str) -> Payment:
    """The attempt to reuse (same idempotency key, so the gateway answers with the same session)."""
    payment = db.session.scalar(
        select(Payment).where(Payment.order_id == order.id, Payment.state == PaymentState.CREATED)
        .order_by(Payment.id.desc())
    )
    if payment is not None:
        return payment
    attempt = db.session.scalar(select(func.count()).where(Payment.order_id == order.id)) + 1
    payment = Payment(order_id=order.id, gateway=gateway_name, amount_centimes=order.total_centimes,
                      currency=order.currency, idempotency_key=f"{order.number}-{attempt}")
    db.session.add(payment)
    db.session.flush()
    return payment


def prepare_payment(order: Order, gateway_name: str) -> Payment:
    """Record the attempt before calling the gateway, so a timeout leaves a key to retry with."""
    order = lock_order(order.id)  # two taps on "Pay" must not number two attempts alike
    if order.status != OrderStatus.PENDING_PAYMENT:
        raise NotPayable(_l("This order is not waiting for a card payment."))
    return _open_payment(order, gateway_name)


def open_checkout(order: Order, payment: Payment, gateway: CardGateway, success_url: str, cancel_url: str) -> str:
    """The hosted page's address: the stored one if the session is open, else a new (idempotent) session."""
    if payment.redirect_url:
        return payment.redirect_url
    hosted = gateway.create_checkout(checkout_request(order, payment, success_url, cancel_url))
    payment.external_id = hosted.external_id
    payment.redirect_url = hosted.url
    db.session.flush()
    log.info("order %s: checkout session %s opened", order.number, hosted.external_id)
    return hosted.url


def _lock_order_and_payment(external_id: str) -> tuple[Order | None, Payment | None]:
    """Lock the order, then its payment: the same order as every other writer (cancel, expiry,
    shipping lock the order first), so a webhook and a cancellation can never deadlock."""
    order_id = db.session.scalar(select(Payment.order_id).where(Payment.external_id == external_id))
    if order_id is None:
        return None, None
    order = lock_order(order_id)
    payment = db.session.scalar(
        select(Payment).where(Payment.external_id == external_id).with_for_update()
        .execution_options(populate_existing=True)
    )
    return order, payment


def _mismatch(state: CheckoutState, payment: Payment, order: Order, livemode: bool) -> str:
    if state.amount != order.total_centimes or state.amount != payment.amount_centimes:
        return f"amount {state.amount} != {order.total_centimes}"
    if state.currency.upper() != order.currency.upper():
        return f"currency {state.currency} != {order.currency}"
    if state.livemode != livemode:
        return f"livemode {state.livemode} != {livemode}"
    return ""


def confirm_checkout(state: CheckoutState, livemode: bool) -> Outcome:
    """Mark the order paid if the gateway says so and everything matches; harmless when repeated."""
    order, payment = _lock_order_and_payment(state.external_id)
    if payment is None:
        log.warning("checkout %s for unknown order %r acknowledged", state.external_id, state.order_number)
        return Outcome(None, False)
    if not state.paid or payment.state in FINAL_STATES:
        return Outcome(order, False)
    problem = _mismatch(state, payment, order, livemode)
    if problem:
        payment.state, payment.flag_reason = PaymentState.FLAGGED, problem[:255]
        order.flag_reason = f"payment {payment.id} flagged: {problem}"[:255]
        record("payment.flagged", "order", order.id, None, number=order.number, reason=problem)
        log.error("order %s: payment %s flagged (%s), order not paid", order.number, payment.id, problem)
        return Outcome(order, True)
    payment.state, payment.payment_reference = PaymentState.SUCCEEDED, state.payment_reference
    if order.status != OrderStatus.PENDING_PAYMENT:
        payment.flag_reason = REFUND_DUE
        # Paid after the reservation ran out or the shopper cancelled or switched to cash:
        # the money is real, so the order is flagged for a refund by staff, never lost.
        order.needs_refund = True
        order.flag_reason = f"payment {payment.id} succeeded while order was {order.status.value}"
        record("payment.needs_refund", "order", order.id, None, number=order.number)
        log.error("order %s: paid while %s, flagged for refund", order.number, order.status.value)
        return Outcome(order, True)
    transition(order, OrderStatus.PAID, reason=f"payment {payment.id}")
    order.reservation_expires_at = None
    ledger.credit_order(order)
    log.info("order %s paid by card (payment %s)", order.number, payment.id)
    return Outcome(order, True, newly_paid=True)


def checkout_failed(state: CheckoutState) -> Outcome:
    """An async payment failed: the attempt ends, the order keeps its reservation for a retry or cash."""
    return _close_attempt(state, PaymentState.FAILED)


def checkout_expired(state: CheckoutState, now) -> Outcome:
    """The hosted session expired: the attempt ends; past the reservation, the stock goes back."""
    outcome = _close_attempt(state, PaymentState.EXPIRED)
    order = outcome.order
    if order is not None and order.status == OrderStatus.PENDING_PAYMENT and order.reservation_expires_at \
            and order.reservation_expires_at <= now:
        cancel_order(order, reason="checkout expired")
        return Outcome(order, True)
    return outcome


def _close_attempt(state: CheckoutState, to: PaymentState) -> Outcome:
    order, payment = _lock_order_and_payment(state.external_id)
    if payment is None:
        log.warning("checkout %s for unknown order %r acknowledged", state.external_id, state.order_number)
        return Outcome(None, False)
    if payment.state != PaymentState.CREATED:  # never downgrade a finished attempt
        return Outcome(order, False)
    payment.state = to
    payment.redirect_url = ""
    db.session.flush()
    return Outcome(order, True)


def _refundable(order: Order) -> list[Payment]:
    """All card money of a cancelled order; of a live order, only the extra payments flagged as due."""
    query = select(Payment).where(Payment.order_id == order.id, Payment.state == PaymentState.SUCCEEDED)
    if order.status != OrderStatus.CANCELLED:
        query = query.where(Payment.flag_reason == REFUND_DUE)
    return list(db.session.scalars(query.order_by(Payment.id)))


def refund_order(order: Order, gateway: CardGateway | None, actor_id: int | None) -> bool:
    """Refund what must be refunded; a cancelled order becomes refunded. On failure the order stays flagged."""
    due = _refundable(order)
    if not due:
        return False
    for payment in due:
        try:
            if gateway is None:
                raise GatewayUnavailable(_l("Card payment is not available."))
            payment.refund_reference = gateway.refund(payment.payment_reference, payment.amount_centimes,
                                                      f"refund-{payment.idempotency_key}")
        except GatewayUnavailable:
            order.needs_refund = True
            order.flag_reason = f"refund of payment {payment.id} failed: retry"
            record("payment.refund_failed", "order", order.id, actor_id, number=order.number)
            return False
        payment.state = PaymentState.REFUNDED
        record("payment.refunded", "order", order.id, actor_id, number=order.number, refund=payment.refund_reference)
    order.needs_refund = False
    if order.status == OrderStatus.CANCELLED:
        transition(order, OrderStatus.REFUNDED, actor_id=actor_id, reason="card payment refunded")
    return True


def cancel_and_refund(order: Order, gateway: CardGateway | None, actor_id: int | None = None,
                      reason: str = "") -> Order:
    """Cancel an order before shipping; a card-paid order is refunded through its gateway."""
    order = lock_order(order.id)
    was_paid = order.status == OrderStatus.PAID
    cancel_order(order, actor_id, reason)
    close_open_sessions(order, gateway, strict=False)
    if was_paid and order.payment_method == PaymentMethod.CARD:
        refund_order(order, gateway, actor_id)
    return order


def switch_to_cash(order: Order, gateway: CardGateway | None, actor_id: int | None = None) -> Order:
    """Give up card payment: open sessions are expired first so the shopper cannot pay twice."""
    order = lock_order(order.id)
    if order.status != OrderStatus.PENDING_PAYMENT:
        raise NotPayable(_l("This order is not waiting for a card payment."))
    close_open_sessions(order, gateway, strict=True)
    return orders.switch_to_cash(order, actor_id)


def open_payments(order: Order) -> list[Payment]:
    return list(db.session.scalars(
        select(Payment).where(Payment.order_id == order.id, Payment.state == PaymentState.CREATED)
    ))


def close_open_sessions(order: Order, gateway: CardGateway | None, strict: bool) -> None:
    """Expire unpaid hosted sessions; `strict` refuses to go on if the gateway cannot confirm it.

    When not strict (cancellation, expiry) a session that still gets paid later is caught by
    confirm_checkout and flagged for refund.
    """
    for payment in open_payments(order):
        if payment.external_id and gateway is not None:
            try:
                gateway.expire_checkout(payment.external_id)
            except GatewayUnavailable:
                if strict:
                    raise
                log.warning("order %s: session %s not expired at the gateway", order.number, payment.external_id)
        payment.state = PaymentState.EXPIRED
        payment.redirect_url = ""
    db.session.flush()
