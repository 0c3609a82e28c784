"""Photos: accepting uploads, rendering them (now or in a background job), product galleries.

Services flush, never commit. Rendition files are named by the hash of the original, so two
uploads of the same photo share every file and a retry simply rewrites identical bytes.
"""
from __future__ import annotations

import logging
from typing import BinaryIO

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.catalog.models import Product
from app.errors import NotFound
from app.extensions import db
from app import jobs
from app.media import images, storage
from app.media.jobs import schedule_rendering
from app.media.errors import (
    ImageTooLarge,
    InvalidImage,
    PhotoNotFound,
    StorageFull,
    StorageUnavailable,
    TooManyPhotos,
)
from app.media.models import Image, ImageState, ProductImage

log = logging.getLogger(__name__)

_NEW_FILES = "media.new_files"


# -- accepting a photo -------------------------------------------------------------------

def read_upload(stream: BinaryIO) -> bytes:
    """Read an uploaded file, refusing it (413) as soon as it passes IMAGE_MAX_BYTES."""
    try:
        return images.read_limited(stream, current_app.config["IMAGE_MAX_BYTES"])
    except images.TooLarge as error:
        raise ImageTooLarge() from error


def add_image(data: bytes | BinaryIO, filename: str = "") -> Image:
    """Verify, store and render a photo; the same bytes twice give back the same Image.

    `data` is the file's bytes or a stream (read up to IMAGE_MAX_BYTES, never further).
    `filename` is ignored on purpose: every stored name comes from the content hash. When a queue
    is reachable (REDIS_URL set and Redis answering) the renditions are made by a background job
    after the commit and the Image stays `processing` until then; otherwise they are made here.
    """
    if not isinstance(data, bytes):
        data = read_upload(data)
    if len(data) > current_app.config["IMAGE_MAX_BYTES"]:
        raise ImageTooLarge()
    digest = images.content_hash(data)
    existing = image_by_hash(digest)
    if existing is not None:
        return _retried(existing, data) if existing.state == ImageState.FAILED else existing
    _check_roots()
    if jobs.queue_reachable():
        return _add_for_background(data, digest)
    processed = _rejecting(lambda: images.process(data, max_pixels=current_app.config["IMAGE_MAX_PIXELS"]))
    header = processed.header
    image = Image(content_hash=digest)
    _apply(image, processed, new_upload=True)
    image.original_path = _store_original(digest, header, data)
    log.info("image %s stored (%s, %sx%s)", digest[:12], header.format, image.width, image.height)
    return _insert(image)


def _retried(image: Image, data: bytes) -> Image:
    """The same photo sent again after its rendering failed: store the original again and retry."""
    header = _rejecting(lambda: images.inspect(data, max_pixels=current_app.config["IMAGE_MAX_PIXELS"]))
    image.original_path = _store_original(image.content_hash, header, data)
    if jobs.queue_reachable():
        image.state = ImageState.PROCESSING
        db.session.flush()
        schedule_rendering(image.id)
        return image
    return render_stored(image)


def image_by_hash(digest: str) -> Image | None:
    return db.session.scalar(select(Image).where(Image.content_hash == digest))


def render_stored(image: Image) -> Image:
    """(Re)make every rendition of a stored Image from its private original; failures are recorded."""
    try:
        data = storage.private_store().read(image.original_path)
        processed = images.process(data, max_pixels=current_app.config["IMAGE_MAX_PIXELS"])
    except (OSError, ValueError, images.ImageRejected, StorageUnavailable) as error:
        log.warning("image %s failed to render: %s", image.id, error)
        image.state = ImageState.FAILED
        db.session.flush()
        return image
    stale = {r["path"] for r in image.renditions or []}
    _apply(image, processed)
    for path in stale - {r["path"] for r in image.renditions}:
        storage.public_store().delete(path)
    db.session.flush()
    return image


def _add_for_background(data: bytes, digest: str) -> Image:
    header = _rejecting(lambda: images.inspect(data, max_pixels=current_app.config["IMAGE_MAX_PIXELS"]))
    image = Image(content_hash=digest, state=ImageState.PROCESSING, width=header.width, height=header.height)
    image.original_path = _store_original(digest, header, data)
    stored = _insert(image)
    if stored is image:
        schedule_rendering(image.id)
        log.info("image %s queued for rendering (%s)", digest[:12], header.format)
    return stored


