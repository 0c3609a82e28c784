"""Reads of the public catalogue, named for who may see what.

The rule of what the public sees lives here once: `published_products()` (a published listing
of a supplier whose verification is verified or flagged). Every public page and the API start
from it. Lists of products are read as `Card`s (with their cover image and translated title) in a
constant number of queries, whatever the page size or catalogue size: the page of ids then its
cards, or both at once (`card_columns()` narrowed, as the catalogue does in app.exhibition.browse).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import nh3
from markupsafe import Markup
from sqlalchemy import (
    JSON,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    cast,
    exists,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import aliased, contains_eager, joinedload
from sqlalchemy.sql.elements import ColumnElement

from app import plain_reads
from app.catalog.models import (
    ListingStatus,
    NameKind,
    Product,
    ProductImage,
    ProductTranslation,
    ReferenceName,
)
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
    """Condition on Supplier: verified beneficiaries (flagged ones stay visible while staff review).

    Written as equalities, not IN: SQLAlchemy expands an IN list anew on every execution (~15 µs).
    """
    return or_(*(Supplier.verification_state == state for state in PUBLIC_SUPPLIER_STATES))


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


def published_products_alone(*entities: Any) -> Select:
    """`published_products()` for selects that show nothing of the supplier (a page of ids in an index's
    order): the supplier is checked product by product (EXISTS), not joined. Joined, SQLite first builds
    a Bloom filter over every supplier before reading the first product (0.25 ms at 2 000 suppliers, for
    a page of 25); PostgreSQL plans both forms alike."""
    public_stand = exists().where(Supplier.id == Product.supplier_id, is_public_supplier())
    return select(*entities).where(Product.status == ListingStatus.PUBLISHED, public_stand)


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
    by_id = {card.id: card for card in cards_of(_cards_statement(), {"ids": ids}, locale)}
    return [by_id[i] for i in ids if i in by_id]


def cards_of(statement: Select, params: dict, locale: str) -> list[Card]:
    """The cards of a select of `card_columns()`, in its order."""
    return [card_of_row(row) for row in plain_rows(statement, {**params, "locale": locale, "name_locale": locale})]


def card_of_row(row: tuple | list) -> Card:
    """A row of `card_columns()` as a Card."""
    (pid, slug, title, price, stock, display_name, trade_name, supplier_slug, city, city_i18n, tr_title,
     image_id, image_state, image_updated) = row
    return Card(pid, slug, tr_title or title, price, stock, trade_name or display_name, supplier_slug,
                city_i18n or city, image_id, image_version(image_state, image_updated))


def plain_rows(statement: Select, params: dict) -> list[tuple]:
    """Rows of a select of plain columns, run on the session's connection by `app.plain_reads`: the
    ORM's and Core's own work per statement costs more client CPU than the rest of a small read."""
    return plain_reads.rows(db.session.connection(), statement, params)


def photo_version_columns(image: type[Image]) -> tuple[ColumnElement, ColumnElement]:
    """A photo's state and `updated_at` as text: a key needs only to change when they do, and turning 25
    strings per page into enums and datetimes (or, on PostgreSQL, datetimes into strings) is a third of
    a card's reading. SQLite stores the text already; PostgreSQL writes it faster than Python."""
    return type_coerce(image.state, String), cast(image.updated_at, String)


def image_version(state: str | None, updated: str | None) -> str:
    """What changes when a photo is reprocessed (its renditions are saved with a new `updated_at`)."""
    return f"{state}:{updated}" if state else ""


@lru_cache(maxsize=1)
def _cards_statement() -> Select:
    return card_columns().where(Product.id.in_(bindparam("ids", expanding=True)))


