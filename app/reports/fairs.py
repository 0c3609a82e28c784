"""What a fair brought to its beneficiaries, for organisers, funders and the oversight role.

Every figure comes from one GROUP BY query, so the report costs the same six queries for a fair
of ten stands or of a hundred thousand sales. In-person sales (app.fairs) are kept apart from online
orders; the online figures compare each beneficiary's producer share during the fair with the same
number of weeks before and after it. Orders placed from the fair's QR codes (orders.fair_id: collected
at the stand or delivered home from the fair) are counted per stand with what they sold, and the
pickups the beneficiary handed over at her stand.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, case, func, select

from app.exhibition.models import Fair, FairStand
from app.exhibition.queries import day_start
from app.extensions import db
from app.fairs.models import FairSale, StandScan
from app.orders.models import DeliveryMethod, LineStatus, Order, OrderLine
from app.orders.status import ACTIVE
from app.suppliers.models import Supplier

COMPARISON_WEEKS = 4


@dataclass
class StandFigures:
    supplier_id: int
    name: str
    stand_label: str
    scans: int = 0
    items_in_person: int = 0
    takings_centimes: int = 0
    online_during_centimes: int = 0
    online_before_centimes: int = 0
    online_after_centimes: int = 0
    qr_orders: int = 0  # online orders placed from the fair's QR codes with an item of this stand
    qr_orders_centimes: int = 0  # what those orders sold of this stand's items
    pickups_handed_over: int = 0  # of them, collected at the stand and handed over


@dataclass
class FairReport:
    fair: Fair
    stands: list[StandFigures]
    scans_by_day: list[tuple[date, int]] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(stand, name) for stand in self.stands)


def fair_report(fair: Fair) -> FairReport:
    """The fair's figures per stand and per day (six queries, whatever the fair's size)."""
    stands = {row.supplier_id: StandFigures(row.supplier_id, row.name, row.stand_label) for row in
              db.session.execute(select(FairStand.supplier_id, FairStand.stand_label, Supplier.name.label("name"))
                                 .join(Supplier, Supplier.id == FairStand.supplier_id)
                                 .where(FairStand.fair_id == fair.id).order_by(FairStand.stand_label, Supplier.id))}
    for supplier_id, scans in db.session.execute(
            select(FairStand.supplier_id, func.sum(StandScan.count))
            .join(StandScan, StandScan.fair_stand_id == FairStand.id)
            .where(FairStand.fair_id == fair.id).group_by(FairStand.supplier_id)):
        if supplier_id in stands:
            stands[supplier_id].scans = int(scans)
    kept = FairSale.total_centimes - FairSale.fee_centimes
    for supplier_id, items, takings in db.session.execute(
            select(FairSale.supplier_id, func.sum(FairSale.quantity), func.sum(kept))
            .where(FairSale.fair_id == fair.id).group_by(FairSale.supplier_id)):
        if supplier_id in stands:
            stands[supplier_id].items_in_person, stands[supplier_id].takings_centimes = int(items), int(takings)
    _online_shares(fair, stands)
    _orders_from_the_fair(fair, stands)
    return FairReport(fair, list(stands.values()), scans_by_day(fair.id))


def scans_by_day(fair_id: int) -> list[tuple[date, int]]:
    """Scans of all the fair's stands, per day (one query: the report's chart asks for it alone)."""
    rows = db.session.execute(
        select(StandScan.day, func.sum(StandScan.count)).join(FairStand, FairStand.id == StandScan.fair_stand_id)
        .where(FairStand.fair_id == fair_id).group_by(StandScan.day).order_by(StandScan.day))
    return [(day, int(count)) for day, count in rows]


def _online_shares(fair: Fair, stands: dict[int, StandFigures]) -> None:
    """The producer share of each stand's online sales before, during and after the fair (one query)."""
    if not stands:
        return
    weeks = timedelta(weeks=COMPARISON_WEEKS)
    opens, closes = day_start(fair.starts_on), day_start(fair.ends_on + timedelta(days=1))
    when, share = Order.created_at, OrderLine.producer_share_centimes
    rows = db.session.execute(
        select(OrderLine.supplier_id,
               func.sum(case((when < opens, share), else_=0)),
               func.sum(case((and_(when >= opens, when < closes), share), else_=0)),
               func.sum(case((when >= closes, share), else_=0)))
        .join(Order, Order.id == OrderLine.order_id)
        .where(OrderLine.supplier_id.in_(stands), OrderLine.status != LineStatus.CANCELLED,
               Order.status.in_(ACTIVE), when >= opens - weeks, when < closes + weeks)
        .group_by(OrderLine.supplier_id))
    for supplier_id, before, during, after in rows:
        figures = stands[supplier_id]
        figures.online_before_centimes, figures.online_during_centimes, figures.online_after_centimes = (
            int(before), int(during), int(after))


def _orders_from_the_fair(fair: Fair, stands: dict[int, StandFigures]) -> None:
    """Per stand: orders from the fair's QR codes, what they sold of its items, pickups handed over (one query)."""
    handed_over = case((and_(Order.delivery_method == DeliveryMethod.STAND, OrderLine.status == LineStatus.DELIVERED),
                        Order.id))
    rows = db.session.execute(
        select(OrderLine.supplier_id, func.count(func.distinct(Order.id)), func.sum(OrderLine.line_total_centimes),
               func.count(func.distinct(handed_over)))
        .join(Order, Order.id == OrderLine.order_id)
        .where(Order.fair_id == fair.id, OrderLine.status != LineStatus.CANCELLED, Order.status.in_(ACTIVE))
        .group_by(OrderLine.supplier_id))
    for supplier_id, orders, amount, pickups in rows:
        if supplier_id in stands:
            figures = stands[supplier_id]
            figures.qr_orders, figures.qr_orders_centimes, figures.pickups_handed_over = (
                int(orders), int(amount), int(pickups))



@dataclass(frozen=True)
class PublicTotals:
    beneficiaries: int
    items_sold: int
    paid_to_producers_centimes: int


def public_totals(fair: Fair) -> PublicTotals:
    """A fair's totals in plain words for its public page: no supplier, no customer, only sums (two queries)."""
    beneficiaries = db.session.scalar(select(func.count()).select_from(FairStand).where(FairStand.fair_id == fair.id))
    items, paid = db.session.execute(
        select(func.coalesce(func.sum(FairSale.quantity), 0),
               func.coalesce(func.sum(FairSale.total_centimes - FairSale.fee_centimes), 0))
        .where(FairSale.fair_id == fair.id)).one()
    return PublicTotals(int(beneficiaries or 0), int(items), int(paid))
