"""Orders for staff: every order, newest first, filtered by status or by the refunds still owed,
and one order with its lines, payments and the staff actions of app/web/checkout.py."""
from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.orders.models import Order, OrderStatus
from app.orders.queries import staff_orders
from app.payments.models import Payment
from app.suppliers.models import Supplier
from app.web.admin import bp
from app.web.admin.views import paginate
from app.web.guards import staff_required

PAGE_SIZE = 30

STATUS_LABELS = {
    OrderStatus.PENDING_PAYMENT: _l("awaiting payment"),
    OrderStatus.PAID: _l("paid"),
    OrderStatus.CONFIRMED: _l("confirmed (cash)"),
    OrderStatus.SHIPPED: _l("shipped"),
    OrderStatus.DELIVERED: _l("delivered"),
    OrderStatus.CANCELLED: _l("cancelled"),
    OrderStatus.REFUNDED: _l("refunded"),
}


def parse_status(value: str | None) -> OrderStatus | None:
    """An OrderStatus from the query string; anything else means "any status"."""
    try:
        return OrderStatus(value) if value else None
    except ValueError:
        return None


@bp.get("/orders")
@staff_required
def orders_index():
    """Paged list of orders (one query for the rows, one for the count)."""
    status = parse_status(request.args.get("status"))
    needs_refund = request.args.get("needs_refund") == "1"
    page = paginate(staff_orders(status, needs_refund), PAGE_SIZE)
    return render_template("admin/orders/index.html", page=page, status=status, needs_refund=needs_refund,
                           status_labels=STATUS_LABELS, format_datetime=format_datetime)


@bp.get("/orders/<number>")
@staff_required
def order_detail(number: str):
    """One order with its lines, its suppliers' names and its payments (three queries, whatever the size)."""
    order = db.session.scalar(select(Order).where(Order.number == number))
    if order is None:
        abort(404)
    lines = order.lines
    supplier_ids = sorted({line.supplier_id for line in lines})
    suppliers = ({s.id: s for s in db.session.scalars(select(Supplier).where(Supplier.id.in_(supplier_ids)))}
                 if supplier_ids else {})
    payments = list(db.session.scalars(
        select(Payment).where(Payment.order_id == order.id).order_by(Payment.created_at, Payment.id)))
    return render_template(
        "admin/orders/detail.html", order=order, lines=lines, suppliers=suppliers, payments=payments,
        status_labels=STATUS_LABELS, format_datetime=format_datetime,
        can_mark_delivered=order.status == OrderStatus.SHIPPED, can_refund=order.needs_refund,
    )
