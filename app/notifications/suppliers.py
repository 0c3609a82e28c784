"""The notices a supplier receives, each written in the supplier's own language.

Called by the edge inside its transaction (the notice is recorded with the event) or right
after it (then the edge commits again); the links come from the edge (a domain knows no URL), as
a function of the language, so each supplier's link opens the portal in the language of the notice.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.catalog.models import ListingStatus, Product
from app.extensions import db
from app.mail import render_text
from app.notifications.models import NoticeKind
from app.notifications.services import notify
from app.orders.models import DeliveryMethod, Order
from app.portal.queries import STOCK_ALERT_AT
from app.suppliers.models import Supplier

LISTING_SUBJECTS = {
    ListingStatus.PUBLISHED: lambda p: _("Your listing “%(title)s” is published", title=p.title),
    ListingStatus.REJECTED: lambda p: _("Your listing “%(title)s” was not accepted", title=p.title),
    ListingStatus.CHANGES_REQUESTED: lambda p: _("Changes are requested on “%(title)s”", title=p.title),
}


# A page's absolute address in a given language ("ar" -> "https://…/ar/supplier/orders").
LinkIn = Callable[[str], str]


def _language_of(supplier: Supplier) -> str:
    return supplier.user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]


def _in_language_of(supplier: Supplier):
    return force_locale(_language_of(supplier))


def _send(supplier: Supplier, kind: NoticeKind, subject: str, template: str, link: LinkIn, **context) -> None:
    context.update(supplier=supplier, subject=subject, link=link(_language_of(supplier)))
    notify(supplier.user, kind, subject, render_text(f"emails/{template}.txt", **context),
           render_text(f"sms/{template}.txt", **context).strip())


def delivery_details(order: Order) -> str:
    """Where the goods go: what the supplier's orders page shows under "Where to send it"."""
    if order.delivery_method == DeliveryMethod.PICKUP and order.pickup_point is not None:
        point = order.pickup_point
        return _("Pickup point: %(name)s, %(address)s, %(city)s", name=point.name, address=point.address,
                 city=point.city)
    if order.delivery_method == DeliveryMethod.STAND and order.fair is not None:
        return _("Collected at your stand at %(fair)s today by %(name)s: hand it over in fair mode.",
                 fair=order.fair.name, name=order.customer_name)
    return _("Deliver to %(name)s, %(address)s, %(city)s, tel. %(phone)s", name=order.customer_name,
             address=order.delivery_address, city=order.delivery_city, phone=order.phone)


def new_order(order: Order, link: LinkIn) -> None:
    """Each supplier of the order: their own lines to prepare, where they go; and stock running out."""
    ids = {line.supplier_id for line in order.lines}
    suppliers = db.session.scalars(select(Supplier).where(Supplier.id.in_(ids)).options(joinedload(Supplier.user)))
    for supplier in suppliers:
        lines = [line for line in order.lines if line.supplier_id == supplier.id]
        with _in_language_of(supplier):
            _send(supplier, NoticeKind.NEW_ORDER, _("New order %(number)s", number=order.number), "order_supplier",
                  order=order, lines=lines, link=link, delivery=delivery_details(order))
        _stock_running_out(supplier, lines, link)


def _stock_running_out(supplier: Supplier, lines: list, link: LinkIn) -> None:
    """Told once, when this order takes a listing's stock down to the alert level (not at every order below)."""
    sold = {line.product_id: line.quantity for line in lines if line.product_id}
    for product in db.session.scalars(select(Product).where(Product.id.in_(sold)).order_by(Product.id)):
        if product.stock <= STOCK_ALERT_AT < product.stock + sold[product.id]:
            with _in_language_of(supplier):
                _send(supplier, NoticeKind.LOW_STOCK, _("“%(title)s” is running out", title=product.title),
                      "low_stock", product=product, link=link)


def listing_decision(product: Product, link: LinkIn) -> None:
    """The moderator's decision on a listing, with the reason when there is one."""
    supplier = product.supplier
    with _in_language_of(supplier):
        _send(supplier, NoticeKind.LISTING_DECISION, LISTING_SUBJECTS[product.status](product), "listing_decision",
              product=product, link=link)


def verification_decision(supplier: Supplier, approved: bool, reason: str, link: LinkIn) -> None:
    """Staff decided the supplier's verification case."""
    with _in_language_of(supplier):
        subject = _("Your account is verified") if approved else _("Your verification was not accepted")
        _send(supplier, NoticeKind.VERIFICATION_DECISION, subject, "verification_decision",
              approved=approved, reason=reason, link=link)
