"""Versioned JSON read API for partners (proximity shops, mobile clients).

Everything here is public data, read through the same queries as the HTML pages, so the API
can never show a product or a stand that the shop would hide. Amounts are integer centimes
with their currency. Errors are JSON (app.errors answers JSON under /api/).
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.catalog import queries as catalog
from app.catalog.models import ProductTranslation
from app.exhibition import browse
from app.exhibition import queries as exhibition
from app.exhibition.models import FairStand
from app.extensions import db
from app.i18n import localized
from app.media.models import Image
from app.money import CURRENCY
from app.numbers import MAX_PAGE, whole_number
from app.solidarity.pricing import product_breakdown
from app.suppliers.models import Supplier
from app.web.media import media_url
from app.web.openapi import openapi_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")

MAX_PER_PAGE = 100


def _locale() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def _money(centimes: int) -> dict:
    return {"amount": centimes, "currency": CURRENCY}


def _image(image: Image | None) -> dict | None:
    if image is None or not image.is_ready:
        return None
    chosen = image.fallback("jpeg")
    return {
        "url": media_url(chosen["path"], external=True),
        "width": chosen["width"],
        "height": chosen["height"],
        "renditions": [
            {"url": media_url(r["path"], external=True), "width": r["width"],
             "height": r["height"], "format": r["format"]}
            for r in image.widths("webp") + image.widths("jpeg")
        ],
    }


def _per_page() -> int:
    raw = request.args.get("per_page")
    if raw is None:
        return current_app.config["CATALOGUE_PAGE_SIZE"]
    per_page = whole_number(raw, 1, MAX_PER_PAGE)
    if per_page is None:
        raise catalog.BadQuery(_l("per_page must be a whole number from 1 to %(max)s.", max=MAX_PER_PAGE))
    return per_page


def _page_links(endpoint: str, page, args: dict) -> dict:
    def link(number: int) -> str:
        return url_for(endpoint, **{**args, "page": number}, _external=True)

    return {
        "page": page.page,
        "per_page": page.per_page,
        "next": link(page.page + 1) if page.has_next else None,
        "prev": link(page.page - 1) if page.has_prev else None,
    }


def _card(card: catalog.Card) -> dict:
    return {
        "id": card.id,
        "slug": card.slug,
        "title": card.title,
        "url": url_for("shop.product", product_id=card.id, slug=card.slug, _external=True),
        "price": _money(card.price_centimes),
        "in_stock": card.in_stock,
        "supplier": {"slug": card.supplier_slug, "name": card.supplier_name, "city": card.city},
        "image": _image(card.image),
    }


def _supplier(supplier: Supplier) -> dict:
    return {
        "slug": supplier.slug,
        "name": supplier.name,
        "craft": supplier.craft,
        "city": supplier.city,
        "region": supplier.region,
        "group": supplier.group.slug if supplier.group else None,
        "url": url_for("shop.supplier", slug=supplier.slug, _external=True),
    }


def _refuse_an_empty_page() -> None:
    """The shop reads an empty `page=` as the first page (kind to hand-edited URLs); the API's document
    says a page is a whole number, and partners' code should learn of its bug."""
    if request.args.get("page") == "":
        raise catalog.BadQuery(_l("The page number must be a whole number from 1 to %(max)s.", max=MAX_PAGE))


@bp.get("/products")
def products():
    """Public products, with the catalogue's filters, sorts and pagination."""
    _refuse_an_empty_page()
    query = catalog.parse_catalogue_args(request.args)
    per_page = _per_page()
    page = browse.catalogue(query, _locale(), per_page)
    args = {**query.url_args(page=None), **({"per_page": per_page} if "per_page" in request.args else {})}
    cards = catalog.attach_images(page.cards)
    return jsonify(items=[_card(card) for card in cards], **_page_links("api.products", page, args))


@bp.get("/products/<int:product_id>")
def product(product_id: int):
    """One public product, with its photos, translations and price breakdown."""
    view = catalog.public_product(product_id, _locale())
    item = view.product
    split = product_breakdown(item)
    translations = db.session.scalars(select(ProductTranslation).where(ProductTranslation.product_id == item.id))
    return jsonify(
        id=item.id,
        slug=item.slug,
        title=view.title,
        description=str(view.description_html),
        url=url_for("shop.product", product_id=item.id, slug=item.slug, _external=True),
        price=_money(item.price_centimes),
        stock=item.stock,
        in_stock=item.stock > 0,
        category={"slug": item.category.slug, "name": localized(item.category, "name", _locale())},
        supplier=_supplier(item.supplier),
        image=_image(view.images[0]) if view.images else None,  # as in the lists: the cover
        images=[_image(image) for image in view.images if image.is_ready],
        translations={t.locale: {"title": t.title, "description": t.description} for t in translations},
        breakdown={
            "producer": _money(split.producer),
            "producer_share_bp": split.producer_bp,
            "group_commission": _money(split.group_commission),
            "platform_fee": _money(split.platform_fee),
        },
        published_at=item.published_at.isoformat() if item.published_at else None,
    )


