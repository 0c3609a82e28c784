"""Each language at its own address: French unprefixed, Arabic under /ar/, English under /en/."""
import pytest
from flask import url_for

from app import create_app
from app.extensions import db
from app.mail import outbox_messages
from tests.factories import make_fair, make_product, make_supplier, make_user
from tests.helpers import DEFAULT_PASSWORD, fill_cart, the_order
from tests.web.test_checkout import FORM


@pytest.fixture
def shop(app, app_config):
    """The shop as configured in production: French is the default, unprefixed language."""
    return create_app({**app_config, "BABEL_DEFAULT_LOCALE": "fr"})


@pytest.fixture
def visitor(shop):
    return shop.test_client()


@pytest.fixture
def product_id(app):
    with app.app_context():
        product = make_product(title="Safran de Taliouine")
        db.session.commit()
        return product.id


def test_unprefixed_pages_are_french(visitor):
    page = visitor.get("/").get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in page and "Rechercher" in page


@pytest.mark.parametrize(("prefix", "html"), [
    ("/ar", '<html lang="ar" dir="rtl">'), ("/en", '<html lang="en" dir="ltr">')])
def test_each_language_has_its_own_address(visitor, prefix, html):
    for path in ("/", "/products", "/halls", "/fairs", "/groups", "/pickup-points", "/cart", "/account/login"):
        response = visitor.get(prefix + path)
        assert response.status_code == 200, path
        assert html in response.get_data(as_text=True), path
    assert visitor.get(prefix + "/checkout").headers["Location"] == prefix + "/cart"  # an empty cart


def test_bare_prefix_is_the_home_page(visitor):
    assert '<html lang="ar"' in visitor.get("/ar").get_data(as_text=True)


def test_links_stay_in_the_pages_language_but_files_do_not(visitor, product_id):
    page = visitor.get("/ar/products").get_data(as_text=True)
    assert f'href="/ar/products/{product_id}-' in page
    assert 'action="/ar/products"' in page and 'href="/ar/cart"' in page
    assert 'rel="stylesheet" href="/static/' in page and "/ar/static/" not in page


def test_a_url_in_another_language_is_built_with_language(shop):
    with shop.test_request_context("/ar/products"):
        shop.preprocess_request()
        assert url_for("shop.catalogue") == "/products"  # the request did not go through the middleware
    with shop.test_request_context("/products", environ_overrides={"SCRIPT_NAME": "/ar", "souk.language": "ar"}):
        assert url_for("shop.catalogue") == "/ar/products"
        assert url_for("shop.catalogue", _language="en") == "/en/products"
        assert url_for("shop.catalogue", _language="fr") == "/products"
        assert url_for("shop.catalogue", _language="en", _external=True) == "http://localhost/en/products"
        assert url_for("static", filename="css/site.css") == "/static/css/site.css"
    with shop.test_request_context("/products"):
        assert url_for("shop.hall", slug="tapis", _language="ar") == "/ar/halls/tapis"


def test_remembered_links_follow_the_language_the_root_and_the_arguments(shop):
    """Relative links are built once and remembered: each page language, mount point and
    argument (its type included) must still get its own."""
    for _ in range(2):  # the second pass reads what the first remembered
        with shop.test_request_context("/products", environ_overrides={"SCRIPT_NAME": "/ar", "souk.language": "ar"}):
            assert url_for("shop.catalogue", page=2) == "/ar/products?page=2"
            assert url_for("shop.catalogue", page=True) == "/ar/products?page=True"
            assert url_for("shop.catalogue", category=["a", "b"]) == "/ar/products?category=a&category=b"
        with shop.test_request_context("/products"):
            assert url_for("shop.catalogue", page=2) == "/products?page=2"
            assert url_for("shop.catalogue", page=2, _language="en") == "/en/products?page=2"
            assert url_for("shop.catalogue", page=2, _external=True) == "http://localhost/products?page=2"
        with shop.test_request_context("/products", environ_overrides={"SCRIPT_NAME": "/souk"}):
            assert url_for("shop.catalogue", page=2) == "/souk/products?page=2"


def test_every_public_page_links_its_alternates_and_canonical(visitor, product_id):
    page = visitor.get("/en/products?page=2&sort=price_asc&q=x").get_data(as_text=True)
    assert '<link rel="canonical" href="http://localhost/en/products?page=2">' in page
    assert '<link rel="alternate" hreflang="fr" href="http://localhost/products?page=2">' in page
    assert '<link rel="alternate" hreflang="ar" href="http://localhost/ar/products?page=2">' in page
    assert '<link rel="alternate" hreflang="en" href="http://localhost/en/products?page=2">' in page
    assert '<link rel="alternate" hreflang="x-default" href="http://localhost/products?page=2">' in page


