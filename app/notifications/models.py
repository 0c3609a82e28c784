"""Notices sent to suppliers: what, to whom, by which channel, when, and whether it left."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, IdMixin, UTCDateTime, str_enum, utcnow


class NoticeKind(enum.StrEnum):
    NEW_ORDER = "new_order"
    LISTING_DECISION = "listing_decision"
    VERIFICATION_DECISION = "verification_decision"
    LOW_STOCK = "low_stock"


class Channel(enum.StrEnum):
    EMAIL = "email"
    SMS = "sms"


class DeliveryState(enum.StrEnum):
    QUEUED = "queued"
    SENT = "sent"  # handed to the mail server or the SMS provider
    FAILED = "failed"


class Notification(IdMixin, Base):
    """One notice, rendered in the recipient's language when it was decided, delivered by a job."""

    __tablename__ = "notifications"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[NoticeKind] = mapped_column(str_enum(NoticeKind))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel))
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[DeliveryState] = mapped_column(str_enum(DeliveryState), default=DeliveryState.QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
