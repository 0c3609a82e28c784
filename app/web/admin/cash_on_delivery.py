"""Cash on delivery for staff: the numbers whose parcels were refused at the door, and blocked numbers."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.orders import cash
from app.orders.forms import BlockPhoneForm
from app.web.admin import bp
from app.web.guards import admin_required
from app.web.unit_of_work import unit_of_work


@bp.get("/cash-on-delivery")
@admin_required
def cash_on_delivery():
    """Refusals at the door per number (most first), the blocked numbers, and the form to block one."""
    return _page(BlockPhoneForm(), 200)


def _page(form: BlockPhoneForm, status: int):
    return render_template("admin/cash_on_delivery.html", form=form, history=cash.refusals_by_phone(),
                           blocked=cash.blocked_phones()), status


@bp.post("/cash-on-delivery/blocked")
@admin_required
def block_phone():
    """Block a number: its next cash order is refused at checkout (card payment stays possible)."""
    form = BlockPhoneForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    with unit_of_work() as work:
        cash.block(form.phone.data, form.reason.data or "", current_user.id)
    if work.error:
        form.phone.errors.append(str(work.error.message))
        return _page(form, work.error.status)
    flash(_("The number is blocked: it can no longer pay on delivery."), "success")
    return redirect(url_for("admin.cash_on_delivery"), 303)


@bp.post("/cash-on-delivery/blocked/<int:blocked_id>/delete")
@admin_required
def unblock_phone(blocked_id: int):
    with unit_of_work() as work:
        cash.unblock(blocked_id, current_user.id)
    if not work.flash_error():
        flash(_("The number can pay on delivery again."), "success")
    return redirect(url_for("admin.cash_on_delivery"), 303)
