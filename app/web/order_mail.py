"""Order e-mails sent by the edge after its commit, with the links only the web layer can build."""
from __future__ import annotations

from flask import url_for

from app.notifications import suppliers as notices
from app.orders.emails import send_order_email
from app.orders.models import Order
from app.web.links import link_in_language
from app.web.unit_of_work import commit


def mail_confirmation(order: Order) -> None:
    """After the order's commit: the shopper's confirmation, and each supplier's notice of what to prepare."""
    send_order_email(order, "order_confirmed", _status_link(order))
    notices.new_order(order, link_in_language("supplier.orders"))
    commit()  # the notices are recorded; their delivery jobs leave now


def mail_cancellation(order: Order) -> None:
    send_order_email(order, "order_cancelled", _status_link(order))


def _status_link(order: Order) -> str:
    """The order's status page in the language it was placed in."""
    return url_for("checkout.order_status", number=order.number, token=order.token, _external=True,
                   _language=order.locale)
