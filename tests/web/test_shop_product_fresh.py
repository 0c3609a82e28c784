"""The product page is rendered once per what it shows (app.web.fragments), read fresh on every request:
whatever changes shows on the very next page, in French and in Arabic, and a visitor's token stays theirs."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from app import cache
from app.catalog.models import Category, Product, ProductTranslation, ReferenceName
from app.extensions import db
from app.media.models import Image
from app.suppliers.models import Group, Supplier, VerificationState
from tests.factories import (
    add_photos,
    make_category,
    make_group,
    make_product,
    make_supplier,
    make_translation,
)
from tests.helpers import log_in_new_user


@dataclass(frozen=True)
class Shop:
    product: int
    supplier: int
    category: int
    group: int
    cover: int


@pytest.fixture
def shop(app) -> Shop:
    with app.app_context():
        category = make_category(name="Poterie", slug="poterie")
        group = make_group(name="Coopérative Salé", commission_bp=1000)
        supplier = make_supplier(display_name="Khadija", city="Fès", craft="Potière", group_id=group.id)
        product = make_product(title="Tajine", supplier=supplier, category=category, price_centimes=20000, stock=5)
        make_translation(product, "ar", "طاجين")
        [cover] = add_photos(product, 1)
        make_product(title="Bol", category=category)
        db.session.commit()
        return Shop(product.id, supplier.id, category.id, group.id, cover.id)


def _set(model, which: str, **values) -> Callable[[Shop], None]:
    """A change setting `values` on the shop's row of `model` named by `which` (a field of Shop)."""
    def change(shop: Shop) -> None:
        row = db.session.get(model, getattr(shop, which))
        for name, value in values.items():
            setattr(row, name, value)
    return change


def _retitle(shop: Shop) -> None:
    db.session.query(ProductTranslation).filter_by(product_id=shop.product).one().title = "طاجين الفخار"
    make_translation(db.session.get(Product, shop.product), "fr", "Tajine de Safi")


def _name_the_city(shop: Shop) -> None:
    db.session.add(ReferenceName(kind="city", name="Fès", name_i18n={"ar": "فاس", "fr": "Fès la savante"}))


def _add_a_photo(shop: Shop) -> None:
    add_photos(db.session.get(Product, shop.product), 1)


def _add_a_neighbour(shop: Shop) -> None:
    make_product(title="Plat à couscous", category=db.session.get(Category, shop.category))


def _rename_the_neighbour(shop: Shop) -> None:
    db.session.query(Product).filter_by(title="Bol").one().title = "Bol à soupe"


# (what changes, the change, what the page shows after it in French, in Arabic)
CHANGES = [
    ("price", _set(Product, "product", price_centimes=31000), 'product:price:amount" content="310.00"',
     'product:price:amount" content="310.00"'),
    ("producer's share", _set(Product, "product", price_centimes=31000), "263,50", "263.50"),
    ("sold out", _set(Product, "product", stock=0), 'class="badge badge-bad"', 'class="badge badge-bad"'),
    ("few left", _set(Product, "product", stock=2), 'max="2"', 'max="2"'),
    ("description", _set(Product, "product", description="<p>Terre de Safi.</p>"), "Terre de Safi.",
     "Terre de Safi."),  # not translated into Arabic: the original
    ("title", _retitle, "<h1 dir=\"auto\">Tajine de Safi</h1>", "<h1 dir=\"auto\">طاجين الفخار</h1>"),
    ("title in the preview", _retitle, 'og:title" content="Tajine de Safi"', 'og:title" content="طاجين الفخار"'),
    ("stand's name", _set(Supplier, "supplier", trade_name="Atelier Khadija"), "<strong>Atelier Khadija</strong>",
     "<strong>Atelier Khadija</strong>"),
    ("city", _name_the_city, "<bdi>Fès la savante</bdi>", "<bdi>فاس</bdi>"),
    ("category", _set(Category, "category", name_i18n={"ar": "فخار", "fr": "Poteries"}), "Poteries", "فخار"),
    ("group", _set(Group, "group", name="Coopérative Rabat"), "Coopérative Rabat", "Coopérative Rabat"),
    ("group's commission", _set(Group, "group", commission_bp=500), "180,00", "180.00"),
    ("photo reprocessed", _set(Image, "cover", placeholder="#123456"), 'fill="#123456"', 'fill="#123456"'),
    ("photo added", _add_a_photo, 'class="gallery-thumbs"', 'class="gallery-thumbs"'),
    ("related product", _add_a_neighbour, "Plat à couscous", "Plat à couscous"),
    ("related product renamed", _rename_the_neighbour, "Bol à soupe", "Bol à soupe"),
]


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize(("what", "change", "french", "arabic"), CHANGES, ids=[c[0] for c in CHANGES])
def test_a_change_shows_on_the_next_product_page(app, client, shop, language, what, change, french, arabic):
    shown = french if language == "fr" else arabic
    url = f"/{language}/products/{shop.product}"
    assert shown not in client.get(url).text  # rendered once: its fragments are remembered
    with app.app_context():
        change(shop)
        db.session.commit()
    assert shown in client.get(url).text


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_suspended_stands_product_is_gone_on_the_next_request(app, client, shop, language):
    url = f"/{language}/products/{shop.product}"
    assert client.get(url).status_code == 200
    with app.app_context():
        _set(Supplier, "supplier", verification_state=VerificationState.SUSPENDED)(shop)
        db.session.commit()
    assert client.get(url).status_code == 404


def test_sold_out_takes_the_cart_form_away_on_the_next_request(app, client, shop):
    assert 'class="add-to-cart"' in client.get(f"/fr/products/{shop.product}").text
    with app.app_context():
        _set(Product, "product", stock=0)(shop)
        db.session.commit()
    page = client.get(f"/fr/products/{shop.product}").text
    assert 'class="add-to-cart"' not in page and 'og:availability" content="oos"' in page


def test_each_visitor_of_a_remembered_product_page_gets_their_own_token_and_header(app, app_config, shop):
    from app import create_app

    csrf_app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    visitors = [csrf_app.test_client(), csrf_app.test_client()]
    visitors[0].get("/account/login")  # an anonymous visitor with a session (one without gets no token)
    log_in_new_user(csrf_app, visitors[1])
    pages = [visitor.get(f"/fr/products/{shop.product}").text for visitor in visitors]
    tokens = [re.search(r'class="add-to-cart".*?name="csrf_token" value="([^"]+)"', page, re.S).group(1)
              for page in pages]
    assert tokens[0] != tokens[1] and "__souk_csrf_token__" not in pages[0] + pages[1]
    assert ("/account/login" in pages[0], "/account/login" in pages[1]) == (True, False)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_remembered_product_page_is_the_page_rendered_afresh(app, client, shop, language):
    url = f"/{language}/products/{shop.product}"
    with app.app_context():
        cache.clear()
    afresh = client.get(url).text
    assert client.get(url).text == afresh
