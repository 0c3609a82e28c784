"""Reads of the public catalogue, named for who may see what.

The rule of what the public sees lives here once: `published_products()` (a published listing
of a supplier whose verification is verified or flagged). Every public page and the API start
from it. Lists of products are read as `Card`s in two constant queries (the page of ids, then the
cards with their cover image and translated title), whatever the page size or catalogue size.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import nh3
from markupsafe import Markup
from sqlalchemy import Integer, Select, and_, bindparam, select
from sqlalchemy.orm import aliased, contains_eager, joinedload

from app.catalog.models import ListingStatus, NameKind, Product, ProductImage, ProductTranslation, ReferenceName
from app.catalog.params import (  # noqa: F401  (re-exported: callers read them as catalog.queries.X)
    BadQuery,
    CatalogueQuery,
    parse_catalogue_args,
    parse_page,
)
from app.errors import NotFound
from app.extensions import db
from app.media.models import Image
from app.suppliers.models import Supplier, VerificationState

PUBLIC_SUPPLIER_STATES = (VerificationState.VERIFIED, VerificationState.FLAGGED)
DESCRIPTION_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li"}


# -- who may see what ---------------------------------------------------------------------

def is_public_supplier():
    """Condition on Supplier: verified beneficiaries (flagged ones stay visible while staff review)."""
    return Supplier.verification_state.in_(PUBLIC_SUPPLIER_STATES)


def is_public_product():
    """Condition on Product joined to Supplier: what any visitor may see."""
    return and_(Product.status == ListingStatus.PUBLISHED, is_public_supplier())


def published_products(*entities: Any) -> Select:
    """Select of the products the public may see, joined to their supplier."""
    return (
        select(*(entities or (Product,)))
        .join(Supplier, Supplier.id == Product.supplier_id)
        .where(is_public_product())
    )


def public_suppliers() -> Select:
    return select(Supplier).where(is_public_supplier())


# -- cards ----------------------------------------------------------------------------------

@dataclass
class Card:
    """What a product card shows, from plain columns (no lazy load can happen while rendering).

    The cover photo is identified by `image_id` and its version (`image_version`); the Image itself
    is loaded only when needed (`attach_images`), so a card already rendered costs no JSON decoding.
    """

    id: int
    slug: str
    title: str
    price_centimes: int
    stock: int
    supplier_name: str
    supplier_slug: str
    city: str
    image_id: int | None = None
    image_version: str = ""
    image: Image | None = None

    @property
    def in_stock(self) -> bool:
        return self.stock > 0

    @property
    def key(self) -> tuple:
        """Everything the card shows: equal keys render equal HTML."""
        return (self.id, self.slug, self.title, self.price_centimes, self.in_stock, self.supplier_name,
                self.supplier_slug, self.city, self.image_id, self.image_version)


def cards_by_ids(ids: list[int], locale: str) -> list[Card]:
    """Cards for `ids`, in that order, in one query (the cover is the photo at position 0)."""
    if not ids:
        return []
    by_id = {}
    for row in db.session.execute(_cards_statement(), {"ids": ids, "locale": locale}):
        (pid, slug, title, price, stock, display_name, trade_name, supplier_slug, city, city_i18n, tr_title,
         image_id, image_state, image_updated) = row
        version = f"{image_state}:{image_updated.isoformat() if image_updated else ''}" if image_id else ""
        by_id[pid] = Card(pid, slug, tr_title or title, price, stock, trade_name or display_name,
                          supplier_slug, (city_i18n or {}).get(locale) or city, image_id, version)
    return [by_id[i] for i in ids if i in by_id]


@lru_cache(maxsize=1)
def _cards_statement() -> Select:
    translation = aliased(ProductTranslation)
    return (
        select(Product.id, Product.slug, Product.title, Product.price_centimes, Product.stock,
               Supplier.display_name, Supplier.trade_name, Supplier.slug, Supplier.city, ReferenceName.name_i18n,
               translation.title, Image.id, Image.state, Image.updated_at)
        .join(Supplier, Supplier.id == Product.supplier_id)
        .outerjoin(ReferenceName, and_(ReferenceName.kind == NameKind.CITY, ReferenceName.name == Supplier.city))
        .outerjoin(translation, and_(translation.product_id == Product.id,
                                     translation.locale == bindparam("locale")))
        # Galleries are renumbered 0..n on every change (app.media.services), so position 0 is the
        # cover; an indexed equi-join keeps this query flat at any catalogue size.
        .outerjoin(ProductImage, and_(ProductImage.product_id == Product.id, ProductImage.position == 0))
        .outerjoin(Image, Image.id == ProductImage.image_id)
        .where(Product.id.in_(bindparam("ids", expanding=True)))
    )


def attach_images(cards: list[Card]) -> list[Card]:
    """Load the cover Image of each card that has one, in one query."""
    wanted = {card.image_id for card in cards if card.image_id and card.image is None}
    if wanted:
        images = {image.id: image for image in db.session.scalars(select(Image).where(Image.id.in_(wanted)))}
        for card in cards:
            if card.image_id in images:
                card.image = images[card.image_id]
    return cards


@dataclass(frozen=True)
class CardPage:
    """One page of cards; `has_next` is known by reading one row more (no COUNT over the catalogue)."""

    cards: list[Card]
    page: int
    per_page: int
    has_next: bool

    @property
    def has_prev(self) -> bool:
        return self.page > 1


def page_of_cards(ids_stmt: Select, page: int, per_page: int, locale: str) -> CardPage:
    """Run an ordered select of product ids for one page, then load its cards."""
    ids = list(db.session.scalars(ids_stmt.limit(per_page + 1).offset((page - 1) * per_page)))
    return CardPage(cards_by_ids(ids[:per_page], locale), page, per_page, len(ids) > per_page)


def newest_cards(locale: str, limit: int = 8) -> list[Card]:
    stmt = published_products(Product.id).order_by(Product.published_at.desc(), Product.id.desc()).limit(limit)
    return cards_by_ids(list(db.session.scalars(stmt)), locale)


# -- one product --------------------------------------------------------------------------

@dataclass
class ProductView:
    """A public product with its text in the visitor's language."""

    product: Product
    title: str
    description: str
    images: list[Image] = field(default_factory=list)

    @property
    def description_html(self) -> Markup:
        """The description re-sanitised at display (defence in depth: it was sanitised when written)."""
        return Markup(nh3.clean(self.description, tags=DESCRIPTION_TAGS, attributes={}))  # noqa: S704  (nh3 output)


