"""Link previews (Open Graph, Twitter cards) and schema.org JSON-LD, checked against the vocabulary."""
import json
import re

import pytest

from app import create_app
from app.extensions import db
from tests.factories import add_photos, make_hall, make_product, make_supplier, make_translation
from tests.schemaorg import check


def _json_ld(page: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)]


def _meta(page: str, key: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', page)


@pytest.fixture
def shop(app, app_config):
    return create_app({**app_config, "BABEL_DEFAULT_LOCALE": "fr"}).test_client()


@pytest.fixture
def saffron(app):
    with app.app_context():
        product = make_product(title="Safran de Taliouine", price_centimes=19000, stock=4,
                               supplier=make_supplier(display_name="Coopérative Tifaout"))
        make_translation(product, "ar", "زعفران تالوين")
        add_photos(product, 1)
        db.session.commit()
        return product.id, product.slug


def test_product_preview_has_title_price_and_the_widest_photo(shop, saffron):
    pid, slug = saffron
    page = shop.get(f"/ar/products/{pid}-{slug}").text
    assert _meta(page, "og:title")[0].startswith("زعفران تالوين")
    assert _meta(page, "og:type") == ["product"]
    assert _meta(page, "og:url") == [f"http://localhost/ar/products/{pid}-{slug}"]
    assert _meta(page, "og:locale") == ["ar_MA"]
    assert _meta(page, "product:price:amount") == ["190.00"] and _meta(page, "product:price:currency") == ["MAD"]
    [image] = _meta(page, "og:image")
    assert image.startswith("http://localhost/media/") and image.endswith(".jpg")
    assert _meta(page, "og:image:width") == ["800"]  # the widest rendition of an 800 px photo
    assert _meta(page, "twitter:card") == ["summary_large_image"]


def test_product_json_ld_is_valid_schema_org(shop, saffron):
    pid, slug = saffron
    product, trail = _json_ld(shop.get(f"/en/products/{pid}-{slug}").text)
    assert check(product) == [] and check(trail) == []
    assert product["@type"] == "Product" and product["name"] == "Safran de Taliouine"
    offer = product["offers"]
    assert (offer["price"], offer["priceCurrency"], offer["availability"]) == (
        "190.00", "MAD", "https://schema.org/InStock")
    assert [item["name"] for item in trail["itemListElement"]][::2] == ["Products", "Safran de Taliouine"]
    assert trail["itemListElement"][-1]["item"] == f"http://localhost/en/products/{pid}-{slug}"


def test_sold_out_product_says_so_in_its_offer(shop, app):
    with app.app_context():
        product = make_product(stock=0)
        db.session.commit()
        pid = product.id
    [data, _] = _json_ld(shop.get(f"/products/{pid}").text)
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_the_checker_refuses_what_schema_org_would():
    assert check({"@type": "Product", "name": "x", "price": "3"}) == ["$.price: Product has no such property"]
    assert check({"@type": "Offer", "price": "1,5", "priceCurrency": "MAD", "availability": "InStock"}) == [
        "$.price: not a number", "$.availability: not an ItemAvailability"]
    assert check({"@type": "Gadget"}) == ["$: unknown type 'Gadget'"]


def test_home_names_the_organization(shop):
    [organization] = _json_ld(shop.get("/").text)
    assert organization["@type"] == "Organization" and check(organization) == []


def test_stand_and_hall_pages_have_previews(shop, app):
    with app.app_context():
        make_supplier(slug="khadija", display_name="Khadija")
        make_hall(slug="tapis", title="Tapis", title_i18n={"ar": "زرابي"})
        db.session.commit()
    assert _meta(shop.get("/suppliers/khadija").text, "og:title")[0].startswith("Khadija")
    hall = shop.get("/ar/halls/tapis").text
    assert _meta(hall, "og:title")[0].startswith("زرابي") and _meta(hall, "og:url") == ["http://localhost/ar/halls/tapis"]
