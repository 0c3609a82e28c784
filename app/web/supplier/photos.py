"""A listing's photos: upload (from the camera or the gallery), reorder, choose the cover, delete.

Every action is a POST with CSRF and works without JavaScript; static/js/upload.js adds
per-file progress on top. Requests made by that script ask for JSON (Accept header) and
get the same statuses as the pages: 413 too large, 415 not a photo, 422 gallery full.
The uploaded file's name is never used: files are named by their content hash.
"""
from __future__ import annotations

import re

from flask import abort, current_app, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage
from wtforms import MultipleFileField

from app.catalog import gallery, services
from app.errors import DomainError, Invalid, wants_json
from app.media import services as media
from app.media.advice import CORRECTABLE, TIPS, advise
from app.portal.queries import photo_by_upload_key, photo_for_supplier, product_for_supplier
from app.web.supplier import bp, stand_required
from app.web.unit_of_work import unit_of_work

# What the portal's offline queue sends as `Idempotency-Key`: a UUID, or any short token of its kind.
UPLOAD_KEY = re.compile(r"[A-Za-z0-9-]{8,64}")


class PhotoForm(FlaskForm):
    """The upload form; only here for its CSRF token and its label, files are read below."""

    photo = MultipleFileField(_l("Add photos"))


def store_upload(file: FileStorage):
    """Run one uploaded file through the image pipeline (which names every file by content hash:
    the uploaded name, "../" and NUL included, never reaches the disk)."""
    return media.add_image(file.stream, file.filename or "")


@bp.get("/products/<int:product_id>/photos")
@stand_required
def photos(product_id: int):
    """The listing's gallery and the upload form."""
    product = product_for_supplier(g.supplier.id, product_id)
    return _render(product, PhotoForm(), 200)


@bp.post("/products/<int:product_id>/photos")
@stand_required
def upload_photos(product_id: int):
    """Add one or more photos to the gallery (the script sends one file per request).

    A request carrying an `Idempotency-Key` that already added a photo answers with that photo
    (200) and adds nothing: the offline queue retries whenever an answer was lost on the way.
    """
    product = product_for_supplier(g.supplier.id, product_id)
    key = _upload_key()
    if key and (earlier := photo_by_upload_key(g.supplier.id, product.id, key)) is not None:
        return jsonify(photos=[_photo_json(product_id, earlier)], count=len(product.images), back_to_review=False)
    form = PhotoForm()
    files = [f for f in request.files.getlist("photo") if f and f.filename]
    with unit_of_work() as work:
        if not form.validate_on_submit() or not files:
            raise Invalid(_l("Choose a photo first."))
        gallery.ensure_room(product, adding=len(files))  # before any processing: all the chosen photos or none
        # upload_product_photo checks for room first: a 9th photo stores nothing at all.
        added = [gallery.upload_product_photo(product.id, f.stream, f.filename or "", supplier_id=g.supplier.id)
                 for f in files]
        if key:
            added[0].upload_key = key
        back_to_review = services.photos_changed(product, actor_id=current_user.id)
    if work.error:
        return _failed(product_id, form, work.error)
    message = _("Photo added.") if len(added) == 1 else _("Photos added.")
    return _done(product, back_to_review, message, 201, photos=[_photo_json(product_id, p) for p in added])


@bp.get("/products/<int:product_id>/photos/uploads/<key>")
@stand_required
def upload_receipt(product_id: int, key: str):
    """Whether an upload with this key arrived (200 with the photo) or not (404), asked by the queue
    before it sends a photo again, so a phone on metered data never pays twice for the same bytes."""
    product = product_for_supplier(g.supplier.id, product_id)
    photo = photo_by_upload_key(g.supplier.id, product.id, key) if UPLOAD_KEY.fullmatch(key) else None
    if photo is None:
        abort(404)
    return jsonify(photo=_photo_json(product_id, photo))


@bp.get("/products/<int:product_id>/photos/<int:photo_id>/status")
@stand_required
def photo_status(product_id: int, photo_id: int):
    """Whether a photo is still processing (polled by the upload script when jobs run in RQ)."""
    photo = photo_for_supplier(g.supplier.id, product_id, photo_id)
    return jsonify(photo=_photo_json(product_id, photo))


