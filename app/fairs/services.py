"""Selling at the stand: an in-person sale takes stock exactly as an online order does.

The stand and the web share one stock: `reserve_stock` (app.orders.services) is the single
conditional UPDATE that decides who gets the last item, so a rug sold at the fair cannot also be
sold online a second later, and the other way round. A sale recorded offline reaches us later;
if the web sold the stock meanwhile it is refused with a message the beneficiary can act on.
Services flush, never commit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.catalog.models import Product
from app.errors import Conflict, Invalid, NotFound
from app.exhibition.models import Fair, FairStand
from app.extensions import db
from app.fairs.models import FairSale, StandScan, TakingsMethod
from app.fairs.queries import stock_left
from app.money import share
from app.orders.models import DeliveryMethod, LineStatus, Order, OrderStatus
from app.orders.services import OutOfStock, mark_line_delivered, mark_line_shipped, reserve_stock
from app.solidarity.models import EntryKind, LedgerEntry

MAX_QUANTITY = 99
# Fair mode stamps the stand at most this often: the organisers' "last seen" is that fresh, and opening
# the page again and again does not write each time.
SEEN_EVERY = timedelta(minutes=5)
MAX_UNIT_PRICE_CENTIMES = 100_000_000  # 1 000 000 MAD, as for a listing


class SaleRefused(Conflict):
    """The stock went elsewhere (online, or another sale) before this sale reached us."""


@dataclass(frozen=True)
class SaleRequest:
    """A sale as the beneficiary typed it at the stand (maybe hours before it reaches us)."""

    fair_id: int
    product_id: int
    quantity: int
    unit_price_centimes: int
    method: TakingsMethod
    sale_key: str


def record_sale(supplier_id: int, sale: SaleRequest, *, actor_id: int, today: date) -> FairSale:
    """Record an in-person sale: stock taken, the takings in the supplier's ledger. Idempotent by key."""
    earlier = db.session.scalar(
        select(FairSale).where(FairSale.supplier_id == supplier_id, FairSale.sale_key == sale.sale_key))
    if earlier is not None:
        return earlier
    fair = _fair_open_for(supplier_id, sale.fair_id, today)
    product = _own_product(supplier_id, sale.product_id)
    _check(sale)
    try:
        reserve_stock({product.id: sale.quantity})
    except OutOfStock as error:
        raise SaleRefused(_l("Not recorded: %(title)s was sold online in the meantime (%(left)s left). "
                             "Check the item with your customer.", title=product.title,
                             left=stock_left(product.id))) from error
    total = sale.unit_price_centimes * sale.quantity
    recorded = FairSale(fair_id=fair.id, supplier_id=supplier_id, product_id=product.id, title=product.title,
                        quantity=sale.quantity, unit_price_centimes=sale.unit_price_centimes, total_centimes=total,
                        fee_centimes=share(total, current_app.config["FAIR_SALE_FEE_BP"]), method=sale.method,
                        sale_key=sale.sale_key, recorded_by_id=actor_id)
    db.session.add(recorded)
    db.session.flush()
    _to_ledger(recorded, actor_id)
    return recorded


def count_scan(stand: FairStand, day: date) -> None:
    """One more scan of a stand's QR code today: a counter per stand and day, nothing about who."""
    bumped = db.session.execute(
        update(StandScan).where(StandScan.fair_stand_id == stand.id, StandScan.day == day)
        .values(count=StandScan.count + 1).execution_options(synchronize_session=False))
    if bumped.rowcount == 0:
        # The day's first scan; two at once race on the unique (stand, day): the loser retries the UPDATE.
        with db.session.begin_nested() as nested:
            db.session.add(StandScan(fair_stand_id=stand.id, day=day, count=1))
            try:
                db.session.flush()
            except IntegrityError:  # the other scan inserted first
                nested.rollback()
                db.session.execute(
                    update(StandScan).where(StandScan.fair_stand_id == stand.id, StandScan.day == day)
                    .values(count=StandScan.count + 1).execution_options(synchronize_session=False))


