"""The micro-cache of public pages: only for impersonal visitors, never freezing a CSRF token."""
from __future__ import annotations

import re

import pytest

from app import cache
from app.accounts.models import Role
from app.extensions import db
from app.web import pagecache
from tests.factories import make_product
from tests.helpers import log_in_new_user


@pytest.fixture
def cache_on(app):
    before = app.config["PAGE_CACHE_SECONDS"]
    app.config["PAGE_CACHE_SECONDS"] = 60
    with app.app_context():
        cache.clear()
    yield
    # Put the declared setting back (deleting it made every later page of this worker a 500).
    app.config["PAGE_CACHE_SECONDS"] = before
    with app.app_context():
        cache.clear()


def rename(app, pid: int, title: str) -> None:
    from app.catalog.models import Product

    with app.app_context():
        product = db.session.get(Product, pid)
        product.title = title
        db.session.commit()


def seed(app) -> int:
    with app.app_context():
        product = make_product(title="Plate")
        db.session.commit()
        return product.id


def test_an_anonymous_visitor_gets_the_remembered_page(app, client, cache_on):
    pid = seed(app)
    assert "Plate" in client.get("/products").get_data(as_text=True)
    rename(app, pid, "Bowl")
    assert "Plate" in client.get("/products").get_data(as_text=True)
    assert "Bowl" in client.get("/products?sort=newest").get_data(as_text=True)  # another URL, another page


def test_each_visitor_gets_their_own_csrf_token_not_a_frozen_one(app, cache_on):
    seed(app)
    first, second = app.test_client(), app.test_client()
    tokens = []
    for visitor in (first, second):
        visitor.get("/account/login")  # a session holding only its CSRF secret: still impersonal
        html = visitor.get("/products").get_data(as_text=True)
        assert pagecache.PLACEHOLDER not in html
        tokens.append(re.search(r'name="csrf_token" value="([^"]+)"', html).group(1))
    assert tokens[0] != tokens[1]


def test_logged_in_visitors_and_visitors_with_a_cart_get_fresh_pages(app, client, cache_on):
    pid = seed(app)
    client.get("/products")
    rename(app, pid, "Bowl")
    log_in_new_user(app, client, Role.SHOPPER)
    assert "Bowl" in client.get("/products").get_data(as_text=True)
    other = app.test_client()
    with other.session_transaction() as session:
        session["cart_id"] = 12
    assert "Bowl" in other.get("/products").get_data(as_text=True)


def test_languages_are_remembered_apart(app, cache_on):
    seed(app)
    french, arabic = app.test_client(), app.test_client()
    arabic.set_cookie("lang", "ar")
    assert 'dir="ltr"' in french.get("/products").get_data(as_text=True)
    assert 'dir="rtl"' in arabic.get("/ar/products").get_data(as_text=True)
    assert 'dir="ltr"' in french.get("/products").get_data(as_text=True)


def test_errors_and_redirects_are_not_remembered(app, client, cache_on):
    pid = seed(app)
    assert client.get(f"/products/{pid}-wrong").status_code == 301
    assert client.get("/products?page=abc").status_code == 400
    assert client.get("/products/999999").status_code == 404
    assert client.get(f"/products/{pid}").status_code == 200


def test_error_pages_met_while_caching_carry_a_real_csrf_token(app, client, cache_on):
    page = client.get("/products/999999").get_data(as_text=True)
    assert pagecache.PLACEHOLDER not in page
    assert re.search(r'name="csrf_token" value="[^"]{20,}"', page)
