"""Reads for fair mode: which fair a beneficiary is at today, what she can sell there, what she sold."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.catalog.models import ListingStatus, Product
from app.exhibition.models import Fair, FairStand
from app.extensions import db
from app.fairs.models import FairSale


def stand_today(supplier_id: int, today: date) -> FairStand | None:
    """The supplier's stand at a fair that is on today (the earliest, should two overlap)."""
    return db.session.scalar(
        select(FairStand).join(Fair, Fair.id == FairStand.fair_id)
        .where(FairStand.supplier_id == supplier_id, Fair.starts_on <= today, Fair.ends_on >= today)
        .order_by(Fair.starts_on, Fair.id).limit(1))


def sellable_at_stand(supplier_id: int) -> list[Product]:
    """The supplier's listings on sale online, which are the ones whose stock the stand shares."""
    return list(db.session.scalars(
        select(Product).where(Product.supplier_id == supplier_id, Product.status == ListingStatus.PUBLISHED)
        .order_by(Product.title)))


def sales_at_fair(supplier_id: int, fair_id: int, limit: int = 20) -> list[FairSale]:
    """The supplier's latest in-person sales at this fair."""
    return list(db.session.scalars(
        select(FairSale).where(FairSale.supplier_id == supplier_id, FairSale.fair_id == fair_id)
        .order_by(FairSale.sold_at.desc(), FairSale.id.desc()).limit(limit)))
