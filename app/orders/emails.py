"""Order e-mails, in the language the shopper ordered in; sent by the edge after its commit.

The links are built by the edge (app/web/order_mail.py): a domain knows no URL.
"""
from __future__ import annotations

import logging

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.mail import send_email
from app.orders.models import Order
from app.suppliers.models import Supplier

log = logging.getLogger(__name__)

SUBJECTS = {
    "order_confirmed": lambda o: _("Your order %(number)s", number=o.number),
    "order_cancelled": lambda o: _("Your order %(number)s was cancelled", number=o.number),
}


def notify_suppliers(order: Order, link: str) -> None:
    """Tell each supplier what to prepare: their own lines only, in their language; `link` is their orders page."""
    ids = {line.supplier_id for line in order.lines}
    suppliers = db.session.scalars(select(Supplier).where(Supplier.id.in_(ids)).options(joinedload(Supplier.user)))
    for supplier in suppliers:
        lines = [line for line in order.lines if line.supplier_id == supplier.id]
        try:
            with force_locale(supplier.user.locale or "fr"):
                send_email(supplier.user.email, _("New order %(number)s", number=order.number), "order_supplier",
                           order=order, lines=lines, supplier=supplier, link=link)
        except OSError:
            log.exception("supplier e-mail for order %s not sent", order.number)


def send_order_email(order: Order, template: str, link: str) -> None:
    """Mail the shopper (`link`: their order's status page); a mail failure is logged and never undoes the order."""
    try:
        with force_locale(order.locale or "fr"):
            send_email(order.email, SUBJECTS[template](order), template, order=order, link=link)
    except OSError:
        log.exception("e-mail %s for order %s not sent", template, order.number)
