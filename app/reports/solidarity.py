"""The solidarity report read by oversight: who earned what, who took what, what is owed and paid.

Sales figures come from order lines (the snapshot taken at the sale); earnings, reversals and
payouts from the ledger. Everything is summed by the database, a fixed number of queries.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, literal, select

from app.catalog.models import ListingStatus, Product
from app.extensions import db
from app.orders.models import OrderLine
from app.reports.dashboard import _sold_lines
from app.solidarity.models import EntryKind, LedgerEntry
from app.solidarity.pricing import SolidarityRules, breakdown
from app.suppliers.models import Group, Supplier

# What online sales earned; fair takings and fees are the fair report's (app/fairs/report.py).
ONLINE_EARNINGS = (EntryKind.EARNING, EntryKind.REVERSAL)

SHOWN_VIOLATIONS = 50


@dataclass(frozen=True)
class Totals:
    """Sums in centimes for one supplier, one group or the whole platform."""

    key: int | None
    name: str
    group: str
    sales: int
    producer: int
    commission: int
    platform_fee: int
    earned: int  # earnings minus reversals, from the ledger
    paid: int  # payouts, as a positive amount
    owed: int  # earned - paid
    commission_bp: int | None = None


def _sales_by(column):
    return _sold_lines(
        select(column.label("key"),
               func.sum(OrderLine.line_total_centimes).label("sales"),
               func.sum(OrderLine.producer_share_centimes).label("producer"),
               func.sum(OrderLine.group_commission_centimes).label("commission"),
               func.sum(OrderLine.platform_fee_centimes).label("fee"))
        .select_from(OrderLine).join(Supplier, Supplier.id == OrderLine.supplier_id)
    ).group_by(column).subquery()


def _ledger_by(column):
    amount = LedgerEntry.amount_centimes
    return (
        select(column.label("key"),
               func.sum(case((LedgerEntry.kind.in_(ONLINE_EARNINGS), amount), else_=0)).label("earned"),
               func.sum(case((LedgerEntry.kind == EntryKind.PAYOUT, -amount), else_=0)).label("paid"))
        .select_from(LedgerEntry).join(Supplier, Supplier.id == LedgerEntry.supplier_id)
        .group_by(column).subquery()
    )


def _totals(row, name: str, group: str, commission_bp=None) -> Totals:
    earned, paid = int(row.earned or 0), int(row.paid or 0)
    return Totals(row.key, name, group, int(row.sales or 0), int(row.producer or 0), int(row.commission or 0),
                  int(row.fee or 0), earned, paid, earned - paid, commission_bp)


def by_supplier() -> list[Totals]:
    """Every supplier who sold or has ledger entries, by name (one query)."""
    sales, ledger = _sales_by(Supplier.id), _ledger_by(Supplier.id)
    name = Supplier.name
    stmt = (
        select(Supplier.id.label("key"), name.label("name"), Group.name.label("group_name"),
               sales.c.sales, sales.c.producer, sales.c.commission, sales.c.fee, ledger.c.earned, ledger.c.paid)
        .outerjoin(Group, Group.id == Supplier.group_id)
        .outerjoin(sales, sales.c.key == Supplier.id)
        .outerjoin(ledger, ledger.c.key == Supplier.id)
        .where((sales.c.key.is_not(None)) | (ledger.c.key.is_not(None)))
        .order_by(name, Supplier.id)
    )
    return [_totals(row, row.name, row.group_name or "") for row in db.session.execute(stmt)]


def by_group() -> list[Totals]:
    """Every group with its members' sums, and "no group" for independent suppliers (one query)."""
    sales, ledger = _sales_by(Supplier.group_id), _ledger_by(Supplier.group_id)
    groups = select(Group.id.label("key"), Group.name.label("name"), Group.commission_bp.label("bp")).union_all(
        select(literal(None).label("key"), literal("").label("name"), literal(None).label("bp"))
    ).subquery()
    stmt = (
        select(groups.c.key, groups.c.name, groups.c.bp, sales.c.sales, sales.c.producer, sales.c.commission,
               sales.c.fee, ledger.c.earned, ledger.c.paid)
        .outerjoin(sales, sales.c.key.is_not_distinct_from(groups.c.key))
        .outerjoin(ledger, ledger.c.key.is_not_distinct_from(groups.c.key))
        .order_by(groups.c.key.is_(None), groups.c.name)
    )
    rows = [_totals(row, row.name, row.name, row.bp) for row in db.session.execute(stmt)]
    return [r for r in rows if r.key is not None or r.sales or r.earned or r.paid]


def platform(groups: list[Totals]) -> Totals:
    """Platform totals, added up from the group rows (which cover every supplier once)."""
    fields = ("sales", "producer", "commission", "platform_fee", "earned", "paid", "owed")
    sums = {f: sum(getattr(g, f) for g in groups) for f in fields}
    return Totals(None, "", "", **sums)


@dataclass(frozen=True)
class Checks:
    groups_over_cap: list[tuple[str, int]]
    lines_below_minimum: list[tuple[int, str, int, int]]  # line id, title, line total, producer share
    lines_below_minimum_count: int
    products_checked: int
    products_below_minimum: int  # published products whose current breakdown gives less than the minimum


def checks(rules: SolidarityRules) -> Checks:
    """Groups whose commission exceeds the cap; sold lines whose producer share fell under the minimum."""
    over_cap = db.session.execute(
        select(Group.name, Group.commission_bp).where(Group.commission_bp > rules.group_commission_cap_bp)
        .order_by(Group.name)).all()
    below = OrderLine.producer_share_centimes * 10000 < OrderLine.line_total_centimes * rules.producer_share_min_bp
    lines = db.session.execute(
        select(OrderLine.id, OrderLine.title, OrderLine.line_total_centimes, OrderLine.producer_share_centimes,
               func.count().over().label("n"))
        .where(below).order_by(OrderLine.id.desc()).limit(SHOWN_VIOLATIONS)).all()
    checked, below_minimum = _product_shares(rules)
    return Checks([tuple(r) for r in over_cap], [tuple(r[:4]) for r in lines], lines[0].n if lines else 0,
                  checked, below_minimum)


def _product_shares(rules: SolidarityRules) -> tuple[int, int]:
    """Published products priced through the one pricing function, per distinct (price, commission)."""
    commission = func.coalesce(Group.commission_bp, 0)
    rows = db.session.execute(
        select(Product.price_centimes, commission, func.count(Product.id))
        .join(Supplier, Supplier.id == Product.supplier_id).outerjoin(Group, Group.id == Supplier.group_id)
        .where(Product.status == ListingStatus.PUBLISHED).group_by(Product.price_centimes, commission))
    checked = below = 0
    for price, commission_bp, count in rows:
        checked += count
        if breakdown(price, commission_bp, rules).producer * 10000 < price * rules.producer_share_min_bp:
            below += count
    return checked, below


def ledger_of(supplier_id: int):
    """One supplier's ledger entries, newest first (a Select to paginate)."""
    return (select(LedgerEntry).where(LedgerEntry.supplier_id == supplier_id)
            .order_by(LedgerEntry.created_at.desc(), LedgerEntry.id.desc()))
