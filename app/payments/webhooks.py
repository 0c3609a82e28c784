"""Gateway events recorded once (the dispatch by type is app.orders.card_payments.handle_event).

The event id is inserted first, in the same transaction as its effects: a second delivery
(or a concurrent one, which waits on the unique index) finds it and changes nothing.
"""
from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.payments.gateway import GatewayEvent
from app.payments.models import WebhookEvent

log = logging.getLogger(__name__)


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
