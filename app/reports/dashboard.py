"""The dashboard's figures: each is one aggregate query, whatever the number of orders.

Sales count order lines of orders that are paid, confirmed (cash on delivery), shipped or
delivered, minus lines cancelled on their own. Amounts are centimes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Date, String, case, cast, func, literal, select
from sqlalchemy.sql.elements import ColumnElement

from app.catalog.models import Category, ListingStatus, Product
from app.db import utcnow
from app.extensions import db
from app.orders.models import LineStatus, Order, OrderLine, OrderStatus
from app.suppliers.models import Supplier, VerificationState
from app.verification.models import RequestState, VerificationRequest

SOLD_STATUSES = (OrderStatus.PAID, OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.DELIVERED)
WEEKS_SHOWN = 26
TOP_SUPPLIERS = 10
# Age buckets of waiting listings, in hours: (upper bound, key).
AGE_BUCKETS = ((24, "under_1_day"), (72, "1_to_3_days"), (168, "3_to_7_days"))
OLDEST_BUCKET = "over_7_days"
BACKLOG_KEYS = ("request:request", "request:flag", "request:spot_audit", "supplier:pending", "supplier:flagged")


@dataclass(frozen=True)
class Row:
    label: str
    amount: int  # centimes, or a count for backlogs
    count: int = 0


def _sold_lines(stmt):
    return (stmt.join(Order, Order.id == OrderLine.order_id)
            .where(Order.status.in_(SOLD_STATUSES), OrderLine.status != LineStatus.CANCELLED))


def week_start(column) -> ColumnElement:
    """The Monday starting the week of a timestamp, as a date, in either database."""
    if db.engine.dialect.name == "postgresql":
        # In UTC whatever the server's TimeZone, like the weeks listed in Python.
        return cast(func.date_trunc("week", func.timezone("UTC", column)), Date)
    return func.date(column, "weekday 0", "-6 days")


def sales_by_week(today: date | None = None) -> list[Row]:
    """Sales per week over the last WEEKS_SHOWN weeks, oldest first, weeks without sales included."""
    today = today or utcnow().date()
    first_monday = today - timedelta(days=today.weekday(), weeks=WEEKS_SHOWN - 1)
    since = datetime.combine(first_monday, datetime.min.time(), tzinfo=utcnow().tzinfo)
    week = week_start(Order.created_at).label("week")
    stmt = _sold_lines(select(week, func.sum(OrderLine.line_total_centimes), func.count(OrderLine.id))
                       .select_from(OrderLine)).where(Order.created_at >= since).group_by(week)
    found = {str(w)[:10]: Row(str(w)[:10], int(total or 0), count) for w, total, count in db.session.execute(stmt)}
    weeks = [(first_monday + timedelta(weeks=i)).isoformat() for i in range(WEEKS_SHOWN)]
    return [found.get(w, Row(w, 0, 0)) for w in weeks]


def _sales_by(label_column, join_target=None, onclause=None, limit: int | None = None) -> list[Row]:
    total = func.sum(OrderLine.line_total_centimes).label("total")
    stmt = select(label_column, total, func.count(OrderLine.id)).select_from(OrderLine)
    if join_target is not None:
        stmt = stmt.outerjoin(join_target, onclause)
    stmt = _sold_lines(stmt).group_by(label_column).order_by(total.desc())
    if limit:
        stmt = stmt.limit(limit)
    return [Row(label or "", int(amount or 0), count) for label, amount, count in db.session.execute(stmt)]


def sales_by_region() -> list[Row]:
    return _sales_by(Supplier.region, Supplier, Supplier.id == OrderLine.supplier_id)


def sales_by_category() -> list[Row]:
    # Lines keep their sale even when the product was deleted since (product_id NULL).
    stmt_product = select(Product.id, Category.name).join(Category, Category.id == Product.category_id).subquery()
    return _sales_by(stmt_product.c.name, stmt_product, stmt_product.c.id == OrderLine.product_id)


def top_suppliers() -> list[Row]:
    name = Supplier.name
    total = func.sum(OrderLine.line_total_centimes).label("total")
    stmt = (_sold_lines(select(Supplier.id, name, total, func.count(OrderLine.id)).select_from(OrderLine)
                        .join(Supplier, Supplier.id == OrderLine.supplier_id))
            .group_by(Supplier.id, name).order_by(total.desc()).limit(TOP_SUPPLIERS))
    return [Row(label, int(amount or 0), count) for _, label, amount, count in db.session.execute(stmt)]


def waiting_listings_by_age(now: datetime | None = None) -> list[Row]:
    """Pending listings counted by how long they have waited, youngest bucket first."""
    now = now or utcnow()
    submitted = func.coalesce(Product.submitted_at, Product.updated_at)
    bucket = case(*[(submitted > now - timedelta(hours=hours), key) for hours, key in AGE_BUCKETS],
                  else_=OLDEST_BUCKET).label("bucket")
    stmt = select(bucket, func.count(Product.id)).where(Product.status == ListingStatus.PENDING).group_by(bucket)
    found = dict(db.session.execute(stmt).all())
    keys = [key for _, key in AGE_BUCKETS] + [OLDEST_BUCKET]
    return [Row(key, found.get(key, 0)) for key in keys]


def verification_backlog() -> list[Row]:
    """Open verification cases by kind ("request:flag") and suppliers by state ("supplier:flagged"), one query."""
    kind, state = cast(VerificationRequest.kind, String), cast(Supplier.verification_state, String)
    requests = (select(literal("request").label("source"), kind.label("label"), func.count().label("n"))
                .where(VerificationRequest.state == RequestState.PENDING).group_by(kind))
    suppliers = (select(literal("supplier").label("source"), state.label("label"), func.count().label("n"))
                 .where(Supplier.verification_state.in_((VerificationState.PENDING, VerificationState.FLAGGED)))
                 .group_by(state))
    union = requests.union_all(suppliers).subquery()
    found = {f"{source}:{label}": n for source, label, n in db.session.execute(select(union))}
    return [Row(key, found.get(key, 0)) for key in BACKLOG_KEYS]


def totals() -> Row:
    """Sales to date: amount and number of lines."""
    stmt = _sold_lines(select(func.sum(OrderLine.line_total_centimes), func.count(OrderLine.id))
                       .select_from(OrderLine))
    amount, count = db.session.execute(stmt).one()
    return Row("total", int(amount or 0), count)
