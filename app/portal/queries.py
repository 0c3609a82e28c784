"""What a supplier may see and touch: the one place that decides it.

Every portal route goes through these functions, so "beneficiary A edits B's listing" is
refused here and nowhere else. Someone else's object answers 404, exactly like an id that
does not exist, so ids cannot be probed.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app.catalog.models import ListingStatus, Product, ProductImage
from app.errors import NotFound
from app.extensions import db
from app.orders.models import OrderLine
from app.solidarity.models import EntryKind, LedgerEntry
from app.suppliers.models import Supplier

STOCK_ALERT_AT = 2


def supplier_for_user(user_id: int) -> Supplier | None:
    """The stand of a beneficiary account, if they have made one."""
    return db.session.scalar(select(Supplier).where(Supplier.user_id == user_id))


def product_for_supplier(supplier_id: int, product_id: int) -> Product:
    """One of the supplier's own listings, with its photos and translations; NotFound otherwise."""
    product = db.session.scalar(
        select(Product)
        .where(Product.id == product_id, Product.supplier_id == supplier_id)
        .options(selectinload(Product.images), selectinload(Product.translations))
    )
    if product is None:
        raise NotFound(_l("This listing does not exist."))
    return product


def photo_for_supplier(supplier_id: int, product_id: int, photo_id: int) -> ProductImage:
    """A photo of one of the supplier's own listings; NotFound for anybody else's."""
    photo = db.session.scalar(
        select(ProductImage)
        .join(Product, Product.id == ProductImage.product_id)
        .where(ProductImage.id == photo_id, ProductImage.product_id == product_id,
               Product.supplier_id == supplier_id)
    )
    if photo is None:
        raise NotFound(_l("This photo does not exist."))
    return photo


def photo_by_upload_key(supplier_id: int, product_id: int, key: str) -> ProductImage | None:
    """The photo an earlier upload with this key added to one of the supplier's own listings, if any."""
    return db.session.scalar(
        select(ProductImage)
        .join(Product, Product.id == ProductImage.product_id)
        .where(ProductImage.upload_key == key, ProductImage.product_id == product_id,
               Product.supplier_id == supplier_id)
    )


def products_of_supplier(supplier_id: int) -> list[Product]:
    """The supplier's listings, newest change first, archived ones last."""
    archived_last = (Product.status == ListingStatus.ARCHIVED).asc()
    return list(db.session.scalars(
        select(Product)
        .where(Product.supplier_id == supplier_id)
        .options(selectinload(Product.images))
        .order_by(archived_last, Product.updated_at.desc(), Product.id.desc())
    ))


def listing_counts(supplier_id: int) -> dict[ListingStatus, int]:
    """How many listings the supplier has in each state (every state present, zero or not)."""
    rows = db.session.execute(
        select(Product.status, func.count()).where(Product.supplier_id == supplier_id).group_by(Product.status)
    )
    counts = dict.fromkeys(ListingStatus, 0)
    counts.update({status: n for status, n in rows})
    return counts


def stock_alerts(supplier_id: int, threshold: int = STOCK_ALERT_AT) -> list[Product]:
    """Live or soon-live listings about to run out: the supplier should restock or update."""
    watched = (ListingStatus.PUBLISHED, ListingStatus.PENDING)
    return list(db.session.scalars(
        select(Product)
        .where(Product.supplier_id == supplier_id, Product.stock <= threshold, Product.status.in_(watched))
        .order_by(Product.stock, Product.title)
    ))


@dataclass(frozen=True)
class Earnings:
    """A supplier's account in centimes: earned (after refunds), paid out, still owed."""

    earned: int
    paid: int

    @property
    def owed(self) -> int:
        return self.earned - self.paid


def earnings_of_supplier(supplier_id: int) -> Earnings:
    """Totals of the supplier's own ledger (entries are written by app.solidarity)."""
    rows = db.session.execute(
        select(LedgerEntry.kind, func.coalesce(func.sum(LedgerEntry.amount_centimes), 0))
        .where(LedgerEntry.supplier_id == supplier_id).group_by(LedgerEntry.kind)
    )
    by_kind = {kind: int(total) for kind, total in rows}
    earned = by_kind.get(EntryKind.EARNING, 0) + by_kind.get(EntryKind.REVERSAL, 0)
    return Earnings(earned=earned, paid=-by_kind.get(EntryKind.PAYOUT, 0))


def recent_lines_of_supplier(supplier_id: int, limit: int = 5) -> list[OrderLine]:
    """The supplier's latest order lines (only theirs), with their order."""
    return list(db.session.scalars(
        select(OrderLine).where(OrderLine.supplier_id == supplier_id)
        .options(joinedload(OrderLine.order)).order_by(OrderLine.id.desc()).limit(limit)
    ))