def _rejecting(step):
    """Run a pipeline step, turning its refusals into the errors a visitor reads."""
    try:
        return step()
    except images.TooLarge as error:
        log.info("image refused as too large: %s", error)
        raise ImageTooLarge() from error
    except images.ImageRejected as error:
        log.info("image refused: %s", error)
        raise InvalidImage() from error


def _apply(image: Image, processed: images.Processed, *, new_upload: bool = False) -> None:
    """Write the renditions (each atomically) and describe them on the Image."""
    described = []
    for rendition in processed.renditions:
        path = rendition.name(image.content_hash)
        _write("public", path, rendition.data, new_upload)
        described.append({"width": rendition.width, "height": rendition.height, "format": rendition.format,
                          "path": path, "bytes": len(rendition.data), "kind": rendition.kind})
    image.width, image.height = processed.width, processed.height
    image.placeholder = processed.placeholder
    image.renditions = described
    image.state = ImageState.READY


def _store_original(digest: str, header: images.Header, data: bytes) -> str:
    path = f"originals/{digest[:2]}/{digest[2:4]}/{digest}.{header.extension}"
    _write("private", path, data, True)
    return path


def _write(which: str, path: str, data: bytes, new_upload: bool) -> None:
    """Write a file ("public" rendition or "private" original); a new upload's files are forgotten
    at commit, deleted if the transaction ends without one (a later step of the request refused
    it, or the storage failed half-way: nothing stays behind)."""
    store = storage.public_store() if which == "public" else storage.private_store()
    if store.write(path, data) and new_upload:
        db.session.info.setdefault(_NEW_FILES, []).append((which, path))


def _insert(image: Image) -> Image:
    """Add the row; if a concurrent upload of the same photo won the race, return theirs."""
    try:
        with db.session.begin_nested():
            db.session.add(image)
    except IntegrityError:
        existing = image_by_hash(image.content_hash)
        if existing is None:
            raise
        return existing
    return image


def _check_roots() -> None:
    public, private = storage.public_store(), storage.private_store()
    if isinstance(public, storage.FileStore) and isinstance(private, storage.FileStore) and (
            public.contains(private) or private.contains(public)):
        raise RuntimeError("PRIVATE_ROOT and MEDIA_ROOT must not contain each other: originals would be served")


# -- files of an uncommitted upload ---------------------------------------------------------

@event.listens_for(Session, "after_commit")
def _keep_files_after_commit(session: Session) -> None:
    if not session.in_nested_transaction():  # a savepoint released: the real commit is still to come
        session.info.pop(_NEW_FILES, None)  # committed: the files belong to stored Images now


@event.listens_for(Session, "after_transaction_end")
def _clean_up_without_commit(session: Session, transaction) -> None:
    """The outer transaction ended without a commit: delete the files it wrote.

    Only files this transaction created are listed; a photo stored earlier keeps its files.
    """
    if transaction.parent is not None:
        return
    for which, path in session.info.pop(_NEW_FILES, []):
        store = storage.public_store() if which == "public" else storage.private_store()
        try:
            store.delete(path)
        except (StorageUnavailable, StorageFull):
            log.warning("could not remove %s file %s of an upload that was not kept", which, path)


# -- product galleries ---------------------------------------------------------------------
# The object functions take a Product and ProductImage the caller already checked belong to
# the supplier (app.suppliers.queries); the id functions check it themselves when given
# `supplier_id`. To keep a 9th upload from storing anything, call `ensure_room(product)`
# before `add_image`, or use `upload_product_photo`, which does both.

def product_images(product_id: int) -> list[ProductImage]:
    """A product's gallery in order; the first is the cover."""
    query = select(ProductImage).where(ProductImage.product_id == product_id)
    return list(db.session.scalars(query.order_by(ProductImage.position, ProductImage.id)))


