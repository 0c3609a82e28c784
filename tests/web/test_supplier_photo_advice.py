"""Advice beside each photo in the portal, and the automatic correction a supplier can accept or undo."""
from __future__ import annotations

import pytest

from app.catalog.models import ProductImage
from app.extensions import db
from tests.factories import photo_bytes
from tests.helpers import log_in_stand_with_draft, upload_photos
from tests.media_advice_cases import cases

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(scope="module")
def dark_photo() -> bytes:
    return next(data for name, data, _ in cases() if name.startswith("dark"))


@pytest.fixture
def me(app, client):
    return log_in_stand_with_draft(app, client)


def the_photo(app, product_id: int) -> tuple[int, int, int | None]:
    with app.app_context():
        photo = db.session.query(ProductImage).filter_by(product_id=product_id).one()
        return photo.id, photo.image_id, photo.uncorrected_image_id


def photos_page(client, product_id: int) -> str:
    return client.get(f"/supplier/products/{product_id}/photos").get_data(as_text=True)


def test_a_dark_photo_gets_advice_and_an_offer_to_correct_it(app, client, me, dark_photo):
    upload_photos(client, me.product_id, (dark_photo, "IMG_dark.jpg"))
    page = photos_page(client, me.product_id)
    assert 'data-advice="dark"' in page
    assert "Too dark" in page
    assert "Improve automatically" in page


def test_a_good_photo_gets_neither_advice_nor_correction(app, client, me):
    upload_photos(client, me.product_id, (next(d for n, d, _ in cases() if n == "good-0"), "IMG_good.jpg"))
    page = photos_page(client, me.product_id)
    assert "data-advice" not in page
    assert "Improve automatically" not in page


def test_the_correction_replaces_the_photo_keeps_the_original_and_can_be_undone(app, client, me, dark_photo):
    upload_photos(client, me.product_id, (dark_photo, "IMG_dark.jpg"))
    photo_id, taken_id, _ = the_photo(app, me.product_id)
    base = f"/supplier/products/{me.product_id}/photos/{photo_id}"

    assert client.post(f"{base}/improve").status_code == 302
    _, shown_id, kept_id = the_photo(app, me.product_id)
    assert shown_id != taken_id and kept_id == taken_id
    page = photos_page(client, me.product_id)
    assert 'data-advice="dark"' not in page
    assert "Undo the correction" in page

    assert client.post(f"{base}/improve").status_code == 302  # twice is once
    assert the_photo(app, me.product_id) == (photo_id, shown_id, taken_id)

    assert client.post(f"{base}/undo-improve").status_code == 302
    assert the_photo(app, me.product_id) == (photo_id, taken_id, None)


def test_another_stand_cannot_correct_my_photo(app, client, me):
    upload_photos(client, me.product_id, (photo_bytes(seed=9), "IMG_9.jpg"))
    photo_id, image_id, _ = the_photo(app, me.product_id)
    log_in_stand_with_draft(app, client)
    answer = client.post(f"/supplier/products/{me.product_id}/photos/{photo_id}/improve")
    assert answer.status_code == 404
    assert the_photo(app, me.product_id) == (photo_id, image_id, None)
