"""Who may see which order: the shopper by secret link or login, a supplier only their own lines."""
from __future__ import annotations

import hmac

from sqlalchemy import Select, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from app.extensions import db
from app.orders.models import Order, OrderLine, OrderStatus


def order_for_shopper(number: str, token: str | None, user_id: int | None) -> Order | None:
    """The order if the visitor holds its secret token or owns it; None otherwise (never say which)."""
    order = db.session.scalar(
        select(Order).where(Order.number == number)
        .options(selectinload(Order.lines), joinedload(Order.pickup_point))
    )
    if order is None:
        return None
    if token and hmac.compare_digest(order.token.encode(), token.encode()):
        return order
    if user_id is not None and order.user_id == user_id:
        return order
    return None




def orders_of_user(user_id: int) -> Select:
    """A logged-in shopper's order history, newest first (a Select the web pages)."""
    return select(Order).where(Order.user_id == user_id).order_by(Order.created_at.desc(), Order.id.desc())


def lines_for_supplier(supplier_id: int) -> Select:
    """A supplier's own order lines (never another supplier's), newest first, with their order.

    A cash order still waiting for its phone's code has not reached the supplier yet."""
    return (
        select(OrderLine).join(OrderLine.order)
        .where(OrderLine.supplier_id == supplier_id, Order.status != OrderStatus.AWAITING_PHONE)
        .options(contains_eager(OrderLine.order).joinedload(Order.pickup_point))
        .order_by(OrderLine.id.desc())
    )


def supplier_line(supplier_id: int, line_id: int) -> OrderLine | None:
    """One line, only if it belongs to this supplier (and its order reached them)."""
    return db.session.scalar(
        select(OrderLine).join(OrderLine.order)
        .where(OrderLine.id == line_id, OrderLine.supplier_id == supplier_id,
               Order.status != OrderStatus.AWAITING_PHONE)
    )


def staff_orders(status: OrderStatus | None = None, needs_refund: bool = False) -> Select:
    """Every order for staff, newest first; `needs_refund` keeps those whose money came in after they
    were cancelled, or whose refund failed. A statement, so the admin list can page it."""
    stmt = select(Order).order_by(Order.created_at.desc(), Order.id.desc())
    if status is not None:
        stmt = stmt.where(Order.status == status)
    if needs_refund:
        stmt = stmt.where(Order.needs_refund.is_(True))
    return stmt
