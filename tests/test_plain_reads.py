"""The public pages' hot reads, run on the driver's cursor (app/plain_reads.py), give the rows SQLAlchemy
gives, on SQLite and PostgreSQL, and fail as SQLAlchemy fails."""
from __future__ import annotations

import pytest
from sqlalchemy import event, exc, literal_column, select, update

from app import plain_reads
from app.catalog import product_page, queries
from app.catalog.models import NameKind, Product, ReferenceName
from app.catalog.params import parse_catalogue_args
from app.exhibition import browse
from app.extensions import db
from tests.factories import add_photos, make_category, make_product, make_supplier, make_translation


def through_sqlalchemy(statement, params) -> list[tuple]:
    return [tuple(row) for row in db.session.connection().execute(statement, params)]


@pytest.fixture
def shop(app_ctx):
    db.session.add(ReferenceName(kind=NameKind.CITY, name="Fès", name_i18n={"ar": "فاس", "fr": "Fès-ville"}))
    supplier, category = make_supplier(city="Fès"), make_category()
    products = [make_product(supplier=supplier, category=category, price_centimes=1000 * (n + 1)) for n in range(5)]
    add_photos(products[0], 3)
    make_translation(products[0], "ar", "طاجين")
    return products


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_each_hot_read_gives_sqlalchemys_rows(shop, locale):
    first = shop[0]
    query = parse_catalogue_args({"sort": "price_asc", "page": "2"})
    catalogue, values = browse.catalogue_statement(query, {}, db.session.connection().dialect.name)
    reads = [
        # a JSON key written into the SQL, one row per photo then one per related card (bound filters, LIMIT
        # and OFFSET written into the SQL)
        (product_page._product_page_statement(locale), {"product_id": first.id, "locale": locale, "name_locale": locale,
                                                   "limit": 3, "offset": 0}),
        # an expanding IN list, and a JSON key bound
        (queries._cards_statement(), {"ids": [p.id for p in shop], "locale": locale, "name_locale": locale}),
        # LIMIT and OFFSET as literal_execute parameters
        (catalogue, {**values, "limit": 3, "offset": 2, "locale": locale, "name_locale": locale}),
    ]
    for statement, params in reads:
        expected = through_sqlalchemy(statement, params)
        assert expected, statement
        assert plain_reads.rows(db.session.connection(), statement, params) == expected
    # each again, and with other values written into the SQL: the SQL kept per values is the right one
    pages = [{"limit": 2, "offset": 0}, {"limit": 3, "offset": 2}, {"limit": 2, "offset": 0}]
    for page in pages:
        params = {**values, **page, "locale": locale, "name_locale": locale}
        assert plain_reads.rows(db.session.connection(), catalogue, params) == through_sqlalchemy(catalogue, params)
    for ids in ([first.id], [p.id for p in shop], [shop[1].id, first.id]):
        params = {"ids": ids, "locale": locale, "name_locale": locale}
        statement = queries._cards_statement()
        assert plain_reads.rows(db.session.connection(), statement, params) == through_sqlalchemy(statement, params)
    city = plain_reads.rows(db.session.connection(), queries._cards_statement(),
                            {"ids": [first.id], "locale": locale, "name_locale": locale})[0][9]
    assert city == {"ar": "فاس", "fr": "Fès-ville"}[locale]


def test_the_engines_listeners_see_each_read_as_a_compiled_select(shop):
    seen = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, context.compiled.statement))

    statement = product_page._product_page_statement("fr")
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        plain_reads.rows(db.session.connection(), statement, {"product_id": shop[0].id, "locale": "fr",
                                                              "name_locale": "fr", "limit": 4, "offset": 0})
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(seen) == 1 and seen[0][0].lstrip().startswith("SELECT") and seen[0][1] is statement


def test_a_select_whose_columns_need_converting_is_refused(app_ctx):
    with pytest.raises(TypeError, match="published_at"):  # an aware datetime made from what the driver gives
        plain_reads.rows(db.session.connection(), select(Product.id, Product.published_at), {})


def test_a_statement_other_than_a_select_is_refused(shop):
    with pytest.raises(TypeError, match="Update is not a select"):
        plain_reads.rows(db.session.connection(), update(Product).values(stock=0), {})
    assert db.session.scalar(select(Product.stock).where(Product.id == shop[0].id)) == 5


def test_a_failing_read_raises_sqlalchemys_exception(app_ctx):
    with pytest.raises(exc.DBAPIError):
        plain_reads.rows(db.session.connection(), select(literal_column("no_such_column")), {})


def test_a_product_page_reads_its_gallery_and_its_newest_neighbours_in_one_query(shop, app_ctx):
    from datetime import timedelta

    from app.catalog.models import ListingStatus
    from app.errors import NotFound

    first, *others = shop
    for age, product in enumerate(others):  # others[0] newest
        product.published_at -= timedelta(days=age + 1)
    hidden = make_product(supplier=first.supplier, category=first.category, status=ListingStatus.DRAFT)
    make_product(supplier=first.supplier)  # another category
    db.session.flush()
    seen = []

    def listener(*statement):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        page, related = product_page.product_page(first.id, "ar", 3)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(seen) == 1
    assert page.title == "طاجين" and [photo.id for photo in page.gallery] == [image.image_id for image in sorted(
        first.images, key=lambda image: image.position)] and len(page.gallery) == 3
    assert [card.id for card in related] == [product.id for product in others[:3]]
    assert product_page.product_page(others[0].id, "fr", 10)[1][0].id == first.id  # newest first, without itself
    with pytest.raises(NotFound):  # a listing the public may not see shows nothing, though its neighbours are public
        product_page.product_page(hidden.id, "fr", 3)
