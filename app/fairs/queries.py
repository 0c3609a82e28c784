"""Reads for fair mode: which fair a beneficiary is at today, what she can sell there, what she sold; and
for the organisers, which beneficiaries are at their stands today."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.catalog.models import ListingStatus, Product
from app.exhibition.models import Fair, FairStand
from app.exhibition.queries import day_start
from app.extensions import db
from app.fairs.models import FairSale
from app.orders.models import DeliveryMethod, LineStatus, Order, OrderLine, OrderStatus
from app.orders.status import ACTIVE
from app.suppliers.models import Supplier


@dataclass(frozen=True)
class StandPresence:
    """One stand of a fair on a given day, for its organisers: is the beneficiary there, and since when."""

    stand_id: int
    stand_label: str
    name: str
    sales_today: int
    handed_over_today: int
    last_activity: datetime | None  # opened fair mode, sold or handed over; None: not seen that day

    @property
    def present(self) -> bool:
        return self.last_activity is not None


def presence(fair_id: int, day: date) -> list[StandPresence]:
    """Every stand of the fair with who was there on `day` (in the fair's timezone): she opened fair mode,
    recorded a sale or handed an order over that day. One query, two GROUP BY, whatever the stands."""
    start = day_start(day)
    end = start + timedelta(days=1)
    sales = (select(FairSale.supplier_id, func.count(FairSale.id).label("count"),
                    func.max(FairSale.sold_at).label("last"))
             .where(FairSale.fair_id == fair_id, FairSale.sold_at >= start, FairSale.sold_at < end)
             .group_by(FairSale.supplier_id).subquery())
    handed = (select(OrderLine.supplier_id, func.count(func.distinct(OrderLine.order_id)).label("count"),
                     func.max(OrderLine.shipped_at).label("last"))
              .join(Order, Order.id == OrderLine.order_id)
              .where(Order.fair_id == fair_id, Order.delivery_method == DeliveryMethod.STAND,
                     OrderLine.shipped_at >= start, OrderLine.shipped_at < end)
              .group_by(OrderLine.supplier_id).subquery())
    rows = db.session.execute(
        select(FairStand.id, FairStand.stand_label, Supplier.name, FairStand.last_seen_at,
               sales.c.count, sales.c.last, handed.c.count, handed.c.last)
        .join(Supplier, Supplier.id == FairStand.supplier_id)
        .outerjoin(sales, sales.c.supplier_id == FairStand.supplier_id)
        .outerjoin(handed, handed.c.supplier_id == FairStand.supplier_id)
        .where(FairStand.fair_id == fair_id).order_by(FairStand.stand_label, FairStand.id))
    result = []
    for stand_id, label, name, seen, sold, last_sale, handed_count, last_handed in rows:
        times = [t for t in (seen if seen and start <= seen < end else None, last_sale, last_handed) if t]
        result.append(StandPresence(stand_id, label, name, sold or 0, handed_count or 0,
                                    max(times, default=None)))
    return result


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


def stock_left(product_id: int) -> int:
    """What the stand and the web still share of a product, read now (a sale or an order just changed it)."""
    return db.session.scalar(select(Product.stock).where(Product.id == product_id)) or 0


def sales_at_fair(supplier_id: int, fair_id: int, limit: int = 20) -> list[FairSale]:
    """The supplier's latest in-person sales at this fair."""
    return list(db.session.scalars(
        select(FairSale).where(FairSale.supplier_id == supplier_id, FairSale.fair_id == fair_id)
        .order_by(FairSale.sold_at.desc(), FairSale.id.desc()).limit(limit)))


@dataclass(frozen=True)
class Pickup:
    """An order to collect at the stand, seen by one of its suppliers: her lines only."""

    order: Order
    lines: list[OrderLine]

    @property
    def handed_over(self) -> bool:
        return all(line.status == LineStatus.DELIVERED for line in self.lines)

    @property
    def ready(self) -> bool:
        """Cash orders are confirmed, card orders paid: either can be handed over (cash is paid at the stand)."""
        return self.order.status.going_ahead and not self.handed_over

    @property
    def amount_centimes(self) -> int:
        return sum(line.line_total_centimes for line in self.lines)


def pickups_at_stand(supplier_id: int, fair_id: int) -> list[Pickup]:
    """Orders to collect at the supplier's stand at this fair: those to hand over first, in order of arrival."""
    orders = db.session.scalars(
        select(Order).where(Order.fair_id == fair_id, Order.delivery_method == DeliveryMethod.STAND,
                            Order.status.in_(ACTIVE | {OrderStatus.PENDING_PAYMENT}),
                            Order.id.in_(select(OrderLine.order_id).where(OrderLine.supplier_id == supplier_id)))
        .options(selectinload(Order.lines)).order_by(Order.created_at, Order.id))
    pickups = [Pickup(order, [line for line in order.lines if line.supplier_id == supplier_id
                              and line.status != LineStatus.CANCELLED]) for order in orders]
    return sorted((pickup for pickup in pickups if pickup.lines), key=lambda pickup: pickup.handed_over)
