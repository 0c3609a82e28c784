"""Stripe behind the gateway interface: the only module that imports `stripe`.

Hosted Checkout Sessions in centimes of MAD; short timeouts so a slow Stripe gives the shopper
a clear message instead of a hung page; idempotency keys so a retry never opens a second session.
"""
from __future__ import annotations

import logging
import time

import stripe
from flask_babel import lazy_gettext as _l

from app.payments.gateway import (
    BadSignature,
    CheckoutRequest,
    CheckoutState,
    GatewayEvent,
    GatewayUnavailable,
    HostedCheckout,
)

log = logging.getLogger(__name__)

WEBHOOK_TOLERANCE_SECONDS = 300
CHECKOUT_EVENTS_PREFIX = "checkout.session."


class StripeGateway:
    """Card payments through Stripe Checkout."""

    name = "stripe"

    def __init__(self, secret_key: str, webhook_secret: str, api_base: str = "", timeout: float = 10.0,
                 retries: int = 1) -> None:
        self.webhook_secret = webhook_secret
        self.livemode = secret_key.startswith("sk_live_")
        base = {"api": api_base.rstrip("/")} if api_base else None
        self.client = stripe.StripeClient(
            secret_key, base_addresses=base, max_network_retries=retries,
            http_client=stripe.RequestsClient(timeout=timeout),
        )

    @classmethod
    def from_config(cls, config) -> StripeGateway:
        return cls(config["STRIPE_SECRET_KEY"], config["STRIPE_WEBHOOK_SECRET"], config["STRIPE_API_BASE"],
                   float(config["STRIPE_TIMEOUT_SECONDS"]), int(config["STRIPE_MAX_NETWORK_RETRIES"]))

    def create_checkout(self, request: CheckoutRequest) -> HostedCheckout:
        params = {
            "mode": "payment",
            "line_items": [
                {"quantity": line.quantity,
                 "price_data": {"currency": request.currency.lower(), "unit_amount": line.unit_amount,
                                "product_data": {"name": line.title}}}
                for line in request.lines
            ],
            "customer_email": request.customer_email,
            "client_reference_id": request.order_number,
            "metadata": {"order_number": request.order_number},
            "payment_intent_data": {"metadata": {"order_number": request.order_number}},
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
            "locale": request.locale if request.locale in ("fr", "en") else "auto",
        }
        session = self._call(self.client.v1.checkout.sessions.create, params=params,
                             options={"idempotency_key": request.idempotency_key}).to_dict()
        if session.get("amount_total") != request.amount:
            log.error("stripe session %s for order %s has amount %s, expected %s", session["id"],
                      request.order_number, session.get("amount_total"), request.amount)
            raise GatewayUnavailable(_l("The card payment could not be prepared. Please try again."))
        return HostedCheckout(session["id"], session["url"])

    def retrieve_checkout(self, external_id: str) -> CheckoutState:
        return self._state(self._call(self.client.v1.checkout.sessions.retrieve, external_id).to_dict())

    def expire_checkout(self, external_id: str) -> None:
        self._call(self.client.v1.checkout.sessions.expire, external_id)

    def refund(self, payment_reference: str, amount: int, idempotency_key: str) -> str:
        refund = self._call(self.client.v1.refunds.create,
                            params={"payment_intent": payment_reference, "amount": amount},
                            options={"idempotency_key": idempotency_key})
        return refund.to_dict()["id"]

    def verify_event(self, payload: bytes, signature: str | None) -> GatewayEvent:
        try:
            event = stripe.Webhook.construct_event(payload, signature or "", self.webhook_secret,
                                                   tolerance=WEBHOOK_TOLERANCE_SECONDS)
        except (ValueError, AttributeError, TypeError, stripe.SignatureVerificationError) as exc:
            # A bad signature, an old timestamp, or a signed body that is not an event object.
            raise BadSignature(_l("Invalid signature.")) from exc
        if _signed_at(signature or "") > time.time() + WEBHOOK_TOLERANCE_SECONDS:
            # The library refuses only old timestamps; one from the future would stay replayable until then.
            raise BadSignature(_l("Invalid signature."))
        try:
            raw = event.to_dict()
            kind = raw.get("type") or ""
            checkout = self._state(raw["data"]["object"]) if kind.startswith(CHECKOUT_EVENTS_PREFIX) else None
        except (KeyError, TypeError, AttributeError) as exc:  # signed by the secret but not an event
            raise BadSignature(_l("Not an event.")) from exc
        return GatewayEvent(raw.get("id") or "", kind, checkout, raw=raw)

    @staticmethod
    def _state(session: dict) -> CheckoutState:
        metadata = session.get("metadata") or {}
        payment_intent = session.get("payment_intent") or ""
        if not isinstance(payment_intent, str):
            payment_intent = payment_intent.get("id", "")  # expanded object
        return CheckoutState(
            external_id=session.get("id"),
            order_number=metadata.get("order_number") or session.get("client_reference_id") or "",
            status=session.get("status") or "",
            paid=session.get("payment_status") in ("paid", "no_payment_required"),
            amount=session.get("amount_total"),
            currency=(session.get("currency") or "").upper(),
            livemode=bool(session.get("livemode")),
            payment_reference=payment_intent,
        )

    @staticmethod
    def _call(method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except stripe.StripeError as exc:
            # Connection errors, timeouts, 5xx and refusals alike: the order stays as it was.
            log.warning("stripe call %s failed: %s", getattr(method, "__name__", method), type(exc).__name__)
            raise GatewayUnavailable(
                _l("The card payment service is not answering. Your order is kept; please try again "
                   "in a moment or choose cash on delivery.")) from exc


def _signed_at(signature: str) -> int:
    """The `t=` timestamp of a Stripe-Signature header the library has already accepted."""
    stamps = [int(item[2:]) for item in signature.split(",") if item.startswith("t=") and item[2:].isdigit()]
    return max(stamps, default=0)
