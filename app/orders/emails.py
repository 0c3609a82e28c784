"""Order e-mails, in the language the shopper ordered in; sent by the edge after its commit.

The links are built by the edge (app/web/order_mail.py): a domain knows no URL.
"""
from __future__ import annotations

import logging

from flask_babel import force_locale
from flask_babel import gettext as _

from app.mail import send_email
from app.orders.models import Order

log = logging.getLogger(__name__)

SUBJECTS = {
    "order_confirmed": lambda o: _("Your order %(number)s", number=o.number),
    "order_cancelled": lambda o: _("Your order %(number)s was cancelled", number=o.number),
}


def send_order_email(order: Order, template: str, link: str) -> None:
    """Mail the shopper (`link`: their order's status page); a mail failure is logged and never undoes the order."""
    try:
        with force_locale(order.locale or "fr"):
            send_email(order.email, SUBJECTS[template](order), template, order=order, link=link)
    except OSError:
        log.exception("e-mail %s for order %s not sent", template, order.number)
