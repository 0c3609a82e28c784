"""Product galleries: which stored photos a listing shows, in what order, at most PHOTOS_PER_PRODUCT.

app.media stores and renders photos; this module links them to products. The object functions
take a Product and ProductImage the caller already checked belong to the supplier
(app.portal.queries); the id functions check it themselves when given `supplier_id`. To keep
a 9th upload from storing anything, call `ensure_room(product)` before `add_image`, or use
`upload_product_photo`, which does both. Services flush, never commit.
"""
from __future__ import annotations

from typing import BinaryIO

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.catalog.models import Product, ProductImage
from app.errors import NotFound
from app.extensions import db
from app.media import images
from app.media.errors import PhotoNotFound, TooManyPhotos
from app.media.models import Image
from app.media.services import add_image, corrected_image, image_by_hash, read_upload


def product_images(product_id: int) -> list[ProductImage]:
    """A product's gallery in order; the first is the cover."""
    query = select(ProductImage).where(ProductImage.product_id == product_id)
    return list(db.session.scalars(query.order_by(ProductImage.position, ProductImage.id)))


def ensure_room(product: Product, adding: int = 1) -> int:
    """Refuse (422) unless `adding` more photos fit in the gallery, else give its size.

    Locks the product row first and counts in SQL (not the maybe-stale relationship), so two
    uploads to the same listing cannot both take the last place.
    """
    _lock(product.id)
    limit = current_app.config["PHOTOS_PER_PRODUCT"]
    count = db.session.scalar(
        select(func.count()).select_from(ProductImage).where(ProductImage.product_id == product.id)
    ) or 0
    if count + adding > limit:
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


def correct_product_photo(product: Product, photo: ProductImage) -> ProductImage:
    """Show the automatic correction of a photo in its place; the photo as taken stays linked so the
    supplier can undo. Idempotent."""
    _owned(product, photo)
    if photo.uncorrected_image_id is not None:
        return photo
    return _swap(photo, corrected_image(photo.image), uncorrected_id=photo.image_id)


def undo_photo_correction(product: Product, photo: ProductImage) -> ProductImage:
    """Put the photo as taken back in place of its correction. Idempotent."""
    _owned(product, photo)
    if photo.uncorrected_image_id is None:
        return photo
    return _swap(photo, db.session.get(Image, photo.uncorrected_image_id), uncorrected_id=None)


def _swap(photo: ProductImage, image: Image, *, uncorrected_id: int | None) -> ProductImage:
    photo.image = image
    photo.uncorrected_image_id = uncorrected_id
    db.session.flush()
    return photo


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