def ensure_room(product: Product) -> int:
    """Refuse (422) when the gallery already holds PHOTOS_PER_PRODUCT photos, else give its size.

    Locks the product row first and counts in SQL (not the maybe-stale relationship), so two
    uploads to the same listing cannot both take the last place.
    """
    _lock(product.id)
    limit = current_app.config.get("PHOTOS_PER_PRODUCT", 8)
    count = db.session.scalar(
        select(func.count()).select_from(ProductImage).where(ProductImage.product_id == product.id)
    ) or 0
    if count >= limit:
        raise TooManyPhotos(limit)
    return count


def add_product_photo(product: Product, image: Image) -> ProductImage:
    """Put an Image at the end of the gallery; the same photo twice is kept once."""
    existing = _link(product.id, image.id)
    if existing is not None:
        return existing
    photo = ProductImage(product_id=product.id, image=image, position=ensure_room(product))
    db.session.add(photo)
    db.session.flush()
    db.session.expire(product, ["images"])
    return photo


def upload_product_photo(
    product_id: int, data: bytes | BinaryIO, filename: str = "", *, supplier_id: int | None = None
) -> ProductImage:
    """An upload straight into a gallery: a full gallery refuses it before anything is stored."""
    product = _product(product_id, supplier_id)
    data = data if isinstance(data, bytes) else read_upload(data)
    existing = image_by_hash(images.content_hash(data))
    if existing is None or _link(product.id, existing.id) is None:
        ensure_room(product)
    return add_product_photo(product, add_image(data, filename))


def attach_to_product(product_id: int, image_id: int, *, supplier_id: int | None = None) -> ProductImage:
    """`add_product_photo` by ids (e.g. the demo seed, or a photo already uploaded)."""
    product = _product(product_id, supplier_id)
    image = db.session.get(Image, image_id)
    if image is None:
        raise PhotoNotFound()
    return add_product_photo(product, image)


def reorder_product_photos(product: Product, photo_ids: list[int]) -> list[ProductImage]:
    """Set the gallery order; `photo_ids` (ProductImage ids) must name exactly the photos it holds."""
    by_id = {photo.id: photo for photo in _gallery(product)}
    if sorted(photo_ids) != sorted(by_id):
        raise PhotoNotFound()
    return _renumber(product, [by_id[i] for i in photo_ids])


def move_product_photo(product: Product, photo: ProductImage, offset: int) -> list[ProductImage]:
    """Move a photo `offset` places (-1 earlier, +1 later), stopping at either end."""
    gallery = _owned(product, photo)
    index = gallery.index(photo)
    gallery.insert(max(0, min(len(gallery) - 1, index + offset)), gallery.pop(index))
    return _renumber(product, gallery)


def set_product_cover(product: Product, photo: ProductImage) -> list[ProductImage]:
    """Make a photo the cover (position 0), keeping the others in their order."""
    gallery = _owned(product, photo)
    gallery.remove(photo)
    return _renumber(product, [photo, *gallery])


def remove_product_photo(product: Product, photo: ProductImage) -> None:
    """Take a photo out of a gallery; the Image stays (another product may share the same photo)."""
    gallery = _owned(product, photo)
    gallery.remove(photo)
    product.images.remove(photo)
    db.session.delete(photo)
    _renumber(product, gallery)


def _gallery(product: Product) -> list[ProductImage]:
    return sorted(product.images, key=lambda photo: (photo.position, photo.id or 0))


def _owned(product: Product, photo: ProductImage) -> list[ProductImage]:
    gallery = _gallery(product)
    if photo not in gallery:
        raise PhotoNotFound()
    return gallery


def _renumber(product: Product, ordered: list[ProductImage]) -> list[ProductImage]:
    for position, photo in enumerate(ordered):
        photo.position = position
    db.session.flush()
    db.session.expire(product, ["images"])
    return ordered


def _product(product_id: int, supplier_id: int | None) -> Product:
    """The product; with `supplier_id`, another supplier's product is missing, never forbidden."""
    product = db.session.get(Product, product_id)
    if product is None or (supplier_id is not None and product.supplier_id != supplier_id):
        raise NotFound(_l("This product was not found."))
    return product


def _lock(product_id: int) -> None:
    db.session.execute(select(Product.id).where(Product.id == product_id).with_for_update())


def _link(product_id: int, image_id: int) -> ProductImage | None:
    query = select(ProductImage).where(ProductImage.product_id == product_id, ProductImage.image_id == image_id)
    return db.session.scalar(query)
