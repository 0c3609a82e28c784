"""Stored XSS: what a user or a beneficiary typed is shown as text, never run, on every page that shows it."""
from __future__ import annotations

import pytest

from app.accounts.models import Role
from app.extensions import db
from tests.factories import make_product, make_supplier, make_user

ATTACK = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
RAW = ("<script>alert(", "<img src=x onerror")


@pytest.fixture
def hostile(app):
    """A beneficiary whose name, stand and product are all attacks."""
    with app.app_context():
        user = make_user(Role.BENEFICIARY, name=ATTACK)
        supplier = make_supplier(user=user, slug="hostile", display_name=ATTACK, trade_name=ATTACK, craft=ATTACK,
                                 city=ATTACK, region=ATTACK, story=ATTACK)
        product = make_product(supplier=supplier, title=ATTACK, description=ATTACK)
        db.session.commit()
        return {"session_id": user.get_id(), "product_id": product.id}


def _assert_escaped(response):
    assert response.status_code == 200, response.request.path
    for raw in RAW:
        assert raw not in response.text, f"unescaped {raw!r} on {response.request.path}"


def test_the_account_page_escapes_the_name_and_the_story(client, app, hostile):
    with client.session_transaction() as session:
        session["_user_id"] = hostile["session_id"]
    page = client.get("/account/")
    _assert_escaped(page)
    assert "&lt;script&gt;" in page.text


@pytest.mark.parametrize("path", ["/suppliers/hostile", "/products/{product_id}", "/products", "/"])
def test_public_pages_escape_what_a_beneficiary_typed(client, hostile, path):
    _assert_escaped(client.get(path.format(**hostile)))


def test_search_terms_are_escaped_when_shown_back(client):
    _assert_escaped(client.get("/products", query_string={"q": ATTACK}))
