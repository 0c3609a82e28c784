"""What search engines read first: /robots.txt and the sitemaps, every public page in its three languages.

/sitemap.xml is an index: one sitemap of the exhibition's pages, then one per block of
SITEMAP_PRODUCTS product ids. Each product is three <url> entries (one per language, each listing
all alternates), so a block of 10 000 ids stays under the protocol's 50 000 URLs. The index costs
one indexed MAX(id); a block is one range scan on the primary key reading three columns, written
out as it is read (no ORM objects, one url_for per language, not per product). At 100 000
products a block is ~15 MB, about half a second, 3.5 MiB of memory (bench/sitemap.py).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from urllib.parse import quote
from xml.sax.saxutils import escape

from flask import Blueprint, Response, current_app, stream_with_context, url_for
from sqlalchemy import func

from app.catalog.models import Product
from app.catalog.queries import published_products
from app.exhibition import queries as exhibition
from app.extensions import db
from app.web.languages import switch_language

bp = Blueprint("discovery", __name__)

SITEMAP_PRODUCTS = 10_000
CACHE = "public, max-age=3600"
PRIVATE_PATHS = ("/cart", "/checkout", "/orders/", "/account/", "/supplier/", "/admin/", "/language")
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
URLSET = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
          'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


@bp.get("/robots.txt")
def robots():
    """Crawl the shop, not the carts, accounts or back offices, in any language; where the sitemap is."""
    prefixes = [""] + [f"/{code}" for code in _languages() if code != current_app.config["BABEL_DEFAULT_LOCALE"]]
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {prefix}{path}" for prefix in prefixes for path in PRIVATE_PATHS]
    lines.append(f"Sitemap: {url_for('discovery.sitemap_index', _external=True)}")
    return _answer("\n".join(lines) + "\n", "text/plain")


@bp.get("/sitemap.xml")
def sitemap_index():
    """The index: the exhibition's pages, then the product blocks."""
    last_id = db.session.scalar(published_products(func.max(Product.id))) or 0
    maps = [url_for("discovery.sitemap_pages", _external=True)]
    maps += [url_for("discovery.sitemap_products", block=n, _external=True)
             for n in range(last_id // SITEMAP_PRODUCTS + 1)]
    body = "".join(f"<sitemap><loc>{escape(loc)}</loc></sitemap>\n" for loc in maps)
    return _answer(f'{XML_HEAD}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                   f"{body}</sitemapindex>\n", "application/xml")


@bp.get("/sitemaps/pages.xml")
def sitemap_pages():
    """Home, listings, and every hall, fair, group and stand."""
    pages = [("shop.home", {}), ("shop.catalogue", {}), ("shop.halls", {}), ("shop.fairs", {}),
             ("shop.groups", {}), ("shop.pickup_points", {})]
    pages += [("shop.hall", {"slug": h.slug}) for h in exhibition.halls()]
    today = exhibition.today()
    fairs = exhibition.upcoming_fairs(today) + exhibition.past_fairs(today, limit=None)
    pages += [("shop.fair", {"slug": f.slug}) for f in fairs]
    pages += [("shop.group", {"slug": g.slug}) for g in exhibition.groups()]
    pages += [("shop.supplier", {"slug": slug}) for slug in exhibition.public_supplier_slugs()]
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    # One url_for per page (most are stands: thousands), the other languages by moving its prefix.
    addresses = (url_for(endpoint, _external=True, _language=default, **args) for endpoint, args in pages)
    return _stream(_entries(({code: switch_language(url, None, code) for code in _languages()}, None)
                            for url in addresses))


@bp.get("/sitemaps/products-<int:block>.xml")
def sitemap_products(block: int):
    """The public products whose id falls in this block, in each language, with their last change."""
    first = block * SITEMAP_PRODUCTS
    rows = db.session.execute(
        published_products(Product.id, Product.slug, Product.updated_at)
        .where(Product.id >= first, Product.id < first + SITEMAP_PRODUCTS).order_by(Product.id)
    )
    # One url_for per language, then the id and slug put in its place: the product route's own shape.
    shapes = {code: url_for("shop.product", product_id=0, slug="-", _external=True, _language=code).removesuffix("0--")
              for code in _languages()}
    return _stream(_entries(
        ({code: f"{root}{pid}-{quote(slug)}" for code, root in shapes.items()}, updated) for pid, slug, updated in rows
    ))


def _entries(pages: Iterable[tuple[dict[str, str], datetime | None]]) -> Iterator[str]:
    """One <url> per language of each page, each listing every language and x-default."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    yield XML_HEAD + URLSET
    for urls, updated in pages:
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{code}" href="{escape(url)}"/>'
                        for code, url in urls.items())
        links += f'<xhtml:link rel="alternate" hreflang="x-default" href="{escape(urls[default])}"/>'
        lastmod = f"<lastmod>{updated.date().isoformat()}</lastmod>" if updated else ""
        yield "".join(f"<url><loc>{escape(url)}</loc>{lastmod}{links}</url>\n" for url in urls.values())
    yield "</urlset>\n"


def _languages() -> tuple[str, ...]:
    return current_app.config["LANGUAGES"]


def _stream(chunks: Iterator[str]) -> Response:
    response = Response(stream_with_context(chunks), mimetype="application/xml")  # rows are read while sent
    response.headers["Cache-Control"] = CACHE
    return response


def _answer(body: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Cache-Control"] = CACHE
    return response