@bp.post("/products/<int:product_id>/photos/<int:photo_id>/move")
@stand_required
def move_photo(product_id: int, photo_id: int):
    """Move a photo one place earlier (`direction=up`) or later (`direction=down`)."""
    offset = -1 if request.form.get("direction") == "up" else 1
    return _gallery_action(product_id, photo_id, lambda p, ph: gallery.move_product_photo(p, ph, offset),
                           _("Photo moved."))


@bp.post("/products/<int:product_id>/photos/<int:photo_id>/cover")
@stand_required
def cover_photo(product_id: int, photo_id: int):
    """Make this photo the cover (first in the gallery)."""
    return _gallery_action(product_id, photo_id, gallery.set_product_cover, _("This photo is now the cover."))


@bp.post("/products/<int:product_id>/photos/<int:photo_id>/improve")
@stand_required
def improve_photo(product_id: int, photo_id: int):
    """Replace the photo by its automatic correction (levels and white balance); undo keeps the original."""
    return _gallery_action(product_id, photo_id, gallery.correct_product_photo, _("The photo was corrected."))


@bp.post("/products/<int:product_id>/photos/<int:photo_id>/undo-improve")
@stand_required
def undo_improve_photo(product_id: int, photo_id: int):
    """Put the photo back as it was taken."""
    return _gallery_action(product_id, photo_id, gallery.undo_photo_correction,
                           _("The photo is back as you took it."))


@bp.post("/products/<int:product_id>/photos/<int:photo_id>/delete")
@stand_required
def delete_photo(product_id: int, photo_id: int):
    """Remove a photo from the gallery."""
    return _gallery_action(product_id, photo_id, gallery.remove_product_photo, _("Photo removed."))


def _gallery_action(product_id: int, photo_id: int, action, success: str):
    product = product_for_supplier(g.supplier.id, product_id)
    photo = photo_for_supplier(g.supplier.id, product_id, photo_id)
    form = PhotoForm()
    with unit_of_work() as work:
        if not form.validate_on_submit():
            raise Invalid(_l("The form has expired. Please try again."))
        action(product, photo)
        back_to_review = services.photos_changed(product, actor_id=current_user.id)
    if work.error:
        return _failed(product_id, form, work.error)
    return _done(product, back_to_review, success)


def _done(product, back_to_review: bool, message: str, status: int = 200, **json_body):
    """Answer the script in JSON, or the page with a flash and a redirect to the gallery."""
    if wants_json(request):
        return jsonify(**json_body, count=len(product.images), back_to_review=back_to_review), status
    flash(_back_to_review_or(back_to_review, message), "success")
    return redirect(url_for("supplier.photos", product_id=product.id))


def _failed(product_id: int, form: PhotoForm, error: DomainError):
    """The pipeline's refusal, with its status, as JSON for the script or on the page."""
    message = str(error.message)
    if wants_json(request):
        return jsonify(error={"status": error.status, "message": message}), error.status
    return _render(product_for_supplier(g.supplier.id, product_id), form, error.status, message)


def _upload_key() -> str | None:
    """The request's `Idempotency-Key`, refused with 400 when it is not a key the queue makes."""
    key = request.headers.get("Idempotency-Key")
    if key is not None and not UPLOAD_KEY.fullmatch(key):
        abort(400)
    return key


def _back_to_review_or(back_to_review: bool, message: str) -> str:
    if back_to_review:
        return _("Saved. The listing is hidden until a moderator checks your changes.")
    return message


def _photo_json(product_id: int, photo) -> dict:
    return {
        "id": photo.id,
        "state": str(photo.image.state),
        "status_url": url_for("supplier.photo_status", product_id=product_id, photo_id=photo.id),
    }


def _render(product, form: PhotoForm, status: int, error: str | None = None):
    config = current_app.config
    advice = {photo.id: advise(photo.image.measures, photo.image.width, photo.image.height)
              for photo in product.images}
    page = render_template("supplier/photos.html", product=product, supplier=g.supplier, form=form, error=error,
                           limit=config["PHOTOS_PER_PRODUCT"], max_mb=config["IMAGE_MAX_BYTES"] // (1024 * 1024),
                           advice=advice, advice_tips=TIPS, correctable=CORRECTABLE)
    return page, status
