"""The public catalogue page: one page of product cards through every filter the shop front offers
(category, hall, groupement, city, stand, price, words), sorted as asked.

What the public may see is still decided once, by `app.catalog.queries.published_products` (or
`published_products_alone`, the same rule without the supplier joined);
this module only narrows it, which is why it sits above the catalogue and the halls.
"""
from __future__ import annotations

from functools import lru_cache

from flask import current_app
from sqlalchemy import ColumnElement, Select, bindparam, select

from app.catalog import glossary, search
from app.catalog.models import Category, Product
from app.catalog.params import CatalogueQuery
from app.catalog.queries import (
    NEWEST_FIRST,
    CardPage,
    cards_of,
    cards_of_page,
    published_products,
    published_products_alone,
)
from app.exhibition.models import Hall, HallProduct
from app.extensions import db
from app.suppliers.models import Group, Supplier

# Each filter is a bound parameter, so one statement serves every value of a filter combination:
# statements are built once per shape and reused (building one costs more than running it).
_FILTERS = ("category", "hall", "group", "city", "supplier", "min_price", "max_price")


def catalogue_statement(query: CatalogueQuery, search_values: dict, dialect: str) -> tuple[Select, dict]:
    """The ordered select of the cards of public products matching `query`, and the values to bind.

    `search_values` come from `search.search_values` for the query's words. Unknown slugs simply
    match nothing. The statement takes `locale`, `limit` and `offset` too.
    """
    values = {name: getattr(query, name) for name in _FILTERS}
    values = {name: value for name, value in values.items() if value not in ("", None)} | search_values
    shape = (tuple(sorted(values)), query.effective_sort, dialect)
    return _catalogue_shape(shape), values


@lru_cache(maxsize=512)
def _catalogue_shape(shape: tuple) -> Select:
    names, sort, dialect = shape
    stand_filtered = bool({"group", "city", "supplier"} & set(names))  # these read the supplier's row
    stmt = published_products(Product.id) if stand_filtered else published_products_alone(Product.id)
    if "category" in names:
        stmt = stmt.join(Category, Category.id == Product.category_id).where(Category.slug == bindparam("category"))
    if "hall" in names:
        stmt = stmt.where(Product.id.in_(
            select(HallProduct.product_id).join(Hall, Hall.id == HallProduct.hall_id)
            .where(Hall.slug == bindparam("hall"))
        ))
    if "group" in names:
        stmt = stmt.join(Group, Group.id == Supplier.group_id).where(Group.slug == bindparam("group"))
    if "city" in names:
        stmt = stmt.where(Supplier.city == bindparam("city"))
    if "supplier" in names:
        stmt = stmt.where(Supplier.slug == bindparam("supplier"))
    if "min_price" in names:
        stmt = stmt.where(Product.price_centimes >= bindparam("min_price"))
    if "max_price" in names:
        stmt = stmt.where(Product.price_centimes <= bindparam("max_price"))
    found = None
    if "fts_query" in names:
        hits = search.hits_statement(dialect, ranked=sort == "relevance", scored="rank_query" in names)
        found = hits.subquery("hits")
        stmt = stmt.join(found, found.c.product_id == Product.id)
    return cards_of_page(stmt, _ordering(sort, found))


def _ordering(sort: str, found) -> list[tuple[ColumnElement, bool]]:
    """(column, descending) pairs, the product id last so that every page is a stable cut."""
    if sort == "price_asc":
        return [(Product.price_centimes, False), (Product.id, False)]
    if sort == "price_desc":
        return [(Product.price_centimes, True), (Product.id, True)]
    if sort == "relevance" and found is not None:
        return [(found.c.rank, False), (Product.id, True)]
    return NEWEST_FIRST


def catalogue(query: CatalogueQuery, locale: str, per_page: int | None = None) -> CardPage:
    """One page of the public catalogue, read as plain rows in one query (plus the search's own)."""
    per_page = per_page or current_app.config["CATALOGUE_PAGE_SIZE"]
    connection = db.session.connection()
    words = glossary.groups(query.q) if search.terms(query.q) else []
    found = search.search_values(connection, words, ranked=query.effective_sort == "relevance")
    stmt, values = catalogue_statement(query, found, connection.dialect.name)
    cards = cards_of(stmt, {**values, "limit": per_page + 1, "offset": (query.page - 1) * per_page}, locale)
    return CardPage(cards[:per_page], query.page, per_page, len(cards) > per_page)
