"""The public exhibition: home, catalogue, products, stands, halls, fairs, groups, pickup points."""
from __future__ import annotations

from functools import cache

from flask import Blueprint, current_app, make_response, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from app.catalog import product_page as product_pages
from app.catalog import queries as catalog
from app.errors import NotFound
from app.exhibition import browse, choices
from app.exhibition import queries as exhibition
from app.exhibition.qr import qr_png
from app.fairs.services import count_scan
from app.media.models import Image
from app.reports.fairs import public_totals
from app.solidarity.pricing import Breakdown, SolidarityRules, breakdown
from app.web import fair_visit, languages, pagecache, sharing
from app.web.fragments import layout_block, remembered, remembered_page, render_cards
from app.web.pagecache import cached_page
from app.web.redirects import safe_next
from app.web.unit_of_work import commit, unit_of_work

bp = Blueprint("shop", __name__)
bp.app_context_processor(pagecache.template_context)  # fragments (app.web.fragments) hold forms on every page

SHOP_DESCRIPTION = "Crafts and terroir products made by Moroccan micro-entrepreneurs."  # base.html's, translated
HOME_PRODUCTS = 8
RELATED_PRODUCTS = 4
QR_PER_PAGE = 8  # on an A4 sheet: two columns of four, each code large enough to scan across a stand


def locale() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def per_page() -> int:
    return current_app.config["CATALOGUE_PAGE_SIZE"]


@bp.get("/")
@cached_page
def home():
    """Home: featured halls, newest products, upcoming fairs."""
    featured = exhibition.featured_halls() or exhibition.halls()[:6]
    return render_template(
        "shop/home.html",
        halls=featured,
        products=render_cards(catalog.newest_cards(locale(), HOME_PRODUCTS), locale()),
        fairs=exhibition.upcoming_fairs(exhibition.today(), limit=3),
        structured=[sharing.organization("Souk Solidaire", _(SHOP_DESCRIPTION))],
    )


@bp.get("/products")
@cached_page
def catalogue():
    """Catalogue with filters, sort, search and pagination."""
    language = locale()
    query = catalog.parse_catalogue_args(request.args)
    results = browse.catalogue(query, language)
    filters = choices.filter_choices(language)
    shown = (query, results.key, filters)
    return remembered_page("shop/catalogue.html", language, shown, lambda: render_template(
        "shop/catalogue.html", query=query, body=_catalogue_body(language, shown, results, filters)))


def _catalogue_body(language: str, shown: tuple, results: catalog.CardPage, filters: choices.FilterChoices) -> Markup:
    """The filters, cards and pager, rendered once per what they show (`shown`), for every visitor."""
    return remembered("shop/_catalogue.html", (language, shown), lambda: render_template(
        "shop/_catalogue.html", query=shown[0], results=results, filters=filters,
        cards=render_cards(results.cards, language, eager=4 if results.page == 1 else 0)))


@bp.get("/products/<int:product_id>")
@bp.get("/products/<int:product_id>-<slug>")
@cached_page
def product(product_id: int, slug: str | None = None):
    """A product page; the slug is cosmetic and a wrong one redirects to the canonical URL.

    Its head and body are fragments, rendered once per what they show, which is read here on every request.
    """
    language = locale()
    shown, related = product_pages.product_page(product_id, language, RELATED_PRODUCTS)
    if slug is not None and slug != shown.slug:
        return redirect(url_for("shop.product", product_id=product_id, slug=shown.slug), code=301)
    split = breakdown(shown.price_centimes, shown.group_commission_bp, SolidarityRules.from_config())
    # The photos' renditions are read only to render a part, and once for both.
    images = cache(lambda: catalog.images_by_id([photo.id for photo in (*shown.gallery, shown.photo) if photo]))
    related_keys = [card.key for card in related]

    def render() -> str:
        head = remembered("product-head", (language, shown, languages.page_addresses()),
                          lambda: _product_head(shown, images()))
        body = remembered("product-body", (language, shown, split, related_keys),
                          lambda: _product_body(shown, images(), split, related, language))
        return render_template("shop/product.html", product=shown, head=head, body=body)

    return remembered_page("shop/product.html", language, (shown, split, related_keys), render)


def _product_head(shown: product_pages.ProductPage, images: dict[int, Image]) -> str:
    """The layout's head as a product page fills it: addresses, link preview and structured data."""
    share_image, structured = sharing.for_product(shown, images[shown.gallery[0].id] if shown.gallery else None)
    return layout_block("shop/product.html", "alternates", product=shown, share_image=share_image,
                        structured=structured)


def _product_body(shown: product_pages.ProductPage, images: dict[int, Image], split: Breakdown,
                  related: list[catalog.Card], language: str) -> str:
    """The page's own content: gallery, price and stock, cart form, breakdown, stand, related cards."""
    return render_template("shop/_product.html", product=shown, gallery=[images[photo.id] for photo in shown.gallery],
                           photo=images[shown.photo.id] if shown.photo else None, breakdown=split,
                           related=render_cards(related, language))


@bp.get("/suppliers/<slug>")
def supplier(slug: str):
    """A supplier's stand: story, products and the fairs where they will be; `?fair=` (the stand's QR
    code at a fair) adds "at the fair now, stand N" while that fair is on, and remembers the fair in
    the session for checkout's fair delivery methods (app/web/fair_visit.py)."""
    at_fair = _at_fair_now(request.args.get("fair", ""), slug)
    if at_fair is not None:
        fair_visit.remember(at_fair.fair_id)
    return _stand_page(slug, at_fair)