def seen_in_fair_mode(stand: FairStand, now: datetime) -> None:
    """She opened fair mode at this fair's stand: the organisers see her present today."""
    if stand.last_seen_at is None or now - stand.last_seen_at >= SEEN_EVERY:
        stand.last_seen_at = now
        db.session.flush()


def hand_over(supplier_id: int, number: str, *, actor_id: int, today: date) -> Order:
    """The customer collected her order at the stand: the supplier's lines are shipped then delivered by the
    same services as any order, so the order reaches "delivered" through the status table once every
    supplier of it has handed over. Paid by card, or cash paid now as the order says. A second tap changes nothing."""
    order = db.session.scalar(select(Order).where(Order.number == number))
    lines = [line for line in order.lines if line.supplier_id == supplier_id and line.status != LineStatus.CANCELLED] \
        if order is not None and order.delivery_method == DeliveryMethod.STAND and order.fair_id else []
    if not lines:  # someone else's order, or not one to collect at a stand: the same answer
        raise NotFound(_l("This order was not found."))
    _fair_open_for(supplier_id, order.fair_id, today)
    if order.status == OrderStatus.PENDING_PAYMENT:
        raise Conflict(_l("Order %(number)s is waiting for its card payment: do not hand it over yet.",
                          number=order.number))
    # (A cancelled order has no lines left to hand over: answered "not found" above.)
    if not order.status.going_ahead:
        raise Conflict(_l("Order %(number)s is not confirmed yet: do not hand it over.", number=order.number))
    for line in lines:
        if line.status == LineStatus.PENDING:
            mark_line_shipped(line, actor_id)
    for line in lines:
        if line.status == LineStatus.SHIPPED:
            mark_line_delivered(line, actor_id)
    return order


def _fair_open_for(supplier_id: int, fair_id: int, today: date) -> Fair:
    """The fair, if the supplier has a stand there and it is on (or just ended: offline sales sync late)."""
    fair = db.session.scalar(
        select(Fair).join(FairStand, FairStand.fair_id == Fair.id)
        .where(Fair.id == fair_id, FairStand.supplier_id == supplier_id))
    if fair is None:
        raise NotFound(_l("You have no stand at this fair."))
    grace = timedelta(days=current_app.config["FAIR_SYNC_GRACE_DAYS"])
    if not fair.starts_on <= today <= fair.ends_on + grace:
        raise Invalid(_l("This fair is not on today."))
    return fair


def _own_product(supplier_id: int, product_id: int) -> Product:
    product = db.session.get(Product, product_id)
    if product is None or product.supplier_id != supplier_id:
        raise NotFound(_l("This product was not found."))
    return product


def _check(sale: SaleRequest) -> None:
    if not 1 <= sale.quantity <= MAX_QUANTITY:
        raise Invalid(_l("The quantity must be between 1 and %(max)s.", max=MAX_QUANTITY))
    if not 0 < sale.unit_price_centimes <= MAX_UNIT_PRICE_CENTIMES:
        raise Invalid(_l("The price must be more than 0 and at most 1,000,000 MAD."))


def _to_ledger(sale: FairSale, actor_id: int) -> None:
    """The takings as the supplier's own, and the platform's fee only when one is configured."""
    entries = [LedgerEntry(supplier_id=sale.supplier_id, fair_sale_id=sale.id, kind=EntryKind.TAKINGS,
                           amount_centimes=sale.total_centimes, note=sale.title[:255], created_by_id=actor_id)]
    if sale.fee_centimes:
        entries.append(LedgerEntry(supplier_id=sale.supplier_id, fair_sale_id=sale.id, kind=EntryKind.FAIR_FEE,
                                   amount_centimes=-sale.fee_centimes, note=sale.title[:255], created_by_id=actor_id))
    db.session.add_all(entries)
    db.session.flush()