@bp.get("/suppliers")
def suppliers():
    """Public supplier stands, by name."""
    _refuse_an_empty_page()
    page_number, per_page = catalog.parse_page(request.args), _per_page()
    stmt = (catalog.public_suppliers().options(joinedload(Supplier.group))
            .order_by(Supplier.display_name, Supplier.id)
            .limit(per_page + 1).offset((page_number - 1) * per_page))
    rows = list(db.session.scalars(stmt))
    page = catalog.CardPage([], page_number, per_page, len(rows) > per_page)
    args = {"per_page": per_page} if "per_page" in request.args else {}
    return jsonify(items=[_supplier(s) for s in rows[:per_page]], **_page_links("api.suppliers", page, args))


@bp.get("/suppliers/<slug>")
def supplier(slug: str):
    """One stand: story in the requested language, photo, upcoming fairs and a link to its products."""
    stand = exhibition.public_supplier_by_slug(slug)
    return jsonify(
        **_supplier(stand),
        story=localized(stand, "story", _locale()),
        photo=_image(stand.photo),
        fairs=[_fair_summary(fair) for fair in exhibition.fairs_of_supplier(stand.id, exhibition.today())],
        products=url_for("api.products", supplier=stand.slug, _external=True),
    )


def _fair_summary(fair) -> dict:
    return {
        "slug": fair.slug,
        "name": localized(fair, "name", _locale()),
        "city": fair.city,
        "venue": fair.venue,
        "starts_on": fair.starts_on.isoformat(),
        "ends_on": fair.ends_on.isoformat(),
        "url": url_for("shop.fair", slug=fair.slug, _external=True),
    }


@bp.get("/halls")
def halls():
    """Exhibition halls in their curated order."""
    return jsonify(items=[{
        "slug": hall.slug,
        "title": localized(hall, "title", _locale()),
        "intro": localized(hall, "intro", _locale()),
        "featured": hall.featured,
        "cover": _image(hall.cover),
        "url": url_for("shop.hall", slug=hall.slug, _external=True),
        "products": url_for("api.products", hall=hall.slug, _external=True),
    } for hall in exhibition.halls()])


@bp.get("/fairs")
def fairs():
    """Upcoming fairs (soonest first), then past ones, each with its public stands."""
    listed = exhibition.upcoming_fairs(exhibition.today()) + exhibition.past_fairs(exhibition.today())
    stands = _public_stands([fair.id for fair in listed])
    items = []
    for fair in listed:
        items.append({
            **_fair_summary(fair),
            "upcoming": fair.ends_on >= exhibition.today(),
            "stands": [{
                "supplier": stand.supplier.slug,
                "name": stand.supplier.name,
                "label": stand.stand_label,
                "qr_code": url_for("shop.fair_qr_png", slug=fair.slug, supplier_slug=stand.supplier.slug,
                                   _external=True),
            } for stand in stands.get(fair.id, [])],
        })
    return jsonify(items=items)


def _public_stands(fair_ids: list[int]) -> dict[int, list[FairStand]]:
    """Stands of public suppliers for several fairs, in one query."""
    if not fair_ids:
        return {}
    stmt = (select(FairStand).join(Supplier, Supplier.id == FairStand.supplier_id)
            .options(joinedload(FairStand.supplier))
            .where(FairStand.fair_id.in_(fair_ids), catalog.is_public_supplier())
            .order_by(FairStand.stand_label, Supplier.display_name))
    grouped: dict[int, list[FairStand]] = {}
    for stand in db.session.scalars(stmt):
        grouped.setdefault(stand.fair_id, []).append(stand)
    return grouped


@bp.get("/pickup-points")
def pickup_points():
    """Active pickup points, optionally in one city (`?city=`)."""
    city = request.args.get("city", "")
    if len(city) > 80:
        raise catalog.BadQuery(_l("The value of “%(name)s” is too long.", name="city"))
    city = city.strip()
    return jsonify(items=[{
        "slug": point.slug,
        "name": point.name,
        "kind": point.kind.value,
        "city": point.city,
        "address": point.address,
        "opening_hours": point.opening_hours,
        "phone": point.phone,
    } for point in exhibition.pickup_points(city)])


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API."""
    return jsonify(openapi_document(url_for("api.products", _external=True).rsplit("/products", 1)[0]))