@cached_page
def _stand_page(slug: str, at_fair):
    stand = exhibition.public_supplier_by_slug(slug)
    results, cards = _catalogue_page(supplier=stand.slug)
    return render_template("shop/supplier.html", supplier=stand, results=results, cards=cards,
                           share_image=sharing.share_image(stand.photo),
                           fairs=exhibition.fairs_of_supplier(stand.id, exhibition.today()), at_fair=at_fair)


def _at_fair_now(fair_slug: str, supplier_slug: str):
    """The supplier's stand at that fair if the fair is on today, else None."""
    if not fair_slug:
        return None
    try:
        found = exhibition.stand_at_fair(fair_slug, supplier_slug)
    except NotFound:
        return None
    return found if found.fair.starts_on <= exhibition.today() <= found.fair.ends_on else None


@bp.get("/f/<fair_slug>/<supplier_slug>")
def fair_scan(fair_slug: str, supplier_slug: str):
    """The short address a stand's QR code holds: counts the scan (a daily counter per stand, no
    cookie, nothing about the visitor), then opens the stand in the fair's context."""
    stand = exhibition.stand_at_fair(fair_slug, supplier_slug)
    with unit_of_work():
        count_scan(stand, exhibition.today())
    response = redirect(url_for("shop.supplier", slug=stand.supplier.slug, fair=stand.fair.slug), 302)
    response.headers["Cache-Control"] = "no-store"  # every scan must reach us to be counted
    return response


@bp.get("/halls")
@cached_page
def halls():
    """All exhibition halls."""
    return render_template("shop/halls.html", halls=exhibition.halls())


@bp.get("/halls/<slug>")
@cached_page
def hall(slug: str):
    """One hall: its introduction and its curated selection, in order."""
    found = exhibition.hall_by_slug(slug)
    results = exhibition.hall_cards(found, catalog.parse_page(request.args), per_page(), locale())
    return render_template("shop/hall.html", hall=found, results=results, stands=exhibition.hall_stands(found),
                           cards=render_cards(results.cards, locale(), eager=2),
                           share_image=sharing.share_image(found.cover))


@bp.get("/fairs")
@cached_page
def fairs():
    """Fair calendar."""
    return render_template("shop/fairs.html", upcoming=exhibition.upcoming_fairs(exhibition.today()),
                           past=exhibition.past_fairs(exhibition.today()))


@bp.get("/fairs/<slug>")
@cached_page
def fair(slug: str):
    """One fair and its stands."""
    found = exhibition.fair_by_slug(slug)
    is_past = found.ends_on < exhibition.today()
    return render_template("shop/fair.html", fair=found, stands=exhibition.fair_stands(found), is_past=is_past,
                           totals=public_totals(found) if is_past else None)


@bp.get("/fairs/<slug>/qr/<supplier_slug>.png")
def fair_qr_png(slug: str, supplier_slug: str):
    """The QR code of a stand at a fair, linking to the online stand (cacheable)."""
    stand = exhibition.stand_at_fair(slug, supplier_slug)
    response = make_response(qr_png(_scan_url(stand)))
    response.mimetype = "image/png"
    response.headers["Cache-Control"] = "public, max-age=86400"
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/fairs/<slug>/qr/<supplier_slug>")
def fair_qr_page(slug: str, supplier_slug: str):
    """A print-ready sheet with the stand's QR code."""
    stand = exhibition.stand_at_fair(slug, supplier_slug)
    return render_template("shop/fair_qr.html", stand=stand, fair=stand.fair, supplier=stand.supplier,
                           stand_url=_scan_url(stand))


@bp.get("/fairs/<slug>/qr-sheet")
def fair_qr_sheet(slug: str):
    """Every stand's QR code with its name and number, eight to an A4 page, in French and Arabic."""
    found = exhibition.fair_by_slug(slug)
    stands = exhibition.fair_stands(found)
    pages = [stands[i:i + QR_PER_PAGE] for i in range(0, len(stands), QR_PER_PAGE)]
    return render_template("shop/fair_qr_sheet.html", fair=found, pages=pages)


def _scan_url(stand) -> str:
    """What a stand's QR code holds: the short, counted address (from SITE_URL in production)."""
    return url_for("shop.fair_scan", fair_slug=stand.fair.slug, supplier_slug=stand.supplier.slug, _external=True)


@bp.get("/groups")
@cached_page
def groups():
    """Groupements solidaires."""
    return render_template("shop/groups.html", groups=exhibition.groups())


@bp.get("/groups/<slug>")
@cached_page
def group(slug: str):
    """A group's storefront: members, funders and their products."""
    found = exhibition.group_by_slug(slug)
    results, cards = _catalogue_page(group=found.slug)
    return render_template("shop/group.html", group=found, members=exhibition.group_members(found),
                           results=results, cards=cards)


@bp.get("/pickup-points")
@cached_page
def pickup_points():
    """Solidarity spaces and proximity shops, by city."""
    points = exhibition.pickup_points()
    by_city: dict[str, list] = {}
    for point in points:
        by_city.setdefault(point.city, []).append(point)
    return render_template("shop/pickup_points.html", by_city=by_city)


@bp.post("/language")
def set_language():
    """Remember the visitor's language (cookie, and the account when logged in) and show the page in it."""
    lang = request.form.get("lang", "")
    if lang not in current_app.config["LANGUAGES"]:
        lang = current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user.is_authenticated:
        current_user.locale = lang
        commit()
    response = redirect(languages.path_in(lang, safe_next(request.form.get("next"), default="/")))
    return languages.remember_language(response, lang)


def _catalogue_page(**filters):
    """One page of the catalogue narrowed by `filters` (a stand, a group), with its cards rendered."""
    results = browse.catalogue(catalog.CatalogueQuery(page=catalog.parse_page(request.args), **filters), locale())
    return results, render_cards(results.cards, locale())
