"""The payment state flow as data, and the one function that moves a payment.

A payment only moves forward: a closed attempt (failed, expired) may still be paid late (the
order is then flagged for a refund), money received may only be given back, and a flagged or
refunded payment is final.
"""
from __future__ import annotations

from app.errors import Conflict
from app.payments.models import Payment
from app.payments.models import PaymentState as P

ALLOWED: dict[P, frozenset[P]] = {
    P.CREATED: frozenset({P.SUCCEEDED, P.FAILED, P.EXPIRED, P.FLAGGED}),
    P.FAILED: frozenset({P.SUCCEEDED, P.FLAGGED}),
    P.EXPIRED: frozenset({P.SUCCEEDED, P.FLAGGED}),
    P.SUCCEEDED: frozenset({P.REFUNDED}),
    P.REFUNDED: frozenset(),
    P.FLAGGED: frozenset(),
}
# States a gateway's "paid" can no longer change.
FINAL = frozenset({P.SUCCEEDED, P.REFUNDED, P.FLAGGED})


class IllegalPaymentMove(Conflict):
    """A payment asked to go backwards (a bug or a replay, never a visitor's doing)."""

    public = False


def move(payment: Payment, to: P) -> Payment:
    """Set the payment's state if the flow allows it (the caller holds the row lock)."""
    if to not in ALLOWED[payment.state]:
        raise IllegalPaymentMove(f"payment {payment.id}: {payment.state.value} -> {to.value}")
    payment.state = to
    return payment
