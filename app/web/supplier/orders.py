"""A supplier's own order lines (never another's), marked shipped or delivered."""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.orders import queries, services
from app.orders.models import DeliveryMethod
from app.solidarity.ledger import balance
from app.web.pagination import paginate
from app.web.supplier import bp, stand_required
from app.web.unit_of_work import unit_of_work


@bp.get("/orders")
@stand_required
def orders():
    """The supplier's lines, newest first, with what to prepare and the earnings so far."""
    page = paginate(queries.lines_for_supplier(g.supplier.id), 30)
    return render_template("supplier/orders.html", page=page, balance=balance(g.supplier.id))


def _own_line(line_id: int):
    line = queries.supplier_line(g.supplier.id, line_id)
    if line is None:
        abort(404)  # another supplier's line does not exist for this one
    return line


@bp.post("/orders/lines/<int(max=2147483647):line_id>/shipped")
@stand_required
def line_shipped(line_id: int):
    """Mark one of my lines shipped; the order is shipped once every supplier has shipped. A line collected at
    the fair stand is not shipped: fair mode hands it over (and takes the cash)."""
    if _own_line(line_id).order.delivery_method == DeliveryMethod.STAND:
        flash(_("This order is collected at your fair stand: hand it over in fair mode."), "error")
        return redirect(url_for("supplier.fair_mode"), 303)
    return _move(line_id, services.mark_line_shipped, _("Marked as shipped."))


@bp.post("/orders/lines/<int(max=2147483647):line_id>/delivered")
@stand_required
def line_delivered(line_id: int):
    """Mark one of my lines delivered; the order is delivered once every line is."""
    return _move(line_id, services.mark_line_delivered, _("Marked as delivered."))


def _move(line_id: int, action, message: str):
    with unit_of_work() as work:
        action(_own_line(line_id), current_user.id)
    if work.error:
        flash(work.error.message, "error")
        return redirect(url_for("supplier.orders"), 303)
    flash(message, "success")
    return redirect(url_for("supplier.orders"), 303)
