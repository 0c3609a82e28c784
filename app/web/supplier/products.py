"""The supplier's listings: list, create, edit, submit for review, archive, restore."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.catalog import services
from app.catalog.forms import ProductForm
from app.portal.queries import product_for_supplier, products_of_supplier
from app.web.supplier import bp, stand_required
from app.web.unit_of_work import unit_of_work


@bp.get("/products")
@stand_required
def products():
    """The supplier's own listings with their state and the moderator's reason."""
    return render_template("supplier/products.html", supplier=g.supplier, products=products_of_supplier(g.supplier.id))


@bp.route("/products/new", methods=["GET", "POST"])
@stand_required
def new_product():
    """Create a draft listing, then go on to its photos."""
    form = ProductForm()
    if not form.validate_on_submit():
        return _render_form(form, None, 422 if form.errors else 200)
    with unit_of_work() as work:
        product = services.create_listing(g.supplier.id, form.listing_data(), actor_id=current_user.id)
    if work.error:
        return _render_form(form, None, work.error.status, work.error.message)
    flash(_("Draft saved. Now add photos: up to 8, the first one is the cover."), "success")
    return redirect(url_for("supplier.photos", product_id=product.id))


@bp.route("/products/<int:product_id>", methods=["GET", "POST"])
@stand_required
def edit_product(product_id: int):
    """Edit a listing; a material change to a published one sends it back to review."""
    product = product_for_supplier(g.supplier.id, product_id)
    form = ProductForm()
    if not form.is_submitted():
        form.fill_from(product)
    if not form.validate_on_submit():
        return _render_form(form, product, 422 if form.errors else 200)
    with unit_of_work() as work:
        back_to_review = services.update_listing(product, form.listing_data(), actor_id=current_user.id)
    if work.error:
        product = product_for_supplier(g.supplier.id, product_id)
        return _render_form(form, product, work.error.status, work.error.message)
    if back_to_review:
        flash(_("Saved. The listing is hidden until a moderator checks your changes."), "warning")
    else:
        flash(_("Saved."), "success")
    return redirect(url_for("supplier.edit_product", product_id=product.id))


@bp.post("/products/<int:product_id>/submit")
@stand_required
def submit_product(product_id: int):
    """Send the listing to the moderators."""
    return _lifecycle_action(product_id, lambda p: services.submit_listing(p, g.supplier, actor_id=current_user.id),
                             _("Submitted. A moderator will review your listing soon."))


@bp.post("/products/<int:product_id>/archive")
@stand_required
def archive_product(product_id: int):
    """Hide the listing from the shop."""
    return _lifecycle_action(product_id, lambda p: services.archive_listing(p, actor_id=current_user.id),
                             _("Archived. Shoppers no longer see this listing."))


@bp.post("/products/<int:product_id>/restore")
@stand_required
def restore_product(product_id: int):
    """Bring an archived listing back as a draft."""
    return _lifecycle_action(product_id, lambda p: services.restore_listing(p, actor_id=current_user.id),
                             _("Restored as a draft."))


def _lifecycle_action(product_id: int, action, success: str):
    product = product_for_supplier(g.supplier.id, product_id)
    with unit_of_work() as work:
        action(product)
    if work.error:
        product = product_for_supplier(g.supplier.id, product_id)
        form = ProductForm()
        form.fill_from(product)
        return _render_form(form, product, work.error.status, work.error.message)
    flash(success, "success")
    return redirect(url_for("supplier.edit_product", product_id=product_id))


def _render_form(form: ProductForm, product, status: int, error: str | None = None):
    page = render_template("supplier/product_form.html", form=form, product=product, supplier=g.supplier, error=error)
    return page, status
