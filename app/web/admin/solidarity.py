"""Solidarity report for oversight and admins; admins also record payouts here."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.accounts.policy import Permission, can
from app.csv_export import csv_response
from app.db import utcnow
from app.extensions import db
from app.money import to_centimes, to_decimal
from app.numbers import MAX_ID
from app.reports import solidarity
from app.solidarity.ledger import balance
from app.solidarity.payouts import record_payout
from app.solidarity.pricing import SolidarityRules
from app.suppliers.models import Supplier
from app.web.admin import bp
from app.web.guards import admin_required, reports_required
from app.web.pagination import paginate
from app.web.second_factor import fresh_second_factor_required
from app.web.unit_of_work import unit_of_work

CSV_HEADER = ("supplier_id", "supplier", "group", "sales_mad", "producer_share_mad", "group_commission_mad",
              "platform_fee_mad", "earned_mad", "paid_mad", "owed_mad")
GROUP_CSV_HEADER = ("group_id", "group", "commission_bp", "sales_mad", "producer_share_mad", "group_commission_mad",
                    "platform_fee_mad", "earned_mad", "paid_mad", "owed_mad")


class PayoutForm(FlaskForm):
    supplier_id = IntegerField(validators=[DataRequired(), NumberRange(min=1, max=MAX_ID)])
    amount = StringField(_l("Amount paid (MAD)"), validators=[DataRequired(), Length(max=20)])
    note = StringField(_l("Reference (transfer, receipt)"), validators=[Optional(), Length(max=200)])

    def validate_amount(self, field) -> None:
        """An amount as people type it ("100", "100,50", "1 200.5"), more than zero."""
        try:
            field.centimes = to_centimes(field.data)
        except ValueError:
            raise ValidationError(_l("Enter an amount in dirhams, e.g. 150 or 150,50.")) from None
        if not 0 < field.centimes <= 10_000_000_00:
            raise ValidationError(_l("The amount must be more than zero."))


def _render(status: int = 200, failed: PayoutForm | None = None):
    rules = SolidarityRules.from_config()
    groups = solidarity.by_group()
    return render_template(
        "admin/solidarity.html", suppliers=solidarity.by_supplier(), groups=groups,
        platform=solidarity.platform(groups), checks=solidarity.checks(rules), rules=rules,
        can_pay=can(current_user, Permission.ADMINISTER), failed=failed,
    ), status


@bp.get("/solidarity")
@reports_required
def solidarity_report():
    """Per supplier and per group: shares, commissions, fees, earned, paid, owed; and the checks."""
    return _render()


@bp.get("/solidarity/suppliers/<int:supplier_id>")
@reports_required
def solidarity_ledger(supplier_id: int):
    """One supplier's ledger: every earning, reversal and payout, with the balance owed."""
    supplier = db.get_or_404(Supplier, supplier_id)
    page = paginate(solidarity.ledger_of(supplier_id), 50)
    return render_template("admin/solidarity_ledger.html", supplier=supplier, page=page,
                           owed=balance(supplier_id))


@bp.get("/solidarity/suppliers.csv")
@reports_required
def solidarity_suppliers_csv():
    """The per-supplier report as CSV (amounts in MAD)."""
    rows = ((s.key, s.name, s.group, *_mad(s)) for s in solidarity.by_supplier())
    return csv_response(f"solidarity-suppliers-{utcnow():%Y%m%d}.csv", rows, CSV_HEADER)


@bp.get("/solidarity/groups.csv")
@reports_required
def solidarity_groups_csv():
    """The per-group report as CSV; suppliers without a group are the row without an id."""
    rows = ((g.key or "", g.name or _("No group"), g.commission_bp if g.commission_bp is not None else "", *_mad(g))
            for g in solidarity.by_group())
    return csv_response(f"solidarity-groups-{utcnow():%Y%m%d}.csv", rows, GROUP_CSV_HEADER)


@bp.post("/solidarity/payouts")
@admin_required
@fresh_second_factor_required
def record_supplier_payout():
    """Record a payout made to a supplier (a negative ledger entry, audited)."""
    form = PayoutForm()
    if not form.validate():
        return _render(422, form)
    cents = form.amount.centimes
    with unit_of_work() as work:
        record_payout(form.supplier_id.data, cents, actor_id=current_user.id, note=form.note.data or "")
    if work.error:
        form.amount.errors = [work.error.message]
        return _render(work.error.status, form)
    flash(_("Payout of %(amount)s recorded.", amount=_money(cents)))
    return redirect(url_for("admin.solidarity_report"), 303)


def _mad(t: solidarity.Totals) -> tuple:
    return tuple(to_decimal(v) for v in (t.sales, t.producer, t.commission, t.platform_fee, t.earned, t.paid, t.owed))


def _money(cents: int) -> str:
    from app.web.templating import money

    return money(cents)
