"""What a card gateway must offer; Stripe implements it, Morocco's interbank gateway (CMI) could too.

Services talk to this interface only, in our own terms (orders, centimes, plain dataclasses),
so adding a gateway means one new module, not changes across the shop. Which gateway runs
is decided in app/payments/configured.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from app.errors import DomainError


class GatewayUnavailable(DomainError):
    """The gateway did not answer in time or refused the call; the order stays as it was."""

    status = 503


class BadSignature(DomainError):
    """A webhook whose signature, timestamp or body does not verify."""

    status = 400


@dataclass(frozen=True)
class LineItem:
    title: str
    unit_amount: int  # centimes
    quantity: int


@dataclass(frozen=True)
class CheckoutRequest:
    """Everything a hosted payment page needs, computed by us from the database."""

    order_number: str
    amount: int  # centimes, the exact order total
    currency: str
    lines: list[LineItem]
    customer_email: str
    success_url: str
    cancel_url: str
    idempotency_key: str
    locale: str = "fr"


@dataclass(frozen=True)
class HostedCheckout:
    external_id: str
    url: str


@dataclass(frozen=True)
class CheckoutState:
    """A gateway's view of a hosted checkout, in our terms."""

    external_id: str
    order_number: str
    status: str  # open | complete | expired
    paid: bool
    amount: int | None
    currency: str
    livemode: bool
    payment_reference: str = ""


@dataclass(frozen=True)
class GatewayEvent:
    """A verified webhook event."""

    id: str
    type: str
    checkout: CheckoutState | None
    raw: dict = field(default_factory=dict, repr=False)


class CardGateway(Protocol):
    """A hosted-payment-page gateway; every amount is in centimes, every call may raise GatewayUnavailable."""

    name: str
    livemode: bool

    @classmethod
    def from_config(cls, config) -> CardGateway: ...

    def create_checkout(self, request: CheckoutRequest) -> HostedCheckout: ...

    def retrieve_checkout(self, external_id: str) -> CheckoutState: ...

    def expire_checkout(self, external_id: str) -> None: ...

    def refund(self, payment_reference: str, amount: int, idempotency_key: str) -> str: ...

    def verify_event(self, payload: bytes, signature: str | None) -> GatewayEvent: ...
