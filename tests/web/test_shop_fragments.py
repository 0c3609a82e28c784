"""The layout and the catalogue's body are remembered fragments (app/web/fragments.py): rendered once
per what they show, so every change shows on the next request, in French and in Arabic."""
from __future__ import annotations

import re

import pytest

from app.accounts.models import User
from app.catalog.models import Category, NameKind, Product, ReferenceName
from app.exhibition.models import Hall
from app.extensions import db
from app.web import shop
from tests.factories import make_category, make_hall, make_product, make_supplier, make_user
from tests.helpers import login_as

LANGUAGES = pytest.mark.parametrize("prefix", ["/fr", "/ar"])


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def option(html: str, name: str, value: str) -> str:
    """The label of `value` in the catalogue's `name` filter."""
    select = re.search(rf'<select id="f-{name}" name="{name}">(.*?)</select>', html, re.S).group(1)
    return re.search(rf'<option value="{re.escape(value)}" >([^<]*)</option>', select).group(1)


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="card-title" dir="auto">([^<]+)</h3>', html)


def prices(html: str) -> list[str]:
    return re.findall(r'<span class="price">([^<]+)</span>', html)


def header(html: str) -> str:
    return html[html.index('<header class="site-header">'):html.index("</header>")]


@LANGUAGES
def test_a_new_product_and_a_new_price_show_on_the_next_catalogue_page(client, app, prefix):
    with app.app_context():
        supplier = make_supplier(display_name="Khadija")
        make_product(title="Plate", price_centimes=10000, supplier=supplier)
        db.session.commit()
    assert titles(page(client, f"{prefix}/products")) == ["Plate"]
    with app.app_context():
        make_product(title="Tajine pot", supplier=db.session.merge(supplier))
        db.session.scalar(db.select(Product).filter_by(title="Plate")).price_centimes = 12500
        db.session.commit()
    html = page(client, f"{prefix}/products")
    assert "Tajine pot" in titles(html)
    assert re.sub(r"\D", "", dict(zip(titles(html), prices(html), strict=True))["Plate"]) == "12500"


@LANGUAGES
def test_a_renamed_category_and_a_translated_city_show_in_the_next_filters(client, app, prefix):
    with app.app_context():
        make_product(category=make_category(slug="pottery", name="Poterie"), supplier=make_supplier(city="Safi"))
        make_supplier(city="Fès")  # no product: its city is in the list, on no card
        db.session.commit()
    html = page(client, f"{prefix}/products")
    assert (option(html, "category", "pottery"), option(html, "city", "Fès")) == ("Poterie", "Fès")
    with app.app_context():
        db.session.scalar(db.select(Category)).name_i18n = {"ar": "الفخار", "fr": "Céramique"}
        db.session.commit()
    renamed = {"/fr": "Céramique", "/ar": "الفخار"}[prefix]
    assert option(page(client, f"{prefix}/products"), "category", "pottery") == renamed
    with app.app_context():
        db.session.add(ReferenceName(kind=NameKind.CITY, name="Fès", name_i18n={"ar": "فاس", "fr": "Fès-ville"}))
        db.session.commit()
    assert option(page(client, f"{prefix}/products"), "city", "Fès") == {"/fr": "Fès-ville", "/ar": "فاس"}[prefix]


@LANGUAGES
def test_logging_in_and_out_changes_the_header(client, app, prefix):
    with app.app_context():
        user_id = make_user(email="amal@example.ma").id
        db.session.commit()
    anonymous = header(page(client, f"{prefix}/products?category=x"))
    assert f'href="{prefix}/account/login?next=/products?category%3Dx"' in anonymous
    assert f'href="{prefix}/account/"' not in anonymous
    with app.app_context():
        login_as(client, db.session.get(User, user_id))
    logged_in = header(page(client, f"{prefix}/products?category=x"))
    assert f'href="{prefix}/account/"' in logged_in and "/account/login" not in logged_in
    client.post(f"{prefix}/account/logout")
    assert header(page(client, f"{prefix}/products?category=x")) == anonymous


@LANGUAGES
def test_the_cart_count_in_the_header_follows_the_cart(client, app, prefix):
    with app.app_context():
        ids = [make_product(title=f"Bowl {n}").id for n in range(2)]
        db.session.commit()
    assert "cart-count" not in header(page(client, f"{prefix}/products"))
    client.post(f"{prefix}/cart/items", data={"product_id": ids[0], "quantity": "1"})
    assert '<span class="cart-count">1<' in header(page(client, f"{prefix}/products"))
    client.post(f"{prefix}/cart/items", data={"product_id": ids[1], "quantity": "2"})
    assert '<span class="cart-count">3<' in header(page(client, f"{prefix}/products"))


