"""Moderation queue: pending listings, decided one at a time or in bulk."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.catalog.lifecycle import AlreadyDecided
from app.moderation import services
from app.notifications import suppliers as notices
from app.numbers import object_id
from app.solidarity.pricing import SolidarityRules, product_breakdown
from app.web.admin import bp
from app.web.admin.forms import BulkDecisionForm, DecisionForm
from app.web.guards import moderation_required
from app.web.labels import label
from app.web.links import link_in_language
from app.web.pagination import paginate
from app.web.unit_of_work import commit, rollback

PAGE_SIZE = 20
BULK_MAX = 100


def render_queue(status: int = 200, *, failed_id: int | None = None, failed_form=None, bulk_form=None):
    page = paginate(services.queue_query(), PAGE_SIZE)
    products = page.items
    rules = SolidarityRules.from_config()
    forms = {p.id: (failed_form if p.id == failed_id else DecisionForm(formdata=None)) for p in products}
    return render_template(
        "admin/moderation/queue.html",
        page=page,
        products=products,
        forms=forms,
        bulk_form=bulk_form or BulkDecisionForm(formdata=None),
        breakdowns={p.id: product_breakdown(p, rules) for p in products},
        history=services.supplier_history(sorted({p.supplier_id for p in products})),
    ), status


@bp.get("/moderation")
@moderation_required
def moderation_queue():
    """Pending listings, oldest first."""
    return render_queue()


@bp.post("/moderation/<int:product_id>/decision")
@moderation_required
def decide_listing(product_id: int):
    """Decide one listing; a listing someone else decided first answers 409."""
    form = DecisionForm()
    if not form.validate():
        return render_queue(422, failed_id=product_id, failed_form=form)
    try:
        product = services.decide(product_id, form.decision.data, actor_id=current_user.id,
                                  reason=form.reason.data or "")
    except AlreadyDecided as error:
        # Keep the moderator in the queue (now without that listing) rather than on an error page.
        rollback()
        flash(error.message, "warning")
        return render_queue(409)
    notices.listing_decision(product, link_in_language("supplier.products"))
    commit()
    flash(_("“%(title)s”: %(decision)s.", title=product.title, decision=label(services.Decision(form.decision.data))))
    return redirect(url_for("admin.moderation_queue"), 303)


@bp.post("/moderation/bulk")
@moderation_required
def decide_bulk():
    """Apply one decision to every ticked listing; the others are reported one by one."""
    form = BulkDecisionForm()
    ids = [n for n in map(object_id, request.form.getlist("ids")) if n is not None]
    if not form.validate():
        return render_queue(422, bulk_form=form)
    if not ids:
        flash(_("Tick at least one listing."), "error")
        return redirect(url_for("admin.moderation_queue"), 303)
    if len(ids) > BULK_MAX:
        flash(_("Decide at most %(n)d listings at once.", n=BULK_MAX), "error")
        return render_queue(422, bulk_form=form)
    report = services.decide_many(ids, form.decision.data, actor_id=current_user.id, reason=form.reason.data or "")
    for product in report.decided:
        notices.listing_decision(product, link_in_language("supplier.products"))
    commit()
    flash_report(report, form.decision.data)
    return redirect(url_for("admin.moderation_queue"), 303)


def flash_report(report: services.BulkReport, decision: str) -> None:
    """"3 listings approved." then one line per listing refused, named by its title."""
    flash(ngettext("%(num)d listing %(decision)s.", "%(num)d listings %(decision)s.", len(report.decided),
                   decision=label(services.Decision(decision))))
    if not report.refused:
        return
    flash(ngettext("%(num)d listing could not be decided:", "%(num)d listings could not be decided:",
                   len(report.refused)), "warning")
    titles = services.titles([product_id for product_id, _error in report.refused])
    for product_id, error in report.refused:
        flash(_("Listing #%(id)d %(title)s: %(message)s", id=product_id, title=titles.get(product_id, ""),
                message=error.message), "warning")
