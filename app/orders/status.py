"""The order status flow as data, and the one function that moves an order.

Moves are conditional updates on the status the caller read, so two actors (a webhook and
the reservation sweeper, a shopper cancelling while a supplier ships) cannot both win.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from app.audit.services import record
from app.db import utcnow
from app.errors import Conflict
from app.extensions import db
from app.orders.models import Order
from app.orders.models import OrderStatus as S

ALLOWED: dict[S, frozenset[S]] = {
    S.PENDING_PAYMENT: frozenset({S.PAID, S.CONFIRMED, S.AWAITING_PHONE, S.CANCELLED}),
    # A first cash order from an unknown number: confirmed by the SMS code, or cancelled (by the
    # shopper, or when its reservation runs out).
    S.AWAITING_PHONE: frozenset({S.CONFIRMED, S.CANCELLED}),
    S.PAID: frozenset({S.SHIPPED, S.CANCELLED, S.REFUNDED}),
    S.CONFIRMED: frozenset({S.SHIPPED, S.CANCELLED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.REFUSED}),
    S.DELIVERED: frozenset({S.REFUNDED}),
    S.REFUSED: frozenset(),  # cash never changed hands: nothing to refund
    S.CANCELLED: frozenset({S.REFUNDED}),
    S.REFUNDED: frozenset(),
}
# Before anything leaves a workshop the shopper may still change their mind.
CANCELLABLE = frozenset({S.PENDING_PAYMENT, S.AWAITING_PHONE, S.PAID, S.CONFIRMED})
# Orders holding stock until `reservation_expires_at`: unpaid card orders, cash orders awaiting their code.
RESERVED = frozenset({S.PENDING_PAYMENT, S.AWAITING_PHONE})
# Orders whose lines count as sold (the supplier must prepare them): the statuses going ahead.
ACTIVE = frozenset(status for status in S if status.going_ahead)


class IllegalTransition(Conflict):
    """The order is not in a state that allows this move."""


class ChangedMeanwhile(Conflict):
    """Somebody else moved the order since it was read."""


def transition(order: Order, to: S, *, actor_id: int | None = None, reason: str = "") -> Order:
    """Move `order` to `to` if allowed from its current status; audit the move."""
    current = order.status
    if to not in ALLOWED[current]:
        raise IllegalTransition(_l("This order cannot go from %(a)s to %(b)s.", a=current.value, b=to.value))
    result = db.session.execute(
        update(Order).where(Order.id == order.id, Order.status == current)
        .values(status=to, updated_at=utcnow()).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise ChangedMeanwhile(_l("This order was changed in the meantime; please reload."))
    db.session.refresh(order)
    record(f"order.{to.value}", "order", order.id, actor_id, previous=current.value, number=order.number,
           reason=reason)
    return order
