"""Order e-mails, in the language the shopper ordered in; sent by the edge after its commit."""
from __future__ import annotations

import logging

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from app.mail import send_email
from app.orders.models import Order

log = logging.getLogger(__name__)

SUBJECTS = {
    "order_confirmed": lambda o: _("Your order %(number)s", number=o.number),
    "order_cancelled": lambda o: _("Your order %(number)s was cancelled", number=o.number),
}


def notify_suppliers(order: Order) -> None:
    """Tell each supplier what to prepare: their own lines only, in their language."""
    from sqlalchemy import select
    from sqlalchemy.orm import joinedload

    from app.extensions import db
    from app.suppliers.models import Supplier

    ids = {line.supplier_id for line in order.lines}
    suppliers = db.session.scalars(select(Supplier).where(Supplier.id.in_(ids)).options(joinedload(Supplier.user)))
    link = url_for("supplier.orders", _external=True)
    for supplier in suppliers:
        lines = [line for line in order.lines if line.supplier_id == supplier.id]
        try:
            with force_locale(supplier.user.locale or "fr"):
                send_email(supplier.user.email, _("New order %(number)s", number=order.number), "order_supplier",
                           order=order, lines=lines, supplier=supplier, link=link)
        except OSError:
            log.exception("supplier e-mail for order %s not sent", order.number)


def send_order_email(order: Order, template: str) -> None:
    """Mail the shopper; a mail failure is logged and never undoes the order."""
    link = url_for("checkout.order_status", number=order.number, token=order.token, _external=True)
    try:
        with force_locale(order.locale or "fr"):
            send_email(order.email, SUBJECTS[template](order), template, order=order, link=link)
    except OSError:
        log.exception("e-mail %s for order %s not sent", template, order.number)
