"""Bulk loading of demo products: executemany inserts in batches, photos taken from the pool.

No ORM object is built per product and nothing is flushed per row, so 100 000 products load
in minutes. The search index follows by itself (database triggers, app.catalog.search), or is rebuilt
once at the end of a large load.
"""
from __future__ import annotations

import html
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select

from app.catalog import search
from app.catalog.models import ListingStatus, Product, ProductImage, ProductTranslation
from app.db import utcnow
from app.demo import data, goods
from app.extensions import db
from app.slugs import slugify
from app.suppliers.models import Supplier

if TYPE_CHECKING:
    from app.demo.services import Demo, Progress

BATCH = 2000
REINDEX_FROM = 2_000  # products added at once from which the search index is rebuilt, not kept row by row


def demo_product_count() -> int:
    """Products of the demo's stands (the catalogue is topped up to a number of these)."""
    slugs = [s.slug for s in data.SUPPLIERS]
    query = select(func.count(Product.id)).join(Supplier, Supplier.id == Product.supplier_id)
    return db.session.scalar(query.where(Supplier.slug.in_(slugs))) or 0


def stored_looks(count: int, looks: set[str]) -> dict[str, int]:
    """The image of each of `looks` that an earlier run stored, found on the first of the demo's
    `count` existing products showing it (by stand and title), so a top-up paints nothing again."""
    wanted: dict[str, tuple[str, str]] = {}
    for index in range(min(count, len(goods.offers()))):
        seed = goods.product(index)
        if seed.looks[0] in looks and seed.looks[0] not in wanted:
            wanted[seed.looks[0]] = (seed.supplier.slug, seed.title[0])
    found = {}
    for look, (slug, title) in wanted.items():
        image_id = db.session.scalar(
            select(ProductImage.image_id).join(Product, Product.id == ProductImage.product_id)
            .join(Supplier, Supplier.id == Product.supplier_id)
            .where(Supplier.slug == slug, Product.title == title).order_by(ProductImage.position).limit(1))
        if image_id is not None:
            found[look] = image_id
    return found


def looks_of(start: int, stop: int) -> set[str]:
    return {look for index in range(start, stop) for look in goods.product(index).looks}


def top_up(demo: Demo, target: int, progress: Progress) -> None:
    """Add demo products number `count .. target-1`, where `count` is how many exist already."""
    before = demo_product_count()
    demo.report.products_before = demo.report.products_after = before
    if before >= target:
        return
    # The index triggers refresh a product once per row written (product, then each translation);
    # for a large load, dropping the index and building it once afterwards is several times quicker.
    rebuild_index = target - before >= max(REINDEX_FROM, before)  # rebuilding costs in proportion to the total
    if rebuild_index:
        _drop_search_index()
    with progress("Demo products", target - before) as bar:
        for start in range(before, target, BATCH):
            seeds = [goods.product(i) for i in range(start, min(target, start + BATCH))]
            _insert_batch(demo, seeds)
            bar.update(len(seeds))
    if rebuild_index:
        search.install(db.session.connection())
    demo.report.products_after = target
    demo.report.created["products"] += target - before


def _drop_search_index() -> None:
    """Remove the index and its triggers (install() brings both back and indexes every product)."""
    search.uninstall(db.session.connection())


def _insert_batch(demo: Demo, seeds: list[goods.ProductSeed]) -> None:
    now = utcnow()
    rows = [_product_row(demo, seed, now) for seed in seeds]
    ids = db.session.scalars(insert(Product).returning(Product.id, sort_by_parameter_order=True), rows).all()
    translations = [
        {"product_id": pid, "locale": locale, "title": seed.title[k], "description": _paragraph(seed.description[k])}
        for pid, seed in zip(ids, seeds, strict=True)
        for k, locale in ((1, "ar"), (2, "en"))
    ]
    db.session.execute(insert(ProductTranslation), translations)
    photos = [
        {"product_id": pid, "image_id": demo.pool.image_id(look), "position": position}
        for pid, seed in zip(ids, seeds, strict=True)
        for position, look in enumerate(seed.looks)
    ]
    db.session.execute(insert(ProductImage), photos)


def _product_row(demo: Demo, seed: goods.ProductSeed, now) -> dict:
    created = now - timedelta(days=seed.age_days)
    published = seed.status in (ListingStatus.PUBLISHED, ListingStatus.ARCHIVED)
    submitted = seed.status not in (ListingStatus.DRAFT,)
    return {
        "supplier_id": demo.suppliers[seed.supplier.slug].id,
        "category_id": demo.categories[seed.category].id,
        "slug": slugify(seed.title[0]) or "produit",
        "title": seed.title[0],
        "description": _paragraph(seed.description[0]),
        "price_centimes": seed.price_mad * 100,
        "stock": seed.stock,
        "status": seed.status,
        "moderation_reason": goods.REASONS.get(seed.status, ""),
        "submitted_at": created if submitted else None,
        "published_at": created if published else None,
        "created_at": created,
        "updated_at": created,
    }


def _paragraph(text: str) -> str:
    """The stored form of a plain-text description (what catalog.services.sanitize_description gives)."""
    return f"<p>{html.escape(text, quote=False)}</p>"
