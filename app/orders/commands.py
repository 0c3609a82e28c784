"""Flask commands of this domain (registered by app.cli)."""
from __future__ import annotations

import logging

import click
from flask.cli import with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from app import jobs
from app.db import utcnow
from app.errors import DomainError
from app.extensions import db
from app.orders.services import expire_reservation, expired_reservations
from app.payments.configured import card_enabled, get_gateway
from app.payments.services import close_open_sessions

log = logging.getLogger(__name__)


def expire_reservations_job() -> int:
    """Cancel unpaid card orders, and cash orders whose SMS code never came, past their reservation and give
    their stock back (RQ-friendly).

    One transaction per order, so one stuck order never holds back the others. Open hosted
    sessions are expired best effort: a payment that still arrives is flagged for refund.
    """
    now = utcnow()
    expired = 0
    gateway = get_gateway() if card_enabled() else None
    for order_id in expired_reservations(now):
        try:
            order = expire_reservation(order_id, now)
            if order is not None:
                close_open_sessions(order.id, gateway, strict=False)
                expired += 1
            jobs.commit()
        except (DomainError, SQLAlchemyError):
            db.session.rollback()
            log.exception("reservation of order id %s not expired; retried next run", order_id)
    return expired


@click.command("expire-reservations")
@with_appcontext
def expire_reservations_command() -> None:
    """Release the stock of unpaid card orders, and unconfirmed cash orders, whose reservation has run out."""
    click.echo(f"{expire_reservations_job()} reservation(s) expired")


commands: list = [expire_reservations_command]