def test_private_pages_are_not_indexed(visitor):
    page = visitor.get("/ar/cart").get_data(as_text=True)
    assert '<meta name="robots" content="noindex">' in page and 'rel="canonical"' not in page


def test_switcher_shows_the_same_page_in_the_chosen_language_and_remembers(visitor):
    response = visitor.post("/language", data={"lang": "ar", "next": "/products?page=2"})
    assert response.status_code == 302 and response.headers["Location"] == "/ar/products?page=2"
    back = visitor.post("/ar/language", data={"lang": "fr", "next": "/products"})
    assert back.headers["Location"] == "/products"


def test_saved_choice_sends_an_unprefixed_page_to_that_language(visitor):
    visitor.post("/language", data={"lang": "en", "next": "/"})
    response = visitor.get("/halls?page=1")
    assert response.status_code == 302 and response.headers["Location"] == "/en/halls?page=1"
    assert "Cookie" in response.headers["Vary"]


def test_choosing_french_again_stops_the_redirects(visitor):
    visitor.post("/language", data={"lang": "ar", "next": "/"})
    visitor.post("/ar/language", data={"lang": "fr", "next": "/"})
    assert visitor.get("/halls").status_code == 200


def test_browser_language_only_redirects_the_home_page(visitor):
    home = visitor.get("/", headers={"Accept-Language": "ar,fr;q=0.5"})
    assert home.status_code == 302 and home.headers["Location"] == "/ar/"
    assert {"Cookie", "Accept-Language"} <= set(home.headers["Vary"].replace(" ", "").split(","))
    shared_link = visitor.get("/halls", headers={"Accept-Language": "ar"})
    assert shared_link.status_code == 200 and 'lang="fr"' in shared_link.get_data(as_text=True)


def test_french_home_varies_on_browser_language_and_prefixed_pages_do_not(visitor):
    assert "Accept-Language" in visitor.get("/").headers["Vary"]
    assert "Accept-Language" not in visitor.get("/ar/").headers.get("Vary", "")


def test_unknown_language_falls_back_to_french(visitor):
    visitor.post("/language", data={"lang": "xx"})
    assert 'lang="fr"' in visitor.get("/").get_data(as_text=True)


def test_language_switch_never_redirects_off_site(visitor):
    response = visitor.post("/language", data={"lang": "en", "next": "//evil.example"})
    assert response.headers["Location"] == "/en/"


def test_stale_slug_redirects_within_the_language(visitor, product_id):
    response = visitor.get(f"/ar/products/{product_id}-old-title")
    assert response.status_code == 301 and response.headers["Location"].startswith(f"/ar/products/{product_id}-")


def test_api_keeps_negotiating_its_language(visitor):
    assert visitor.get("/api/v1/halls", headers={"Accept-Language": "ar"}).status_code == 200


def test_order_email_links_to_the_order_in_the_language_it_was_placed_in(app, client):
    fill_cart(app, client, {"price_centimes": 10000, "stock": 3})
    response = client.post("/ar/checkout", data=FORM)
    assert response.status_code == 303 and response.headers["Location"].startswith("/ar/orders/")
    with app.app_context():
        number = the_order(app).number
        [shopper_mail] = [m for m in outbox_messages() if number in m["Subject"] and m["To"] == "amina@example.ma"]
        assert f"http://localhost/ar/orders/{number}?token=" in shopper_mail.get_content()


def test_stand_qr_code_opens_the_stand_in_the_language_of_the_page_that_printed_it(app, client):
    with app.app_context():
        make_fair(slug="salon", suppliers=(make_supplier(slug="khadija"),))
        db.session.commit()
    page = client.get("/ar/fairs/salon/qr/khadija").get_data(as_text=True)
    assert "http://localhost/ar/f/salon/khadija" in page
    scanned = client.get("/ar/f/salon/khadija")
    assert scanned.headers["Location"] == "/ar/suppliers/khadija?fair=salon"


def test_logging_in_brings_back_the_accounts_language(app, client):
    with app.app_context():
        make_user(email="salma@example.ma", locale="ar")
        db.session.commit()
    client.post("/account/login", data={"email": "salma@example.ma", "password": DEFAULT_PASSWORD})
    assert client.get("/halls").headers["Location"] == "/ar/halls"
