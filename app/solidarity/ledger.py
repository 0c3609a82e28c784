"""Supplier earnings: each sold line credits its producer share exactly once, a refund reverses it.

The unique (order_line_id, kind) constraint is the last line of defence; the check before the
insert keeps the common retry (a webhook delivered twice) free of errors.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import func, select

from app.extensions import db
from app.solidarity.models import EntryKind, LedgerEntry

log = logging.getLogger(__name__)

class SoldLine(Protocol):
    """What the ledger reads of an order line (app.orders.models.OrderLine): the producer share sold."""

    id: int
    supplier_id: int
    producer_share_centimes: int
    is_cancelled: bool


class Sale(Protocol):
    """What the ledger reads of an order (app.orders.models.Order); the ledger knows no orders."""

    number: str
    lines: Sequence[SoldLine]


def _kinds_by_line(order: Sale) -> dict[int, set[EntryKind]]:
    rows = db.session.execute(
        select(LedgerEntry.order_line_id, LedgerEntry.kind)
        .where(LedgerEntry.order_line_id.in_([line.id for line in order.lines]))
    )
    seen: dict[int, set[EntryKind]] = {}
    for line_id, kind in rows:
        seen.setdefault(line_id, set()).add(kind)
    return seen


def credit_order(order: Sale, actor_id: int | None = None) -> list[LedgerEntry]:
    """Credit the producer share of every line of a paid or cash-confirmed order (idempotent)."""
    seen = _kinds_by_line(order)
    entries = [
        LedgerEntry(supplier_id=line.supplier_id, order_line_id=line.id, kind=EntryKind.EARNING,
                    amount_centimes=line.producer_share_centimes, note=order.number, created_by_id=actor_id)
        for line in order.lines
        if not line.is_cancelled and EntryKind.EARNING not in seen.get(line.id, set())
    ]
    db.session.add_all(entries)
    db.session.flush()
    log.info("ledger credited order %s: %d lines", order.number, len(entries))
    return entries


def reverse_order(order: Sale, actor_id: int | None = None) -> list[LedgerEntry]:
    """Reverse the earnings of a cancelled or refunded order (each line at most once)."""
    seen = _kinds_by_line(order)
    entries = [
        LedgerEntry(supplier_id=line.supplier_id, order_line_id=line.id, kind=EntryKind.REVERSAL,
                    amount_centimes=-line.producer_share_centimes, note=order.number, created_by_id=actor_id)
        for line in order.lines
        if EntryKind.EARNING in seen.get(line.id, set()) and EntryKind.REVERSAL not in seen[line.id]
    ]
    db.session.add_all(entries)
    db.session.flush()
    return entries


def balance(supplier_id: int) -> int:
    """What we owe the supplier: earnings minus reversals, payouts and fair fees, in centimes.
    Fair takings are left out: the supplier already holds that money."""
    total = db.session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount_centimes), 0))
        .where(LedgerEntry.supplier_id == supplier_id, LedgerEntry.kind != EntryKind.TAKINGS)
    )
    return int(total or 0)
