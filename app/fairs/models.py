"""What happens at a fair itself: in-person sales at the stands, and scans of the stands' QR codes."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, IdMixin, UTCDateTime, str_enum, utcnow


class TakingsMethod(enum.StrEnum):
    CASH = "cash"
    CARD_TERMINAL = "card_terminal"


class FairSale(IdMixin, Base):
    """An in-person sale at a stand: the supplier's own takings, kept apart from online orders.

    Like an order line it copies what was sold (title, price paid) so the fair's figures never
    change when the listing does.
    """

    __tablename__ = "fair_sales"
    # The portal's offline queue sends each sale with a key of its own: sent twice, kept once.
    __table_args__ = (UniqueConstraint("supplier_id", "sale_key"),)

    fair_id: Mapped[int] = mapped_column(ForeignKey("fairs.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(160))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_centimes: Mapped[int] = mapped_column(Integer)
    total_centimes: Mapped[int] = mapped_column(Integer)
    fee_centimes: Mapped[int] = mapped_column(Integer, default=0)  # FAIR_SALE_FEE_BP, 0 unless configured
    method: Mapped[TakingsMethod] = mapped_column(str_enum(TakingsMethod))
    sale_key: Mapped[str] = mapped_column(String(64))
    sold_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class StandScan(IdMixin, Base):
    """How many times a stand's QR code was scanned on a day: a counter, nothing about who scanned."""

    __tablename__ = "stand_scans"
    __table_args__ = (UniqueConstraint("fair_stand_id", "day"),)

    fair_stand_id: Mapped[int] = mapped_column(ForeignKey("fair_stands.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    count: Mapped[int] = mapped_column(Integer, default=0)
