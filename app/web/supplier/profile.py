"""The stand profile: created first, editable at any time."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.portal.queries import supplier_for_user
from app.suppliers import services
from app.suppliers.forms import ProfileForm
from app.web.guards import beneficiary_required
from app.web.supplier import bp
from app.web.supplier.photos import store_upload
from app.web.unit_of_work import unit_of_work


@bp.route("/profile", methods=["GET", "POST"])
@beneficiary_required
def profile():
    """Create the stand (first visit) or edit it."""
    supplier = supplier_for_user(current_user.id)
    form = ProfileForm()
    if not form.is_submitted() and supplier is not None:
        form.fill_from(supplier)
    if not form.validate_on_submit():
        return _render(form, supplier, 422 if form.errors else 200)
    with unit_of_work() as work:
        image = store_upload(form.photo.data) if form.photo.data else None
        message = _save(supplier, form, image.id if image else None)
    if work.error:  # the photo refused (or a stand opened meanwhile in another tab)
        form.photo.errors = [work.error.message]
        return _render(form, supplier, work.error.status)
    flash(message, "success")
    return redirect(url_for("supplier.index"))


def _save(supplier, form: ProfileForm, photo_id: int | None) -> str:
    if supplier is None:
        services.create_profile(current_user.id, form.profile(), photo_id=photo_id)
        return _("Your stand is open. Next step: verify your microcredit so you can submit listings.")
    services.update_profile(supplier, form.profile(), photo_id=photo_id, actor_id=current_user.id)
    return _("Your stand is saved.")


def _render(form: ProfileForm, supplier, status: int):
    return render_template("supplier/profile.html", form=form, supplier=supplier), status
