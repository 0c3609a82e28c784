"""Gateway events: verified, recorded once, then dispatched by type through a table.

The event id is inserted first, in the same transaction as its effects: a second delivery
(or a concurrent one, which waits on the unique index) finds it and changes nothing.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.db import utcnow
from app.extensions import db
from app.payments import services
from app.payments.gateway import CardGateway, CheckoutState, GatewayEvent
from app.payments.models import WebhookEvent

log = logging.getLogger(__name__)


def _completed(state: CheckoutState, gateway: CardGateway) -> services.Outcome:
    # With delayed methods "completed" arrives unpaid; the async_payment_* event decides later.
    return services.confirm_checkout(state, gateway.livemode)


def _succeeded(state: CheckoutState, gateway: CardGateway) -> services.Outcome:
    return services.confirm_checkout(state, gateway.livemode)


def _failed(state: CheckoutState, gateway: CardGateway) -> services.Outcome:
    return services.checkout_failed(state)


def _expired(state: CheckoutState, gateway: CardGateway) -> services.Outcome:
    return services.checkout_expired(state, utcnow())


HANDLERS: dict[str, Callable[[CheckoutState, CardGateway], services.Outcome]] = {
    "checkout.session.completed": _completed,
    "checkout.session.async_payment_succeeded": _succeeded,
    "checkout.session.async_payment_failed": _failed,
    "checkout.session.expired": _expired,
}


def first_delivery(gateway_name: str, event: GatewayEvent) -> bool:
    """Record the event id; False when it was already processed (by this or a concurrent delivery)."""
    seen = select(WebhookEvent.id).where(WebhookEvent.gateway == gateway_name, WebhookEvent.event_id == event.id)
    if db.session.scalar(seen) is not None:
        return False
    try:
        with db.session.begin_nested():
            db.session.add(WebhookEvent(gateway=gateway_name, event_id=event.id, type=event.type))
    except IntegrityError:
        return False
    return True


def handle_event(event: GatewayEvent, gateway: CardGateway) -> services.Outcome | None:
    """Process a verified event once; unknown types and repeats are acknowledged without effect."""
    if not first_delivery(gateway.name, event):
        log.info("%s event %s already processed", gateway.name, event.id)
        return None
    handler = HANDLERS.get(event.type)
    if handler is None or event.checkout is None:
        log.info("%s event %s of type %s ignored", gateway.name, event.id, event.type)
        return None
    return handler(event.checkout, gateway)
