"""What a supplier may see: their own listings and photos only; their stand's profile."""
from __future__ import annotations

import pytest

from app.catalog.gallery import add_product_photo
from app.catalog.models import ListingStatus
from app.errors import NotFound
from app.portal import queries
from app.suppliers import services
from app.suppliers.services import ProfileExists, StandProfile
from tests.factories import make_image, make_product, make_supplier, make_user


def test_a_supplier_gets_their_own_listing(app_ctx):
    supplier = make_supplier()
    product = make_product(supplier)
    assert queries.product_for_supplier(supplier.id, product.id) is product


def test_another_suppliers_listing_is_not_found(app_ctx):
    mine, theirs = make_supplier(), make_product()
    with pytest.raises(NotFound):
        queries.product_for_supplier(mine.id, theirs.id)


def test_another_suppliers_photo_is_not_found_even_through_my_product_id(app_ctx):
    mine = make_product()
    theirs = make_product()
    photo = add_product_photo(theirs, make_image())
    with pytest.raises(NotFound):
        queries.photo_for_supplier(mine.supplier_id, mine.id, photo.id)
    with pytest.raises(NotFound):
        queries.photo_for_supplier(mine.supplier_id, theirs.id, photo.id)
    assert queries.photo_for_supplier(theirs.supplier_id, theirs.id, photo.id) is photo


def test_listing_counts_cover_every_state(app_ctx):
    supplier = make_supplier()
    make_product(supplier, status=ListingStatus.DRAFT)
    make_product(supplier, status=ListingStatus.DRAFT)
    make_product(supplier, status=ListingStatus.PUBLISHED)
    make_product(status=ListingStatus.DRAFT)  # someone else's
    counts = queries.listing_counts(supplier.id)
    assert counts[ListingStatus.DRAFT] == 2
    assert counts[ListingStatus.PUBLISHED] == 1
    assert counts[ListingStatus.REJECTED] == 0


def test_stock_alerts_list_live_listings_with_two_or_fewer(app_ctx):
    supplier = make_supplier()
    low = make_product(supplier, stock=2, status=ListingStatus.PUBLISHED)
    out = make_product(supplier, stock=0, status=ListingStatus.PUBLISHED)
    make_product(supplier, stock=3, status=ListingStatus.PUBLISHED)
    make_product(supplier, stock=0, status=ListingStatus.ARCHIVED)
    make_product(stock=0, status=ListingStatus.PUBLISHED)  # someone else's
    assert queries.stock_alerts(supplier.id) == [out, low]


def test_opening_a_stand_gives_it_a_unique_slug(app_ctx):
    make_supplier(slug="atelier-safi")
    user = make_user()
    supplier = services.create_profile(user.id, StandProfile(display_name="Fatima", trade_name="Atelier Safi",
                                                             story_i18n={"ar": " قصتي ", "en": "", "de": "x"}))
    assert supplier.slug == "atelier-safi-2"
    assert supplier.story_i18n == {"ar": "قصتي"}
    assert supplier.verification_state.value == "unverified"


def test_a_beneficiary_opens_only_one_stand(app_ctx):
    user = make_user()
    services.create_profile(user.id, StandProfile(display_name="Fatima"))
    with pytest.raises(ProfileExists):
        services.create_profile(user.id, StandProfile(display_name="Fatima again"))


def test_an_arabic_only_name_gets_an_arabic_slug(app_ctx):
    supplier = services.create_profile(make_user().id, StandProfile(display_name="فاطمة"))
    assert supplier.slug == "فاطمة"
