"""The card gateway this shop runs with: Stripe, switched on by STRIPE_SECRET_KEY.

Services and views receive a `CardGateway` (app/payments/gateway.py) and never name Stripe; this
is the one place that does. A second gateway (Morocco's CMI) would add its module and a setting
to choose between the two here, not before.
"""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.payments.gateway import CardGateway, GatewayUnavailable
from app.payments.stripe_gateway import StripeGateway


def card_enabled() -> bool:
    """Card payments are offered only when the gateway has its key."""
    return bool(current_app.config["STRIPE_SECRET_KEY"])


def get_gateway() -> CardGateway:
    """The card gateway (built per call: cheap, and no state shared between threads)."""
    if not card_enabled():
        raise GatewayUnavailable(_l("Card payment is not available."))
    return StripeGateway.from_config(current_app.config)
