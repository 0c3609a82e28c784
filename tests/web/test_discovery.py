"""robots.txt and the sitemaps: every public page in its three languages, in blocks under 50 000 URLs."""
from xml.etree import ElementTree

import pytest

from app import create_app
from app.catalog.models import ListingStatus
from app.extensions import db
from app.web import discovery
from tests.factories import make_fair, make_hall, make_product, make_supplier

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def shop(app, app_config):
    return create_app({**app_config, "BABEL_DEFAULT_LOCALE": "fr"}).test_client()


def _xml(response):
    assert response.status_code == 200 and response.mimetype == "application/xml"
    return ElementTree.fromstring(response.get_data())


def test_robots_keeps_crawlers_out_of_carts_and_back_offices_in_every_language(shop):
    robots = shop.get("/robots.txt")
    assert robots.mimetype == "text/plain"
    for line in ("Disallow: /cart", "Disallow: /ar/checkout", "Disallow: /en/admin/", "Disallow: /ar/supplier/",
                 "Sitemap: http://localhost/sitemap.xml"):
        assert line in robots.text.splitlines()
    assert "Disallow: /products" not in robots.text


def test_product_sitemap_lists_each_public_product_in_three_languages_with_alternates(shop, app):
    with app.app_context():
        public = make_product(slug="tajine-de-safi")
        make_product(status=ListingStatus.DRAFT)
        make_product(supplier=make_supplier(verified=False))
        db.session.commit()
        pid = public.id
    index = _xml(shop.get("/sitemap.xml"))
    maps = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert maps == ["http://localhost/sitemaps/pages.xml", "http://localhost/sitemaps/products-0.xml"]
    urls = _xml(shop.get("/sitemaps/products-0.xml")).findall("s:url", NS)
    assert [u.find("s:loc", NS).text for u in urls] == [
        f"http://localhost/products/{pid}-tajine-de-safi", f"http://localhost/ar/products/{pid}-tajine-de-safi",
        f"http://localhost/en/products/{pid}-tajine-de-safi"]
    alternates = {a.get("hreflang"): a.get("href") for a in urls[1].findall("x:link", NS)}
    assert alternates == {"fr": f"http://localhost/products/{pid}-tajine-de-safi",
                          "ar": f"http://localhost/ar/products/{pid}-tajine-de-safi",
                          "en": f"http://localhost/en/products/{pid}-tajine-de-safi",
                          "x-default": f"http://localhost/products/{pid}-tajine-de-safi"}
    assert urls[0].find("s:lastmod", NS).text[:4].isdigit()


def test_products_are_split_in_blocks_that_stay_under_the_protocols_limit(shop, app, monkeypatch):
    assert discovery.SITEMAP_PRODUCTS * 3 <= 50_000
    monkeypatch.setattr(discovery, "SITEMAP_PRODUCTS", 2)
    with app.app_context():
        ids = [make_product().id for _ in range(5)]
        db.session.commit()
    index = _xml(shop.get("/sitemap.xml"))
    blocks = [loc.text.rsplit("/", 1)[1] for loc in index.findall("s:sitemap/s:loc", NS)][1:]
    assert blocks == [f"products-{n}.xml" for n in range(max(ids) // 2 + 1)]
    listed = set()
    for block in blocks:
        for url in _xml(shop.get(f"/sitemaps/{block}")).findall("s:url/s:loc", NS):
            listed.add(int(url.text.rsplit("/", 1)[1].split("-")[0]))
    assert listed == set(ids)


def test_pages_sitemap_lists_the_exhibition(shop, app):
    with app.app_context():
        stand = make_supplier(slug="khadija")
        make_hall(slug="tapis")
        make_fair(slug="salon-rabat", suppliers=(stand,))
        db.session.commit()
    locs = {u.text for u in _xml(shop.get("/sitemaps/pages.xml")).findall("s:url/s:loc", NS)}
    assert {"http://localhost/", "http://localhost/ar/halls/tapis", "http://localhost/en/fairs/salon-rabat",
            "http://localhost/suppliers/khadija", "http://localhost/ar/pickup-points"} <= locs


def test_pages_sitemap_lists_every_past_fair_not_only_the_latest_twenty(shop, app):
    with app.app_context():
        for n in range(25):
            make_fair(slug=f"souk-{n}", days_from_now=-30 - 10 * n)
        db.session.commit()
    locs = {u.text for u in _xml(shop.get("/sitemaps/pages.xml")).findall("s:url/s:loc", NS)}
    assert "http://localhost/fairs/souk-24" in locs  # the oldest, well past the fairs page's twenty
