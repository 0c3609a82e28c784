"""Recording what was paid out to a supplier: a negative ledger entry, audited."""
from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record
from app.errors import Invalid, NotFound
from app.extensions import db
from app.solidarity.ledger import balance
from app.solidarity.models import EntryKind, LedgerEntry
from app.suppliers.models import Supplier

log = logging.getLogger(__name__)


class PayoutTooLarge(Invalid):
    """More than the supplier is owed: most likely a typing mistake."""


def record_payout(supplier_id: int, amount_centimes: int, *, actor_id: int, note: str = "") -> LedgerEntry:
    """Record a payout already made to a supplier; never more than what they are owed."""
    # Locking the supplier row makes two payouts recorded at once take turns over the balance.
    supplier = db.session.scalar(select(Supplier).where(Supplier.id == supplier_id).with_for_update())
    if supplier is None:
        raise NotFound(_l("This supplier does not exist."))
    if amount_centimes <= 0:
        raise Invalid(_l("The amount must be more than zero."))
    owed = balance(supplier_id)
    if amount_centimes > owed:
        raise PayoutTooLarge(_l("This is more than the supplier is owed."), owed=owed)
    entry = LedgerEntry(supplier_id=supplier_id, kind=EntryKind.PAYOUT, amount_centimes=-amount_centimes,
                        note=note.strip()[:255], created_by_id=actor_id)
    db.session.add(entry)
    db.session.flush()
    record("payout.recorded", "supplier", supplier_id, actor_id, amount_centimes=amount_centimes,
           ledger_entry_id=entry.id, note=entry.note)
    log.info("payout recorded: supplier %s, %s centimes, by %s", supplier_id, amount_centimes, actor_id)
    return entry
