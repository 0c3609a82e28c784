"""The beneficiary portal; one module per concern registers its views on `bp`.

Every view here is for a beneficiary, and most for one who has opened a stand:
`stand_required` checks both and puts the stand in `g.supplier`. Object-level checks
(this listing, this photo) go through app.portal.queries.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Blueprint, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.portal.queries import supplier_for_user
from app.web.guards import beneficiary_required

bp = Blueprint("supplier", __name__, url_prefix="/supplier")


@bp.context_processor
def portal_links() -> dict:
    """The portal's navigation, one link per section of the portal."""
    links = (
        ("supplier.index", _("Dashboard")),
        ("supplier.products", _("My listings")),
        ("supplier.orders", _("Orders")),
        ("supplier.verify", _("Verification")),
        ("supplier.profile", _("My stand")),
        ("supplier.fair_mode", _("Fair")),
        ("supplier.notifications", _("Messages")),
    )
    return {"portal_links": links}


def stand_required(view: Callable) -> Callable:
    """A beneficiary with a stand; one without is led to create it first."""

    @wraps(view)
    @beneficiary_required
    def wrapper(*args, **kwargs):
        g.supplier = supplier_for_user(current_user.id)
        if g.supplier is None:
            flash(_("First, set up your stand: tell shoppers who you are and what you make."), "warning")
            return redirect(url_for("supplier.profile"))
        return view(*args, **kwargs)

    return wrapper


from app.web.supplier import (  # noqa: E402,F401  (views register themselves on bp)
    app_shell,
    fair,
    notices,
    orders,
    photos,
    products,
    profile,
    verify,
    views,
)
