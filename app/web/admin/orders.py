"""Orders for staff: every order, newest first, filtered by status or by the refunds still owed,
and one order with its lines, its payments and the staff actions (delivered, refund)."""
from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.errors import DomainError
from app.extensions import db
from app.orders import services as orders
from app.orders.card_payments import RefundFailed, refund_flagged
from app.orders.models import Order, OrderStatus
from app.orders.queries import staff_orders
from app.payments.configured import get_gateway
from app.payments.models import Payment
from app.suppliers.models import Supplier
from app.web.admin import bp
from app.web.guards import staff_required
from app.web.pagination import paginate
from app.web.redirects import safe_next
from app.web.unit_of_work import unit_of_work

PAGE_SIZE = 30

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
                           format_datetime=format_datetime)


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
        format_datetime=format_datetime,
        can_mark_delivered=order.status == OrderStatus.SHIPPED, can_refund=order.needs_refund,
    )


@bp.post("/orders/<number>/delivered")
@staff_required
def order_delivered(number: str):
    """Staff confirm that a shipped order reached the shopper (e.g. the courier's report)."""
    return _staff_action(number, lambda order: orders.mark_delivered(orders.lock_order(order.id), current_user.id),
                         lambda: _("Order %(number)s is delivered.", number=number))


@bp.post("/orders/<number>/refused")
@staff_required
def order_refused(number: str):
    """Staff record that the shopper refused a cash parcel at the door (the courier's report): stock back,
    earnings reversed, and the number's refusals counted at /admin/cash-on-delivery."""
    return _staff_action(number, lambda order: orders.mark_refused(order, current_user.id),
                         lambda: _("Order %(number)s was refused at the door.", number=number))


@bp.post("/orders/<number>/refund")
@staff_required
def order_refund(number: str):
    """Staff refund an order flagged needs_refund (paid after cancellation, or a refund that failed)."""
    return _staff_action(number, lambda order: refund_flagged(order, get_gateway(), current_user.id),
                         lambda: _("Order %(number)s is refunded.", number=number),
                         keep=(RefundFailed,))  # a failed refund keeps its flag and audit entry


def _staff_action(number: str, action: Callable[[Order], object], done: Callable[[], str],
                  keep: tuple[type[DomainError], ...] = ()):
    """One staff action in its own unit of work: what refused it is flashed, else that it is done."""
    order = _order(number)
    with unit_of_work(keep=keep) as work:
        action(order)
    if not work.flash_error():
        flash(done(), "success")
    return _back(number)


def _order(number: str) -> Order:
    order = db.session.scalar(select(Order).where(Order.number == number))
    if order is None:
        abort(404)
    return order


def _back(number: str):
    return redirect(safe_next(request.form.get("next"), default=url_for("admin.order_detail", number=number)), 303)
