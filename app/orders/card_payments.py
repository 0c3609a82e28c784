"""An order's card payment: open a hosted checkout, mark the order paid, cancel, refund.

The orchestration lives here, with the order; app.payments keeps the gateway and the payment
rows. `confirm_checkout` is the one idempotent "mark paid" used by both the webhook and the
return page; it runs with the order and payment rows locked, checks amount, currency and mode
against the order, and only ever moves states forward (app.payments.status).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.audit.services import record
from app.db import utcnow
from app.errors import Conflict
from app.extensions import db
from app.orders import services as orders
from app.orders.models import Order, OrderStatus, PaymentMethod
from app.orders.services import cancel_order, lock_order
from app.orders.status import transition
from app.payments import services as payments
from app.payments.gateway import (
    CardGateway,
    CheckoutRequest,
    CheckoutState,
    GatewayEvent,
    GatewayUnavailable,
    LineItem,
)
from app.payments.models import Payment, PaymentState
from app.payments.services import REFUND_DUE
from app.payments.status import FINAL, move
from app.payments.webhooks import first_delivery
from app.solidarity import ledger

log = logging.getLogger(__name__)



class NotPayable(Conflict):
    """The order no longer waits for a card payment."""


class NothingToRefund(Conflict):
    """No card money of this order is due back."""


class RefundFailed(Conflict):
    """The gateway could not refund now: the order stays flagged (kept: the edge commits this refusal)."""

    status = 503


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


def prepare_payment(order: Order, gateway_name: str) -> Payment:
    """Record the attempt before calling the gateway, so a timeout leaves a key to retry with."""
    order = lock_order(order.id)  # two taps on "Pay" must not number two attempts alike
    if order.status != OrderStatus.PENDING_PAYMENT:
        raise NotPayable(_l("This order is not waiting for a card payment."))
    return payments.open_payment(order.id, order.number, order.total_centimes, order.currency, gateway_name)


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
    order_id = payments.order_id_of(external_id)
    if order_id is None:
        return None, None
    order = lock_order(order_id)
    return order, payments.lock_payment(external_id)


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
    if not state.paid or payment.state in FINAL:
        return Outcome(order, False)
    problem = _mismatch(state, payment, order, livemode)
    if problem:
        move(payment, PaymentState.FLAGGED).flag_reason = problem[:255]
        order.flag_reason = f"payment {payment.id} flagged: {problem}"[:255]
        record("payment.flagged", "order", order.id, None, number=order.number, reason=problem)
        log.error("order %s: payment %s flagged (%s), order not paid", order.number, payment.id, problem)
        return Outcome(order, True)
    move(payment, PaymentState.SUCCEEDED).payment_reference = state.payment_reference
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
    move(payment, to).redirect_url = ""
    db.session.flush()
    return Outcome(order, True)


def refund_order(order: Order, gateway: CardGateway | None, actor_id: int | None) -> list[Payment]:
    """Refund what must be refunded (all card money of a cancelled order, else only payments due);
    a cancelled order becomes refunded.

    NothingToRefund when nothing is due; RefundFailed when the gateway fails, after flagging the
    order and recording the failure (the edge commits that refusal, so the flag stays).
    """
    due = payments.succeeded_payments(order.id, only_refund_due=order.status != OrderStatus.CANCELLED)
    if not due:
        raise NothingToRefund(_l("Nothing is due for refund on this order."))
    for payment in due:
        try:
            if gateway is None:
                raise GatewayUnavailable(_l("Card payment is not available."))
            payments.refund_payment(payment, gateway)
        except GatewayUnavailable as error:
            order.needs_refund = True
            order.flag_reason = f"refund of payment {payment.id} failed: retry"
            record("payment.refund_failed", "order", order.id, actor_id, number=order.number)
            raise RefundFailed(_l("The refund could not be made now; the order stays flagged.")) from error
        record("payment.refunded", "order", order.id, actor_id, number=order.number, refund=payment.refund_reference)
    order.needs_refund = False
    if order.status == OrderStatus.CANCELLED:
        transition(order, OrderStatus.REFUNDED, actor_id=actor_id, reason="card payment refunded")
    return due


def refund_flagged(order: Order, gateway: CardGateway | None, actor_id: int) -> list[Payment]:
    """Staff's refund of an order flagged needs_refund; NothingToRefund when it is not flagged."""
    order = lock_order(order.id)
    if not order.needs_refund:
        raise NothingToRefund(_l("Nothing is due for refund on this order."))
    return refund_order(order, gateway, actor_id)


def cancel_and_refund(order: Order, gateway: CardGateway | None, actor_id: int | None = None,
                      reason: str = "") -> Order:
    """Cancel an order before shipping; a card-paid order is refunded through its gateway."""
    order = lock_order(order.id)
    was_paid = order.status == OrderStatus.PAID
    cancel_order(order, actor_id, reason)
    payments.close_open_sessions(order.id, gateway, strict=False)
    if was_paid and order.payment_method == PaymentMethod.CARD:
        try:
            refund_order(order, gateway, actor_id)
        except (NothingToRefund, RefundFailed):
            log.warning("order %s cancelled; its refund is left to staff", order.number)
    return order


def switch_to_cash(order: Order, gateway: CardGateway | None, actor_id: int | None = None) -> Order:
    """Give up card payment: open sessions are expired first so the shopper cannot pay twice."""
    order = lock_order(order.id)
    if order.status != OrderStatus.PENDING_PAYMENT:
        raise NotPayable(_l("This order is not waiting for a card payment."))
    payments.close_open_sessions(order.id, gateway, strict=True)
    return orders.switch_to_cash(order, actor_id)


# -- gateway events: verified by the edge, recorded once, dispatched by type through a table --

def _completed(state: CheckoutState, gateway: CardGateway) -> Outcome:
    # With delayed methods "completed" arrives unpaid; the async_payment_* event decides later.
    return confirm_checkout(state, gateway.livemode)


def _succeeded(state: CheckoutState, gateway: CardGateway) -> Outcome:
    return confirm_checkout(state, gateway.livemode)


def _failed(state: CheckoutState, gateway: CardGateway) -> Outcome:
    return checkout_failed(state)


def _expired(state: CheckoutState, gateway: CardGateway) -> Outcome:
    return checkout_expired(state, utcnow())


HANDLERS: dict[str, Callable[[CheckoutState, CardGateway], Outcome]] = {
    "checkout.session.completed": _completed,
    "checkout.session.async_payment_succeeded": _succeeded,
    "checkout.session.async_payment_failed": _failed,
    "checkout.session.expired": _expired,
}


def handle_event(event: GatewayEvent, gateway: CardGateway) -> Outcome | None:
    """Process a verified event once; unknown types and repeats are acknowledged without effect."""
    if not first_delivery(gateway.name, event):
        log.info("%s event %s already processed", gateway.name, event.id)
        return None
    handler = HANDLERS.get(event.type)
    if handler is None or event.checkout is None:
        log.info("%s event %s of type %s ignored", gateway.name, event.id, event.type)
        return None
    return handler(event.checkout, gateway)
