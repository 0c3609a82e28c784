"""What a link preview (Open Graph, Twitter cards) and a search engine (schema.org JSON-LD) read of a page.

Plain dictionaries built from what the view already loaded: no query of their own. Templates
render them with `_macros/sharing.html`.
"""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext
from markupsafe import Markup

from app.catalog.product_page import ProductPage
from app.media.models import Image
from app.money import CURRENCY, to_decimal

SHARE_WIDTH = 1200  # what WhatsApp, Facebook and X ask for; the nearest rendition at least this wide is used
OG_LOCALES = {"fr": "fr_MA", "ar": "ar_MA", "en": "en_US"}
SCHEMA = "https://schema.org"


def share_image(image: Image | None) -> dict | None:
    """The JPEG rendition a preview shows (>= 1200 px wide when the photo has one), absolute."""
    if image is None or not image.is_ready:
        return None
    rendition = image.fallback("jpeg", near=SHARE_WIDTH)
    if rendition is None:
        return None
    return {"url": url_for("media.rendition", filename=rendition["path"], _external=True),
            "width": rendition["width"], "height": rendition["height"]}


def product_offer(product: ProductPage, url: str) -> dict:
    """schema.org Offer: the price in MAD and whether it can be bought now."""
    in_stock = product.stock > 0
    return {
        "@type": "Offer", "url": url, "price": str(to_decimal(product.price_centimes)), "priceCurrency": CURRENCY,
        "availability": f"{SCHEMA}/{'InStock' if in_stock else 'OutOfStock'}",
        "seller": {"@type": "Organization", "name": product.supplier_name},
    }


def product_data(product: ProductPage, description: str, url: str, image: dict | None) -> dict:
    """schema.org Product with its Offer."""
    data = {"@context": SCHEMA, "@type": "Product", "name": product.title, "description": description, "url": url,
            "sku": str(product.id),
            "brand": {"@type": "Brand", "name": product.supplier_name}, "offers": product_offer(product, url)}
    if image:
        data["image"] = image["url"]
    return data


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """schema.org BreadcrumbList from (name, absolute url) pairs, outermost first."""
    return {"@context": SCHEMA, "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": n, "name": name, "item": url} for n, (name, url) in enumerate(trail, 1)]}


def organization(name: str, description: str) -> dict:
    """schema.org Organization: the shop itself (home page)."""
    return {"@context": SCHEMA, "@type": "Organization", "name": name, "description": description,
            "url": url_for("shop.home", _external=True),
            "logo": url_for("static", filename="icons/favicon.svg", _external=True)}


def for_product(product: ProductPage, cover: Image | None) -> tuple[dict | None, list[dict]]:
    """A product page's preview image and its JSON-LD (Product with Offer, BreadcrumbList)."""
    url = url_for("shop.product", product_id=product.id, slug=product.slug, _external=True)
    image = share_image(cover)
    description = Markup(product.description).striptags()  # noqa: S704  (only read as text)
    trail = [(gettext("Products"), url_for("shop.catalogue", _external=True)),
             (product.category_name, url_for("shop.catalogue", category=product.category_slug, _external=True)),
             (product.title, url)]
    return image, [product_data(product, description, url, image), breadcrumbs(trail)]
