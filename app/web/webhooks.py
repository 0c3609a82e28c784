"""Payment gateway webhooks: the only CSRF-exempt routes (the signature is their protection)."""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify, request
from sqlalchemy.exc import OperationalError

from app.errors import DomainError
from app.extensions import csrf
from app.orders.card_payments import handle_event
from app.payments.configured import card_enabled, get_gateway
from app.web.order_mail import mail_confirmation
from app.web.unit_of_work import commit, rollback

log = logging.getLogger(__name__)
bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")


@bp.post("/stripe")
@csrf.exempt
def stripe_event():
    """Verify on the raw body, record the event id, dispatch; 200 for repeats and unknown orders."""
    if not card_enabled() or not current_app.config.get("STRIPE_WEBHOOK_SECRET"):
        return jsonify(error={"status": 404, "message": "not configured"}), 404
    gateway = get_gateway()
    event = gateway.verify_event(request.get_data(cache=False), request.headers.get("Stripe-Signature"))
    try:
        outcome = handle_event(event, gateway)
        commit()
    except DomainError as error:
        # e.g. the order moved under us: no 2xx, so Stripe delivers again and we re-check.
        rollback()
        log.warning("stripe event %s not processed now: %s", event.id, error.message)
        return jsonify(error={"status": 409, "message": "retry"}), 409
    except OperationalError:
        # A lock timeout or deadlock victim: nothing was kept; Stripe retries with backoff.
        rollback()
        log.warning("stripe event %s hit a database conflict; Stripe will retry", event.id)
        return jsonify(error={"status": 503, "message": "retry"}), 503
    if outcome and outcome.newly_paid:
        mail_confirmation(outcome.order)
    return jsonify(received=True)
