"""The per-supplier ledger: earnings credited at sale, payouts recorded by staff."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, IdMixin, UTCDateTime, str_enum, utcnow


class EntryKind(enum.StrEnum):
    EARNING = "earning"
    PAYOUT = "payout"
    REVERSAL = "reversal"  # an earning cancelled by a refund
    TAKINGS = "takings"  # an in-person sale at a fair: the supplier's own money, never owed by us
    FAIR_FEE = "fair_fee"  # the platform's share of fair takings, when FAIR_SALE_FEE_BP is set


class LedgerEntry(IdMixin, Base):
    """One movement on a supplier's account, in centimes (payouts and reversals negative)."""

    __tablename__ = "ledger_entries"
    # An order line is credited at most once, whatever retries happen.
    __table_args__ = (UniqueConstraint("order_line_id", "kind"),)

    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_lines.id"))
    fair_sale_id: Mapped[int | None] = mapped_column(ForeignKey("fair_sales.id"), index=True)
    kind: Mapped[EntryKind] = mapped_column(str_enum(EntryKind))
    amount_centimes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(255), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
