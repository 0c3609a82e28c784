"""Listings as the supplier writes them: sanitised text, checked values, lifecycle moves."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.catalog import services
from app.catalog.gallery import add_product_photo
from app.catalog.lifecycle import IllegalTransition
from app.catalog.models import ListingStatus
from app.catalog.services import InvalidListing, ListingData, SupplierNotVerified, Translation
from app.extensions import db
from app.slugs import slugify
from tests.factories import make_category, make_image, make_product, make_supplier


def data(category, **kw) -> ListingData:
    values = {"title": "Tajine de Safi", "description": "Terre cuite.\n\nPeint à la main.",
              "category_id": category.id, "price_centimes": 25000, "stock": 3}
    values.update(kw)
    return ListingData(**values)


@pytest.fixture
def category(app_ctx):
    return make_category()


# -- sanitising ------------------------------------------------------------------------------

def test_plain_text_becomes_paragraphs_and_is_escaped():
    html = services.sanitize_description("Bonjour & bienvenue\nligne 2\n\n<3 merci")
    assert html == "<p>Bonjour &amp; bienvenue<br>ligne 2</p><p>&lt;3 merci</p>"


def test_markup_outside_the_small_subset_is_stripped():
    html = services.sanitize_description(
        '<p onclick="steal()">Hi <strong>there</strong><script>alert(1)</script>'
        '<img src=x onerror=alert(1)><a href="javascript:x">link</a></p><ul><li>one</li></ul>')
    assert html == "<p>Hi <strong>there</strong>link</p><ul><li>one</li></ul>"


def test_inline_markup_with_newlines_keeps_its_lines():
    assert services.sanitize_description("one\n<em>two</em>") == "<p>one<br><em>two</em></p>"


def test_a_plain_description_is_edited_as_the_plain_text_it_came_from():
    typed = "Huile d'argan & miel\npressée à froid\n\n250 ml"
    stored = services.sanitize_description(typed)
    assert services.description_for_editing(stored) == typed
    assert services.sanitize_description(services.description_for_editing(stored)) == stored


def test_a_description_with_lists_is_edited_as_markup():
    stored = services.sanitize_description("<ul><li>a</li></ul>")
    assert services.description_for_editing(stored) == stored


def test_slug_is_lower_case_and_dashed_without_accents():
    assert slugify("Tajine de Safi, rouge Éclat") == "tajine-de-safi-rouge-eclat"


def test_arabic_title_gives_a_readable_arabic_slug():
    assert slugify("طاجين آسفي") == "طاجين-آسفي"
    assert slugify("زَيْتُ أركان ـ ٢٥٠ مل") == "زيت-أركان-250-مل"  # vowels, tatweel and digits as typed


# -- create and edit -------------------------------------------------------------------------

def test_a_new_listing_is_a_sanitised_draft(category):
    supplier = make_supplier()
    product = services.create_listing(supplier.id, data(category, description="<b>x</b><script>y</script>"))
    assert product.status == ListingStatus.DRAFT
    assert product.supplier_id == supplier.id
    assert product.slug == "tajine-de-safi"
    assert product.description == "<p>x</p>"
    assert product.price_centimes == 25000


@pytest.mark.parametrize("bad", [
    {"price_centimes": 0}, {"price_centimes": -100}, {"price_centimes": 100_000_001},
    {"stock": -1}, {"stock": 100_001}, {"title": "   "}, {"category_id": 999_999},
])
def test_impossible_values_are_refused(category, bad):
    with pytest.raises(InvalidListing):
        services.create_listing(make_supplier().id, data(category, **bad))


def test_translations_are_created_changed_and_removed(category):
    product = services.create_listing(make_supplier().id, data(category, translations={
        "ar": Translation("طاجين آسفي", "فخار"), "en": Translation("Safi tajine", "Clay")}))
    assert {t.locale: t.title for t in product.translations} == {"ar": "طاجين آسفي", "en": "Safi tajine"}
    assert {t.locale: t.description for t in product.translations}["en"] == "<p>Clay</p>"

    services.update_listing(product, data(category, translations={"en": Translation("Red tajine", "")}))
    assert {t.locale: t.title for t in product.translations} == {"en": "Red tajine"}


@pytest.mark.parametrize("change", [
    {"title": "Nouveau titre"}, {"description": "Autre texte"}, {"price_centimes": 26000},
    {"translations": {"en": Translation("Tajine", "")}},
])
def test_a_material_edit_sends_a_published_listing_back_to_review(category, change):
    product = make_product(category=category, status=ListingStatus.PUBLISHED, title="Tajine de Safi",
                           description=services.sanitize_description("Terre cuite.\n\nPeint à la main."),
                           price_centimes=25000, stock=3)
    assert services.update_listing(product, data(category, **change)) is True
    assert product.status == ListingStatus.PENDING
    assert product.submitted_at is not None


def test_a_new_category_is_a_material_edit(category):
    product = make_product(category=category, status=ListingStatus.PUBLISHED, title="Tajine de Safi")
    other = make_category()
    services.update_listing(product, data(other, description=product.description,
                                          price_centimes=product.price_centimes))
    assert product.status == ListingStatus.PENDING


def test_a_stock_only_edit_keeps_a_published_listing_published(category):
    product = make_product(category=category, status=ListingStatus.PUBLISHED, title="Tajine de Safi",
                           description=services.sanitize_description("Terre cuite.\n\nPeint à la main."),
                           price_centimes=25000, stock=3)
    assert services.update_listing(product, data(category, stock=12)) is False
    assert product.status == ListingStatus.PUBLISHED
    assert product.stock == 12


def test_editing_a_draft_leaves_it_a_draft(category):
    product = services.create_listing(make_supplier().id, data(category))
    services.update_listing(product, data(category, title="Autre"))
    assert product.status == ListingStatus.DRAFT


def test_a_photo_change_sends_a_published_listing_back_to_review(category):
    product = make_product(category=category, status=ListingStatus.PUBLISHED)
    add_product_photo(product, make_image())
    assert services.photos_changed(product) is True
    assert product.status == ListingStatus.PENDING


# -- submit, archive, restore ----------------------------------------------------------------

def with_photo(product):
    add_product_photo(product, make_image())
    return product


def test_a_verified_supplier_submits_a_draft_for_review(category):
    supplier = make_supplier(verified=True)
    product = with_photo(make_product(supplier, category, status=ListingStatus.DRAFT))
    services.submit_listing(product, supplier, actor_id=supplier.user_id)
    assert product.status == ListingStatus.PENDING
    assert product.submitted_at is not None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "listing.pending"))
    assert entry.object_id == product.id and entry.actor_id == supplier.user_id


def test_an_unverified_supplier_cannot_submit(category, app_ctx):
    supplier = make_supplier(verified=False)
    product = with_photo(make_product(supplier, category, status=ListingStatus.DRAFT))
    with pytest.raises(SupplierNotVerified) as refused:
        services.submit_listing(product, supplier)
    assert refused.value.status == 403
    with app_ctx.test_request_context():  # the message is translated lazily
        assert "verified" in str(refused.value.message)
    assert product.status == ListingStatus.DRAFT


def test_a_listing_without_photo_cannot_be_submitted(category):
    supplier = make_supplier()
    product = make_product(supplier, category, status=ListingStatus.DRAFT)
    with pytest.raises(InvalidListing):
        services.submit_listing(product, supplier)


@pytest.mark.parametrize("status", [ListingStatus.REJECTED, ListingStatus.CHANGES_REQUESTED])
def test_a_refused_listing_can_be_submitted_again(category, status):
    supplier = make_supplier()
    product = with_photo(make_product(supplier, category, status=status, moderation_reason="Blurry photo"))
    services.submit_listing(product, supplier)
    assert product.status == ListingStatus.PENDING


@pytest.mark.parametrize("status", [ListingStatus.PENDING, ListingStatus.PUBLISHED, ListingStatus.ARCHIVED])
def test_only_drafts_and_refused_listings_can_be_submitted(category, status):
    supplier = make_supplier()
    product = with_photo(make_product(supplier, category, status=status))
    with pytest.raises(IllegalTransition):
        services.submit_listing(product, supplier)
    assert product.status == status


def test_archive_hides_and_restore_brings_back_a_draft(category):
    product = make_product(category=category, status=ListingStatus.PUBLISHED)
    services.archive_listing(product)
    assert product.status == ListingStatus.ARCHIVED
    services.restore_listing(product)
    assert product.status == ListingStatus.DRAFT


def test_an_archived_listing_cannot_be_archived_twice(category):
    product = make_product(category=category, status=ListingStatus.ARCHIVED)
    with pytest.raises(IllegalTransition):
        services.archive_listing(product)


@pytest.mark.parametrize("state", ["pending", "flagged", "suspended"])
def test_a_supplier_under_review_cannot_submit_either(category, state):
    from app.suppliers.models import VerificationState

    supplier = make_supplier(verified=False)
    supplier.verification_state = VerificationState(state)
    product = with_photo(make_product(supplier, category, status=ListingStatus.DRAFT))
    with pytest.raises(SupplierNotVerified):
        services.submit_listing(product, supplier)
    assert product.status == ListingStatus.DRAFT
