"""The catalogue: filters, sorts, pagination, bad parameters and a constant number of queries."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from app.catalog.models import ListingStatus
from app.db import utcnow
from app.extensions import db
from app.suppliers.models import VerificationState
from tests.factories import (
    add_photos,
    make_category,
    make_group,
    make_hall,
    make_product,
    make_supplier,
    make_translation,
)
from tests.helpers import count_queries


def titles(response) -> list[str]:
    return re.findall(r'<h3 class="card-title"(?: dir="auto")?>([^<]+)</h3>', response.get_data(as_text=True))


def test_catalogue_lists_only_public_products(client, app):
    with app.app_context():
        make_product(title="Published tajine")
        make_product(title="Draft tajine", status=ListingStatus.DRAFT)
        make_product(title="Pending tajine", status=ListingStatus.PENDING)
        make_product(title="Unverified tajine", supplier=make_supplier(verified=False))
        suspended, flagged = make_supplier(), make_supplier()
        suspended.verification_state = VerificationState.SUSPENDED
        flagged.verification_state = VerificationState.FLAGGED
        make_product(title="Suspended tajine", supplier=suspended)
        make_product(title="Flagged tajine", supplier=flagged)
        db.session.commit()
    response = client.get("/products")
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Flagged tajine", "Published tajine"]


def test_category_filter_uses_the_slug(client, app):
    with app.app_context():
        pottery, leather = make_category(slug="pottery"), make_category(slug="leather")
        make_product(title="Plate", category=pottery)
        make_product(title="Bag", category=leather)
        db.session.commit()
    assert titles(client.get("/products?category=pottery")) == ["Plate"]


def test_hall_city_and_group_filters(client, app):
    with app.app_context():
        group = make_group(slug="cooperative-sale")
        safi = make_supplier(city="Safi", group_id=group.id)
        fes = make_supplier(city="Fès")
        plate = make_product(title="Plate", supplier=safi)
        make_product(title="Babouches", supplier=fes)
        make_hall(slug="pottery-hall", products=(plate,))
        db.session.commit()
    assert titles(client.get("/products?hall=pottery-hall")) == ["Plate"]
    assert titles(client.get("/products?city=Fès")) == ["Babouches"]
    assert titles(client.get("/products?group=cooperative-sale")) == ["Plate"]


def test_price_range_in_dirhams_with_decimals(client, app):
    with app.app_context():
        make_product(title="Cheap", price_centimes=5000)
        make_product(title="Middle", price_centimes=15050)
        make_product(title="Dear", price_centimes=90000)
        db.session.commit()
    assert titles(client.get("/products?min_price=100&max_price=150.50")) == ["Middle"]
    assert titles(client.get("/products?min_price=150,51")) == ["Dear"]


def test_sorts_by_price_and_by_newest(client, app):
    with app.app_context():
        now = utcnow()
        for title, price, age in (("Old", 300, 3), ("New", 200, 1), ("Mid", 100, 2)):
            product = make_product(title=title, price_centimes=price * 100)
            product.published_at = now - timedelta(days=age)
        db.session.commit()
    assert titles(client.get("/products")) == ["New", "Mid", "Old"]
    assert titles(client.get("/products?sort=newest")) == ["New", "Mid", "Old"]
    assert titles(client.get("/products?sort=price_asc")) == ["Mid", "New", "Old"]
    assert titles(client.get("/products?sort=price_desc")) == ["Old", "New", "Mid"]


def test_unknown_slugs_give_a_clean_empty_result(client, app):
    with app.app_context():
        make_product()
        db.session.commit()
    for url in ("/products?category=nope", "/products?hall=nope", "/products?group=nope", "/products?city=Atlantis"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert titles(response) == []
        assert "No product matches" in response.get_data(as_text=True)


@pytest.mark.parametrize("query", [
    "page=-1", "page=0", "page=abc", "page=1.5", "page=99999999999999999999", "page=%C2%B2",  # "٣" is 3
    "min_price=abc", "max_price=-3", "min_price=nan", "min_price=1e40", "sort=xyz",
    "min_price=200&max_price=100", "q=" + "x" * 201,
])
def test_bad_parameters_are_a_400_page_never_a_500(client, query):
    response = client.get(f"/products?{query}")
    assert response.status_code == 400
    assert "<h1>400</h1>" in response.get_data(as_text=True)


def test_empty_parameters_are_ignored(client, app):
    with app.app_context():
        make_product(title="Plate")
        db.session.commit()
    response = client.get("/products?q=&category=&hall=&city=&group=&min_price=&max_price=&sort=")
    assert titles(response) == ["Plate"]


def test_pagination_keeps_the_filters_and_stops_at_the_end(client, app):
    app.config["CATALOGUE_PAGE_SIZE"] = 2
    try:
        with app.app_context():
            pottery = make_category(slug="pottery")
            for i in range(5):
                make_product(title=f"Plate {i}", category=pottery, price_centimes=1000 + i)
            make_product(title="Other")
            db.session.commit()
        first = client.get("/products?category=pottery&sort=price_asc")
        assert titles(first) == ["Plate 0", "Plate 1"]
        html = first.get_data(as_text=True)
        assert 'rel="prev"' not in html
        next_link = re.search(r'rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
        assert "category=pottery" in next_link and "sort=price_asc" in next_link and "page=2" in next_link
        last = client.get("/products?category=pottery&sort=price_asc&page=3")
        assert titles(last) == ["Plate 4"]
        assert 'rel="next"' not in last.get_data(as_text=True)
        prev_link = re.search(r'rel="prev" href="([^"]+)"', last.get_data(as_text=True)).group(1)
        assert "page=2" in prev_link
        beyond = client.get("/products?category=pottery&page=40")
        assert beyond.status_code == 200 and titles(beyond) == []
    finally:
        app.config["CATALOGUE_PAGE_SIZE"] = 24


def seed_products(app, count: int) -> None:
    with app.app_context():
        category = make_category(slug="pottery")
        supplier = make_supplier(group_id=make_group().id)
        for i in range(count):
            product = make_product(supplier=supplier, category=category, title=f"Plate {i}")
            make_translation(product, "ar", f"صحن {i}")
        db.session.commit()


def test_catalogue_queries_do_not_grow_with_page_size_or_catalogue(client, app):
    seed_products(app, 5)
    small = count_queries(app, client, "/products?category=pottery")
    seed_products_more = 45
    with app.app_context():
        from app.catalog.models import Category
        category = db.session.scalar(db.select(Category))
        for i in range(seed_products_more):
            make_product(category=category, title=f"Bowl {i}")
        db.session.commit()
    app.config["CATALOGUE_PAGE_SIZE"] = 50
    try:
        large = count_queries(app, client, "/products?category=pottery")
        searched = count_queries(app, client, "/products?q=plate&sort=price_asc")
        ranked = count_queries(app, client, "/products?q=plate")
        ranked_words = count_queries(app, client, "/products?q=plate+1")
        arabic = count_queries(app, client, "/ar/products")
    finally:
        app.config["CATALOGUE_PAGE_SIZE"] = 24
    assert large == small
    assert searched == small + 1  # + the search glossary
    assert ranked == ranked_words == small + 2  # + the glossary and one probe of how common the words are
    assert arabic == small
    assert small <= 6, small  # the page's cards, their cover images, and the four filter lists


def test_filter_lists_are_cached_so_a_page_costs_one_query(client, app):
    from app import cache

    seed_products(app, 3)
    previous, app.config["REFERENCE_CACHE_SECONDS"] = app.config["REFERENCE_CACHE_SECONDS"], 60
    try:
        count_queries(app, client, "/products")
        assert count_queries(app, client, "/products?page=1") == 1
        count_queries(app, client, "/products?q=plate&sort=price_asc")
        assert count_queries(app, client, "/products?q=plate&sort=price_asc&page=1") == 1  # the glossary too
    finally:
        app.config["REFERENCE_CACHE_SECONDS"] = previous  # a declared setting now: put it back, never delete it
        cache.clear()


def test_remembered_cards_follow_every_change_of_what_they_show(client, app):
    with app.app_context():
        supplier = make_supplier(display_name="Khadija")
        product = make_product(title="Plate", price_centimes=10000, stock=3, supplier=supplier)
        db.session.commit()
        pid = product.id
    assert "100.00" in client.get("/products").get_data(as_text=True)
    with app.app_context():
        product = db.session.get(type(product), pid)
        product.price_centimes, product.stock, product.title = 12000, 0, "Big plate"
        product.supplier.display_name = "Zineb"
        db.session.commit()
    page = client.get("/products").get_data(as_text=True)
    assert "120.00" in page and "Sold out" in page and "Big plate" in page and "Zineb" in page
    assert "100.00" not in page


def test_cards_show_the_cover_photo_with_its_size(client, app):
    with app.app_context():
        product = make_product(title="Plate")
        cover, _other = add_photos(product)
        db.session.commit()
        cover_hash = cover.content_hash
    page = client.get("/products").get_data(as_text=True)
    assert cover_hash[:16] in page
    assert 'width="' in page and 'height="' in page