def product_for_page(product_id: int, locale: str) -> ProductView:
    """A public product with supplier (photo, group), category, photos and translation; NotFound otherwise."""
    row = db.session.execute(_product_statement(), {"product_id": product_id, "locale": locale}).first()
    if row is None:
        raise NotFound()
    product, tr_title, tr_description = row
    images = db.session.scalars(_gallery_statement(), {"product_id": product_id})
    return ProductView(product, tr_title or product.title, tr_description or product.description, list(images))


@lru_cache(maxsize=1)
def _product_statement() -> Select:
    translation = aliased(ProductTranslation)
    return (
        published_products(Product, translation.title, translation.description)
        .outerjoin(translation, and_(translation.product_id == Product.id,
                                     translation.locale == bindparam("locale")))
        .where(Product.id == bindparam("product_id"))
        .options(
            contains_eager(Product.supplier).joinedload(Supplier.group),
            contains_eager(Product.supplier).joinedload(Supplier.photo),
            joinedload(Product.category),
        )
    )


@lru_cache(maxsize=1)
def _gallery_statement() -> Select:
    return (select(Image).join(ProductImage, ProductImage.image_id == Image.id)
            .where(ProductImage.product_id == bindparam("product_id"))
            .order_by(ProductImage.position, ProductImage.id))


def related_cards(product: Product, locale: str, limit: int = 4) -> list[Card]:
    """A few other public products of the same category, newest first."""
    ids = db.session.scalars(_related_statement(), {"category_id": product.category_id, "product_id": product.id,
                                                    "limit": limit})
    return cards_by_ids(list(ids), locale)


@lru_cache(maxsize=1)
def _related_statement() -> Select:
    return (
        published_products(Product.id)
        .where(Product.category_id == bindparam("category_id"), Product.id != bindparam("product_id"))
        .order_by(Product.published_at.desc(), Product.id.desc())
        .limit(bindparam("limit", type_=Integer))
    )
