"""Listings as their supplier writes them: create, edit, submit for review, archive.

Status moves go through app.catalog.lifecycle.transition, which owns the allowed moves;
this module only decides *when* a supplier's action calls for one.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import nh3
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record
from app.catalog.lifecycle import IllegalTransition, transition
from app.catalog.models import Category, ListingStatus, Product, ProductTranslation
from app.errors import Forbidden, Invalid
from app.extensions import db
from app.slugs import slugify
from app.suppliers.models import Supplier, VerificationState

MAX_PRICE_CENTIMES = 1_000_000 * 100  # 1 million MAD: beyond that it is a typing slip
MAX_STOCK = 100_000
TRANSLATION_LOCALES = ("ar", "en")
# The small markup subset a beneficiary may use; everything else is stripped by nh3.
DESCRIPTION_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li"})


class SupplierNotVerified(Forbidden):
    """Only verified beneficiaries put listings in front of moderators (and shoppers)."""


class InvalidListing(Invalid):
    """A value a listing cannot hold (price, stock, category, title)."""


@dataclass(frozen=True)
class Translation:
    title: str = ""
    description: str = ""


@dataclass(frozen=True)
class ListingData:
    """A listing as typed in the portal; price already in centimes, description not yet sanitised."""

    title: str
    description: str
    category_id: int
    price_centimes: int
    stock: int
    translations: dict[str, Translation] = field(default_factory=dict)


# -- text helpers ---------------------------------------------------------------------------

def sanitize_description(text: str) -> str:
    """Plain text or the small markup subset in, safe HTML out.

    Plain text is escaped and its blank lines become paragraphs (single newlines <br>), so a
    beneficiary typing on a phone gets the layout they typed without knowing any HTML.
    """
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    if not nh3.is_html(text):
        text = html.escape(text, quote=False)
    if not re.search(r"<\s*(p|ul|ol|li)\b", text, re.IGNORECASE):
        paragraphs = re.split(r"\n\s*\n", text)
        text = "".join(f"<p>{p.strip().replace(chr(10), '<br>')}</p>" for p in paragraphs if p.strip())
    return nh3.clean(text, tags=set(DESCRIPTION_TAGS), attributes={}, strip_comments=True)


def description_for_editing(stored: str) -> str:
    """Give back the plain text a stored description came from, if it has only p and br."""
    tags = {t.lower() for t in re.findall(r"</?\s*([a-zA-Z0-9]+)[^>]*>", stored or "")}
    if not tags <= {"p", "br"}:
        return stored
    text = re.sub(r"</p>\s*<p>", "\n\n", stored)
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = re.sub(r"</?p>", "", text)
    return html.unescape(text).strip()


# -- create and edit ------------------------------------------------------------------------

def create_listing(supplier_id: int, data: ListingData, actor_id: int | None = None) -> Product:
    """A new draft listing of the supplier."""
    _validate(data)
    product = Product(supplier_id=supplier_id, status=ListingStatus.DRAFT)
    _apply(product, data)
    db.session.add(product)
    db.session.flush()
    record("listing.created", "product", product.id, actor_id)
    return product


def update_listing(product: Product, data: ListingData, actor_id: int | None = None) -> bool:
    """Save the supplier's edit; True when a published listing went back to review.

    What shoppers read or pay (title, description, category, price, translations) is checked
    again by a moderator; stock is the supplier's daily business and never is.
    """
    _validate(data)
    before = _material(product)
    _apply(product, data)
    db.session.flush()
    material = _material(product) != before
    record("listing.updated", "product", product.id, actor_id, material=material)
    if material and product.status == ListingStatus.PUBLISHED:
        transition(product, ListingStatus.PENDING, actor_id=actor_id)
        return True
    return False


def photos_changed(product: Product, actor_id: int | None = None) -> bool:
    """A photo was added, moved, made cover or deleted; a published listing goes back to review."""
    db.session.flush()
    if product.status == ListingStatus.PUBLISHED:
        transition(product, ListingStatus.PENDING, actor_id=actor_id)
        return True
    return False


def _validate(data: ListingData) -> None:
    if not data.title.strip():
        raise InvalidListing(_l("Please give a title."))
    if not 0 < data.price_centimes <= MAX_PRICE_CENTIMES:
        raise InvalidListing(_l("The price must be more than 0 and at most 1,000,000 MAD."))
    if not 0 <= data.stock <= MAX_STOCK:
        raise InvalidListing(_l("The stock must be a whole number between 0 and 100,000."))
    if db.session.get(Category, data.category_id) is None:
        raise InvalidListing(_l("Please choose a category."))


def _apply(product: Product, data: ListingData) -> None:
    product.title = data.title.strip()
    product.slug = slugify(product.title) or "product"
    product.description = sanitize_description(data.description)
    product.category_id = data.category_id
    product.price_centimes = data.price_centimes
    product.stock = data.stock
    _apply_translations(product, data.translations)


def _apply_translations(product: Product, translations: dict[str, Translation]) -> None:
    existing = {t.locale: t for t in product.translations}
    for locale in TRANSLATION_LOCALES:
        given = translations.get(locale) or Translation()
        title, description = given.title.strip(), sanitize_description(given.description)
        row = existing.get(locale)
        if not title:
            if row is not None:
                product.translations.remove(row)
            continue
        if row is None:
            product.translations.append(ProductTranslation(locale=locale, title=title, description=description))
        else:
            row.title, row.description = title, description


def _material(product: Product) -> tuple:
    """What a moderator approved; descriptions compared as the form gives them back, so a stored
    text from before sanitising (e.g. the demo seed) does not count as changed when untouched."""
    def text(stored: str) -> str:
        return sanitize_description(description_for_editing(stored))

    translations = sorted((t.locale, t.title, text(t.description)) for t in product.translations)
    return (product.title, text(product.description), product.category_id, product.price_centimes,
            tuple(translations))


# -- lifecycle moves the supplier makes ------------------------------------------------------

def submit_listing(product: Product, supplier: Supplier, actor_id: int | None = None) -> Product:
    """Send a listing to the moderators: only from a verified supplier, with at least one photo."""
    if supplier.verification_state.under_review:
        raise SupplierNotVerified(_l(
            "An administrator is checking your stand again: you can submit listings once it is cleared."))
    if supplier.verification_state != VerificationState.VERIFIED:
        raise SupplierNotVerified(_l(
            "Your stand is not verified yet: you can prepare drafts, and submit them once "
            "your microcredit is verified."))
    if not product.status.submittable:
        raise IllegalTransition(_l("This listing cannot be submitted in its current state."))
    if not product.images:
        raise InvalidListing(_l("Add at least one photo before submitting."))
    return transition(product, ListingStatus.PENDING, actor_id=actor_id)


def archive_listing(product: Product, actor_id: int | None = None) -> Product:
    """Hide a listing from the shop (and from review); it can be restored as a draft."""
    return transition(product, ListingStatus.ARCHIVED, actor_id=actor_id)


def restore_listing(product: Product, actor_id: int | None = None) -> Product:
    """Bring an archived listing back as a draft, to be submitted again."""
    return transition(product, ListingStatus.DRAFT, actor_id=actor_id)


def categories() -> list[Category]:
    """Categories a listing may be filed under, in the order staff chose."""
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.name)))