@LANGUAGES
def test_the_header_shows_the_searched_words_and_the_current_section(client, app, prefix):
    searched = header(page(client, f"{prefix}/products?q=argan"))
    assert 'name="q" value="argan"' in searched
    assert re.search(rf'href="{prefix}/products" aria-current="page"', searched)
    halls = header(page(client, f"{prefix}/halls"))
    assert 'name="q" value=""' in halls
    assert re.search(rf'href="{prefix}/halls" aria-current="page"', halls)
    assert f'href="{prefix}/products" aria-current' not in halls


@LANGUAGES
def test_the_language_switch_carries_the_page_address_and_the_visitors_own_token(app, prefix):
    footers = []
    for url in (f"{prefix}/products?page=1", f"{prefix}/halls"):
        visitor = app.test_client()
        visitor.get("/account/login")  # a visitor with a session (one without gets no token at all)
        html = page(visitor, url)
        footers.append(html[html.index('<footer class="site-footer">'):])
    tokens = [re.search(r'name="csrf_token" value="([^"]+)"', footer).group(1) for footer in footers]
    assert tokens[0] != tokens[1] and "__souk_csrf_token__" not in "".join(footers)
    assert 'name="next" value="/products?page=1"' in footers[0] and 'name="next" value="/halls?"' in footers[1]


def test_the_catalogue_body_is_rendered_again_only_when_what_it_shows_changed(client, app, monkeypatch):
    renders = []
    render_cards = shop.render_cards
    monkeypatch.setattr(shop, "render_cards", lambda cards, *args, **kw: renders.append(1) or render_cards(
        cards, *args, **kw))
    with app.app_context():
        product_id = make_product(title="Plate", price_centimes=10000).id
        db.session.commit()
    first = page(client, "/fr/products")
    assert page(client, "/fr/products") == first and len(renders) == 1
    page(client, "/ar/products")
    assert len(renders) == 2  # another language, another body
    with app.app_context():
        db.session.get(Product, product_id).stock = 0
        db.session.commit()
    assert "Épuisé" in page(client, "/fr/products") and len(renders) == 3


@LANGUAGES
def test_the_head_follows_the_page_it_heads(client, app, prefix):
    with app.app_context():
        hall_id = make_hall(slug="pottery", title="Poterie").id
        db.session.commit()
    head = page(client, f"{prefix}/halls/pottery?page=2&sort=x").split("</head>")[0]
    assert '<meta property="og:title" content="Poterie">' in head
    assert f'<link rel="canonical" href="http://localhost{prefix}/halls/pottery?page=2">' in head
    with app.app_context():
        db.session.get(Hall, hall_id).title_i18n = {"ar": "الفخار", "fr": "Céramique"}
        db.session.commit()
    head = page(client, f"{prefix}/halls/pottery").split("</head>")[0]
    renamed = {"/fr": "Céramique", "/ar": "الفخار"}[prefix]
    assert f'<meta property="og:title" content="{renamed}">' in head and "Poterie" not in head
    assert f'<link rel="canonical" href="http://localhost{prefix}/halls/pottery">' in head


@pytest.mark.parametrize("url", ["/fr/products", "/ar/products", "/fr/products/{id}", "/ar/products/{id}"])
def test_a_flashed_message_shows_on_a_page_remembered_without_it(client, app, url):
    with app.app_context():
        product_id = make_product(make_supplier(), title="Tajine de Safi").id
        db.session.commit()
    url = url.format(id=product_id)
    assert "Bienvenue de retour" not in page(client, url)  # the page is now remembered
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Bienvenue de retour")]
    assert "Bienvenue de retour" in page(client, url)
    assert "Bienvenue de retour" not in page(client, url)  # shown once, as flashes are


def test_a_new_release_renders_its_pages_afresh(client, app, monkeypatch):
    """The shared cache (Redis) outlives a deployment: a new release's templates must not find the last one's HTML."""
    page(client, "/fr/products")
    renders = []
    monkeypatch.setattr(shop, "render_template", lambda *args, **kwargs: renders.append(args[0]) or "<p>new</p>")
    assert page(client, "/fr/products") != "<p>new</p>"  # same release: remembered
    app.extensions["fragments_release"] = "another-release"
    try:
        assert page(client, "/fr/products") == "<p>new</p>"
    finally:
        del app.extensions["fragments_release"]
    assert renders
