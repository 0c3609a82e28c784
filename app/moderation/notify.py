"""Telling beneficiaries what happened to their listings (called after the commit)."""
from __future__ import annotations

import logging

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.catalog.models import ListingStatus, Product
from app.mail import send_email

log = logging.getLogger(__name__)

SUBJECTS = {
    ListingStatus.PUBLISHED: _l("Your listing is published"),
    ListingStatus.REJECTED: _l("Your listing was not accepted"),
    ListingStatus.CHANGES_REQUESTED: _l("Changes are requested on your listing"),
}


def send_decision_emails(products: list[Product]) -> None:
    """One email per decided listing, in the beneficiary's language; a mail failure never undoes a decision."""
    for product in products:
        user = product.supplier.user
        locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
        try:
            with force_locale(locale):
                send_email(user.email, str(SUBJECTS[product.status]), "listing_decision",
                           product=product, supplier=product.supplier)
        except Exception:  # noqa: BLE001 - the decision is committed; log and carry on
            log.exception("listing decision email failed for product %s", product.id)
