"""Fair mode: the beneficiary's phone as the stand's till during a fair she exhibits at.

A sale is two taps: the product, then how the customer paid. Every sale form carries a key; the
offline queue (static/js/fair.js) makes a fresh one per sale and sends it as Idempotency-Key, so a
sale sent twice is recorded once. JSON answers for the queue, pages without JavaScript.
"""
from __future__ import annotations

import uuid

from flask import flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField
from wtforms.validators import DataRequired, NumberRange, Regexp

from app.catalog.forms import PriceField
from app.db import utcnow
from app.errors import Invalid, wants_json
from app.exhibition.queries import fairs_of_supplier, today
from app.fairs import queries
from app.fairs.models import TakingsMethod
from app.fairs.services import MAX_QUANTITY, SaleRequest, hand_over, record_sale, seen_in_fair_mode
from app.web.supplier import bp, stand_required
from app.web.unit_of_work import unit_of_work

SALE_KEY = r"^[A-Za-z0-9-]{8,64}$"


class SaleForm(FlaskForm):
    """One in-person sale; the payment method comes from the button pressed."""

    fair_id = HiddenField(validators=[DataRequired()])
    product_id = HiddenField(validators=[DataRequired()])
    sale_key = HiddenField(validators=[DataRequired(), Regexp(SALE_KEY)])
    quantity = IntegerField(_l("Quantity"), default=1, validators=[NumberRange(1, MAX_QUANTITY)])
    price = PriceField(_l("Price paid (MAD)"), validators=[DataRequired()])


@bp.get("/fair")
@stand_required
def fair_mode():
    """The stand's till today, or the fairs to come when none is on. Opening it during the fair tells the
    organisers she is at her stand (a time on the stand, at most every few minutes)."""
    return _fair_page(seen=True)


def _fair_page(seen: bool = False) -> str:
    stand = queries.stand_today(g.supplier.id, today())
    if stand is not None and seen:
        with unit_of_work():
            seen_in_fair_mode(stand, utcnow())
    if stand is None:
        return render_template("supplier/fair.html", stand=None,
                               upcoming=fairs_of_supplier(g.supplier.id, today()))
    return render_template("supplier/fair.html", stand=stand, products=queries.sellable_at_stand(g.supplier.id),
                           sales=queries.sales_at_fair(g.supplier.id, stand.fair_id),
                           pickups=queries.pickups_at_stand(g.supplier.id, stand.fair_id),
                           new_key=lambda: str(uuid.uuid4()), form=SaleForm(), methods=list(TakingsMethod))


@bp.post("/fair/sales")
@stand_required
def record_fair_sale():
    """Record a sale made at the stand (stock taken from the same stock as the web)."""
    form = SaleForm()
    with unit_of_work() as work:
        sale = record_sale(g.supplier.id, _sale_request(form), actor_id=current_user.id, today=today())
    if work.error:
        if wants_json(request):
            return jsonify(error={"status": work.error.status, "message": str(work.error.message)}), work.error.status
        flash(str(work.error.message), "error")
        return redirect(url_for("supplier.fair_mode")), 303
    if wants_json(request):  # with what is left, for the till to show without reloading
        left = queries.stock_left(sale.product_id) if sale.product_id else 0
        return jsonify(sale={"id": sale.id, "title": sale.title, "quantity": sale.quantity,
                             "product_id": sale.product_id, "left": left,
                             "left_text": ngettext("%(num)d left", "%(num)d left", left)}), 201
    flash(_("Sale recorded: %(title)s × %(n)s.", title=sale.title, n=sale.quantity), "success")
    return redirect(url_for("supplier.fair_mode"), 303)


@bp.post("/fair/pickups/<number>")
@stand_required
def hand_over_pickup(number: str):
    """The customer collected an order at the stand: her lines are delivered (only her own orders)."""
    with unit_of_work() as work:
        order = hand_over(g.supplier.id, number, actor_id=current_user.id, today=today())
    if work.flash_error():  # the page again, the reason on top, with the refusal's status
        return _fair_page(), work.error.status
    flash(_("Order %(number)s handed over.", number=order.number), "success")
    return redirect(url_for("supplier.fair_mode"), 303)


def _sale_request(form: SaleForm) -> SaleRequest:
    """The validated sale, or Invalid with the first problem in the visitor's language."""
    method = request.form.get("method", "")
    if not form.validate_on_submit() or form.price.centimes is None or method not in set(TakingsMethod):
        raise Invalid(_first_error(form) or _l("This sale could not be read. Please try again."))
    return SaleRequest(fair_id=int(form.fair_id.data), product_id=int(form.product_id.data),
                       quantity=form.quantity.data, unit_price_centimes=form.price.centimes,
                       method=TakingsMethod(method), sale_key=form.sale_key.data)


def _first_error(form: SaleForm) -> str | None:
    return next((str(message) for messages in form.errors.values() for message in messages), None)
