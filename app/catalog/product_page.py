"""A product page's reads: the product as its page shows it, its gallery and its related cards, in one
query (one round trip to the database), as plain values in the visitor's language."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from markupsafe import Markup
from sqlalchemy import Select, and_, bindparam, literal_column, null, select, union_all
from sqlalchemy.orm import aliased

from app.catalog.models import Category, NameKind, Product, ProductImage, ProductTranslation, ReferenceName
from app.catalog.queries import (
    NEWEST_FIRST,
    Card,
    card_of_row,
    cards_of_page,
    image_version,
    photo_version_columns,
    plain_rows,
    published_products,
    published_products_alone,
    sanitised,
)
from app.errors import NotFound
from app.media.models import Image
from app.suppliers.models import Group, Supplier


class Photo(NamedTuple):
    """A photo as a page shows it: which one, and its version (see `image_version`)."""

    id: int
    version: str


class ProductPage(NamedTuple):
    """Everything a product page shows, as plain values in the visitor's language: equal pages render
    equal HTML, so the page is its own fragment key (app.web.fragments)."""

    id: int
    slug: str
    title: str
    description: str
    price_centimes: int
    stock: int
    category_id: int
    category_slug: str
    category_name: str
    supplier_slug: str
    supplier_name: str
    craft: str
    city: str
    group_name: str | None
    group_commission_bp: int
    photo: Photo | None  # the stand's
    gallery: tuple[Photo, ...]

    @property
    def description_html(self) -> Markup:
        return sanitised(self.description)


def product_page(product_id: int, locale: str, related: int) -> tuple[ProductPage, list[Card]]:
    """A public product as its page shows it, with its gallery, and up to `related` other public products of
    its category, newest first, as cards: one query, so one round trip to the database; NotFound otherwise."""
    own, others = [], []
    for part, *row in plain_rows(_product_page_statement(locale), {
            "product_id": product_id, "locale": locale, "name_locale": locale, "limit": related, "offset": 0}):
        (own if part == 0 else others).append(row)
    if not own:
        raise NotFound()
    (pid, slug, title, description, price, stock, category_id, tr_title, tr_description, category_slug,
     category, category_tr, supplier_slug, supplier, craft, craft_tr, city, city_tr, group, commission,
     photo_id, photo_state, photo_updated) = own[0][:23]
    gallery = tuple(Photo(row[23], image_version(row[24], row[25])) for row in own if row[23] is not None)
    photo = Photo(photo_id, image_version(photo_state, photo_updated)) if photo_id else None
    page = ProductPage(pid, slug, tr_title or title, tr_description or description, price, stock, category_id,
                       category_slug, category_tr or category, supplier_slug, supplier, craft_tr or craft,
                       city_tr or city, group, commission or 0, photo, gallery)
    return page, [card_of_row(row[_PRODUCT_WIDTH:]) for row in others]


_PRODUCT_WIDTH = 26  # the columns of a product page's row, before a related card's
_SORT_KEYS = {"gallery_position", "gallery_row", "key_0", "key_1"}


@lru_cache(maxsize=8)
def _product_page_statement(locale: str) -> Select:
    """The product's rows (one per photo of the gallery, one without a photo), then its related cards'
    rows, told apart by a first column `part` (0, 1), each part's columns empty in the other's rows.

    Names are in `locale` (one statement per language: a JSON key is written into the SQL), read where
    they are stored, not decoded in Python."""
    product = _product_rows(locale).subquery("product")
    related = _related_statement().subquery("related")
    cards = [column for column in related.c if column.name not in _SORT_KEYS]
    own = product.c[:_PRODUCT_WIDTH]
    rows = union_all(
        select(literal_column("0").label("part"), *own, *(null().label(f"card_{n}") for n in range(len(cards))),
               product.c.gallery_position, product.c.gallery_row, null().label("key_0"), null().label("key_1")),
        select(literal_column("1"), *(null() for _ in own), *cards, null(), null(), related.c.key_0, related.c.key_1),
    ).subquery("rows")
    return (select(*(column for column in rows.c if column.name not in _SORT_KEYS))
            .order_by(rows.c.part, rows.c.gallery_position, rows.c.gallery_row, rows.c.key_0.desc(),
                      rows.c.key_1.desc()))


def _product_rows(locale: str) -> Select:
    translation, city, craft = aliased(ProductTranslation), aliased(ReferenceName), aliased(ReferenceName)
    photo, shown = aliased(Image), aliased(Image)
    return (
        published_products(
            Product.id, Product.slug, Product.title, Product.description, Product.price_centimes, Product.stock,
            Product.category_id, translation.title, translation.description,
            Category.slug, Category.name, Category.name_i18n[locale].as_string(),
            Supplier.slug, Supplier.name, Supplier.craft, craft.name_i18n[locale].as_string(),
            Supplier.city, city.name_i18n[locale].as_string(), Group.name, Group.commission_bp,
            # labelled: a subquery's columns are named, and the two photos' would share names
            photo.id, *(column.label(f"stand_photo_{n}") for n, column in enumerate(photo_version_columns(photo))),
            shown.id, *(column.label(f"gallery_photo_{n}") for n, column in enumerate(photo_version_columns(shown))),
            ProductImage.position.label("gallery_position"), ProductImage.id.label("gallery_row"))
        .join(Category, Category.id == Product.category_id)
        .outerjoin(translation, and_(translation.product_id == Product.id,
                                     translation.locale == bindparam("locale")))
        .outerjoin(city, and_(city.kind == NameKind.CITY, city.name == Supplier.city))
        .outerjoin(craft, and_(craft.kind == NameKind.CRAFT, craft.name == Supplier.craft))
        .outerjoin(Group, Group.id == Supplier.group_id)
        .outerjoin(photo, photo.id == Supplier.photo_id)
        .outerjoin(ProductImage, ProductImage.product_id == Product.id)
        .outerjoin(shown, shown.id == ProductImage.image_id)
        .where(Product.id == bindparam("product_id"))
    )


@lru_cache(maxsize=1)
def _related_statement() -> Select:
    """The cards of the public products in the category of the bound `product_id`, but it, newest first."""
    mine = aliased(Product)
    category = select(mine.category_id).where(mine.id == bindparam("product_id")).scalar_subquery()
    return cards_of_page(published_products_alone(Product.id).where(Product.category_id == category,
                                                              Product.id != bindparam("product_id")), NEWEST_FIRST,
                         keys_shown=True)
