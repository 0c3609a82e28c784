"""Payment attempts at a card gateway, and the webhook events already processed."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, IdMixin, TimestampMixin, UTCDateTime, str_enum, utcnow


class PaymentState(enum.StrEnum):
    CREATED = "created"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    EXPIRED = "expired"
    REFUNDED = "refunded"
    FLAGGED = "flagged"  # amount, currency or mode did not match the order


class Payment(IdMixin, TimestampMixin, Base):
    """One attempt to pay an order at a gateway (a Stripe Checkout Session)."""

    __tablename__ = "payments"

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    gateway: Mapped[str] = mapped_column(String(20), default="stripe")
    state: Mapped[PaymentState] = mapped_column(str_enum(PaymentState), default=PaymentState.CREATED)
    amount_centimes: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="MAD")
    external_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    payment_reference: Mapped[str] = mapped_column(String(255), default="")  # e.g. PaymentIntent id
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    redirect_url: Mapped[str] = mapped_column(String(2048), default="")
    refund_reference: Mapped[str] = mapped_column(String(255), default="")
    flag_reason: Mapped[str] = mapped_column(String(255), default="")


class WebhookEvent(IdMixin, Base):
    """An event id seen from a gateway: the unique constraint makes processing once-only."""

    __tablename__ = "webhook_events"
    __table_args__ = (UniqueConstraint("gateway", "event_id"),)

    gateway: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(80))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
