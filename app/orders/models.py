"""Orders and their lines; lines copy what was sold at the time of sale."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, IdMixin, TimestampMixin, UTCDateTime, str_enum

if TYPE_CHECKING:
    from app.exhibition.models import Fair, PickupPoint


class OrderStatus(enum.StrEnum):
    PENDING_PAYMENT = "pending_payment"
    # A first cash order from a number never delivered to: held until the SMS code sent to it is typed.
    AWAITING_PHONE = "awaiting_phone"
    PAID = "paid"
    CONFIRMED = "confirmed"  # cash on delivery
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    REFUSED = "refused"  # cash on delivery: the shopper did not take (and pay for) the parcel at the door
    CANCELLED = "cancelled"
    REFUNDED = "refunded"

    @property
    def going_ahead(self) -> bool:
        """Paid by card or confirmed for cash, and not undone since: the suppliers prepare it."""
        return self in (OrderStatus.PAID, OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.DELIVERED)

    @property
    def to_ship(self) -> bool:
        """Settled (paid, or confirmed for cash) and not shipped yet: its lines may go out."""
        return self in (OrderStatus.PAID, OrderStatus.CONFIRMED)


class DeliveryMethod(enum.StrEnum):
    HOME = "home"
    PICKUP = "pickup"
    STAND = "stand"  # collected at the supplier's stand, at the fair the order came from, that day


class PaymentMethod(enum.StrEnum):
    CASH = "cash"
    CARD = "card"


class Order(IdMixin, TimestampMixin, Base):
    """One checkout; `number` is read on the phone, `token` opens the status page."""

    __tablename__ = "orders"

    number: Mapped[str] = mapped_column(String(20), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[OrderStatus] = mapped_column(str_enum(OrderStatus), index=True)
    customer_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str] = mapped_column(String(20), index=True)
    delivery_method: Mapped[DeliveryMethod] = mapped_column(str_enum(DeliveryMethod))
    delivery_city: Mapped[str] = mapped_column(String(80), default="")
    delivery_address: Mapped[str] = mapped_column(Text, default="")
    pickup_point_id: Mapped[int | None] = mapped_column(ForeignKey("pickup_points.id"))
    # Ordered from a stand's QR code at this fair (collected at the stand, or delivered home from it).
    fair_id: Mapped[int | None] = mapped_column(ForeignKey("fairs.id", ondelete="SET NULL"), index=True)
    payment_method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod))
    subtotal_centimes: Mapped[int] = mapped_column(Integer)
    delivery_fee_centimes: Mapped[int] = mapped_column(Integer, default=0)
    total_centimes: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="MAD")
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    # Unpaid card orders give their stock back after this moment.
    reservation_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    needs_refund: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_reason: Mapped[str] = mapped_column(String(255), default="")
    # Keyed hashes counting cash orders per delivery address and per client address (app/orders/cash.py);
    # the client's IP itself is never stored.
    address_key: Mapped[str | None] = mapped_column(String(64), index=True)
    client_key: Mapped[str | None] = mapped_column(String(64), index=True)

    lines: Mapped[list[OrderLine]] = relationship(cascade="all, delete-orphan", order_by="OrderLine.id")
    pickup_point: Mapped[PickupPoint | None] = relationship()
    fair: Mapped[Fair | None] = relationship()


class LineStatus(enum.StrEnum):
    PENDING = "pending"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class OrderLine(IdMixin, Base):
    """What one supplier sold in an order: a snapshot, not a live link to the product."""

    __tablename__ = "order_lines"

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="SET NULL"))
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    # The title's translations at the time of sale: the order page and e-mails speak the reader's language.
    title_i18n: Mapped[dict] = mapped_column(JSON, default=dict)
    unit_price_centimes: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    line_total_centimes: Mapped[int] = mapped_column(Integer)
    producer_share_centimes: Mapped[int] = mapped_column(Integer)
    group_commission_centimes: Mapped[int] = mapped_column(Integer, default=0)
    platform_fee_centimes: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[LineStatus] = mapped_column(str_enum(LineStatus), default=LineStatus.PENDING)
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    order: Mapped[Order] = relationship(back_populates="lines")

    @property
    def is_cancelled(self) -> bool:
        """A line nobody will pay for: it earns its producer nothing."""
        return self.status == LineStatus.CANCELLED


class BlockedPhone(IdMixin, TimestampMixin, Base):
    """A number staff barred from cash on delivery (it may still pay by card)."""

    __tablename__ = "blocked_phones"

    phone: Mapped[str] = mapped_column(String(20), unique=True)
    reason: Mapped[str] = mapped_column(String(255), default="")
    blocked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