def card_columns() -> Select:
    """What a card shows, for the caller to narrow: a product with its stand, the city's name, the
    title in the bound `locale` and the cover photo."""
    translation = aliased(ProductTranslation)
    return (
        select(Product.id, Product.slug, Product.title, Product.price_centimes, Product.stock,
               Supplier.display_name, Supplier.trade_name, Supplier.slug, Supplier.city,
               ReferenceName.name_i18n[bindparam("name_locale", type_=JSON.JSONIndexType())].as_string(),
               translation.title, Image.id, *photo_version_columns(Image))
        .join(Supplier, Supplier.id == Product.supplier_id)
        .outerjoin(ReferenceName, and_(ReferenceName.kind == NameKind.CITY, ReferenceName.name == Supplier.city))
        .outerjoin(translation, and_(translation.product_id == Product.id,
                                     translation.locale == bindparam("locale")))
        # Galleries are renumbered 0..n on every change (app.media.services), so position 0 is the
        # cover; an indexed equi-join keeps this query flat at any catalogue size.
        .outerjoin(ProductImage, and_(ProductImage.product_id == Product.id, ProductImage.position == 0))
        .outerjoin(Image, Image.id == ProductImage.image_id)
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

    @property
    def key(self) -> tuple:
        """Everything the page shows of its cards and its pager (see `Card.key`)."""
        return (self.page, self.has_next, tuple(card.key for card in self.cards))


def page_of_cards(ids_stmt: Select, page: int, per_page: int, locale: str) -> CardPage:
    """Run an ordered select of product ids for one page, then load its cards."""
    ids = list(db.session.scalars(ids_stmt.limit(per_page + 1).offset((page - 1) * per_page)))
    return CardPage(cards_by_ids(ids[:per_page], locale), page, per_page, len(ids) > per_page)


NEWEST_FIRST = [(Product.published_at, True), (Product.id, True)]  # (column, descending): the id breaks ties


def newest_cards(locale: str, limit: int = 8) -> list[Card]:
    """The newest public products (the home page's), in one query."""
    return cards_of(_newest_statement(), {"limit": limit, "offset": 0}, locale)


@lru_cache(maxsize=1)
def _newest_statement() -> Select:
    return cards_of_page(published_products_alone(Product.id), NEWEST_FIRST)


def cards_of_page(ids: Select, ordering: list[tuple[ColumnElement, bool]], keys_shown: bool = False) -> Select:
    """The cards of one page of `ids` (a select of public products' ids), in `ordering`'s (column,
    descending) order, in one statement that takes `limit` and `offset`: the page is chosen on the
    narrow rows first, then only its products are joined to what a card shows (joined first, PostgreSQL
    planned for every product of the selection, and read every translation to show four related cards).

    `keys_shown` adds the ordering's values as last columns, `key_0`, `key_1`…, for a caller that sorts
    these rows among others."""
    keys = [column.label(f"key_{n}") for n, (column, _) in enumerate(ordering)]
    page = (ids.add_columns(*keys).order_by(*(_direction(key, descending) for key, (_, descending)
                                                in zip(keys, ordering, strict=True)))
            # The page is written into the SQL: with it bound, PostgreSQL's generic plan for the prepared
            # statement guesses a tenth of the catalogue and hash-joins every product, so it would plan
            # every execution afresh (more than running it).
            .limit(bindparam("limit", type_=Integer, literal_execute=True))
            .offset(bindparam("offset", type_=Integer, literal_execute=True)).subquery("page"))
    shown = [page.c[key.name] for key in keys] if keys_shown else []
    return (card_columns().add_columns(*shown).join(page, page.c.id == Product.id)
            .order_by(*(_direction(page.c[key.name], descending) for key, (_, descending)
                        in zip(keys, ordering, strict=True))))


def _direction(column: ColumnElement, descending: bool) -> ColumnElement:
    return column.desc() if descending else column.asc()


# -- one product --------------------------------------------------------------------------

def sanitised(description: str) -> Markup:
    """A description re-sanitised at display (defence in depth: it was sanitised when written)."""
    return Markup(nh3.clean(description, tags=DESCRIPTION_TAGS, attributes={}))  # noqa: S704  (nh3 output)


@dataclass
class ProductView:
    """A public product with its text in the visitor's language (the API's product)."""

    product: Product
    title: str
    description: str
    images: list[Image] = field(default_factory=list)

    @property
    def description_html(self) -> Markup:
        return sanitised(self.description)


def public_product(product_id: int, locale: str) -> ProductView:
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


def images_by_id(ids: list[int]) -> dict[int, Image]:
    """The Images behind photos, in one query (only a page being rendered needs their renditions)."""
    return {image.id: image for image in db.session.scalars(select(Image).where(Image.id.in_(ids)))} if ids else {}
