"""A listing's gallery through the portal: upload, reorder, cover, delete."""
from __future__ import annotations

import pytest

from app.catalog.gallery import add_product_photo
from app.catalog.models import ListingStatus, Product
from app.extensions import db
from tests.factories import make_image, photo_bytes
from tests.helpers import log_in_stand_with_draft, upload_photos

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def me(app, client):
    """A logged-in verified beneficiary with a draft listing."""
    return log_in_stand_with_draft(app, client)


def gallery(app, product_id):
    """(photo id, image id) in gallery order."""
    with app.app_context():
        return [(p.id, p.image_id) for p in db.session.get(Product, product_id).images]


def with_photos(app, product_id, n):
    with app.app_context():
        product = db.session.get(Product, product_id)
        for _ in range(n):
            add_product_photo(product, make_image(160, 120))
        db.session.commit()
    return gallery(app, product_id)


def test_two_photos_uploaded_in_one_form_without_javascript(app, client, me):
    response = upload_photos(client, me.product_id, (photo_bytes(seed=1), "a.jpg"), (photo_bytes(seed=2), "b.png"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/supplier/products/{me.product_id}/photos")
    assert len(gallery(app, me.product_id)) == 2
    page = client.get(response.headers["Location"]).text
    assert "Photos added." in page
    assert page.count('class="gallery-item"') == 2
    assert "Cover" in page


def test_the_upload_script_gets_json_with_the_photos_state(app, client, me):
    response = upload_photos(client, me.product_id, (photo_bytes(seed=3), "IMG_1.HEIC"), as_json=True)
    assert response.status_code == 201
    body = response.get_json()
    assert body["count"] == 1
    assert body["photos"][0]["state"] == "ready"
    status = client.get(body["photos"][0]["status_url"])
    assert status.get_json()["photo"]["state"] == "ready"


def test_the_upload_field_offers_camera_and_gallery(client, me):
    page = client.get(f"/supplier/products/{me.product_id}/photos").text
    assert 'type="file" name="photo" accept="image/*,.heic,.heif" multiple' in page
    assert "capture=" not in page  # capture would hide the gallery on some phones
    assert 'enctype="multipart/form-data"' in page


def test_an_empty_upload_asks_for_a_photo(client, me):
    response = client.post(f"/supplier/products/{me.product_id}/photos", data={},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose a photo first." in response.text


def test_photos_move_up_and_down(app, client, me):
    (a, _), (b, _), (c, _) = with_photos(app, me.product_id, 3)
    moved = client.post(f"/supplier/products/{me.product_id}/photos/{c}/move", data={"direction": "up"})
    assert moved.status_code == 302
    assert [p for p, _ in gallery(app, me.product_id)] == [a, c, b]
    client.post(f"/supplier/products/{me.product_id}/photos/{a}/move", data={"direction": "down"})
    assert [p for p, _ in gallery(app, me.product_id)] == [c, a, b]
    client.post(f"/supplier/products/{me.product_id}/photos/{c}/move", data={"direction": "up"})  # already first
    assert [p for p, _ in gallery(app, me.product_id)] == [c, a, b]


def test_any_photo_can_become_the_cover(app, client, me):
    (a, _), (b, _), (c, _) = with_photos(app, me.product_id, 3)
    assert client.post(f"/supplier/products/{me.product_id}/photos/{c}/cover").status_code == 302
    assert [p for p, _ in gallery(app, me.product_id)] == [c, a, b]


def test_a_photo_can_be_deleted(app, client, me):
    (a, _), (b, _) = with_photos(app, me.product_id, 2)
    assert client.post(f"/supplier/products/{me.product_id}/photos/{a}/delete").status_code == 302
    assert [p for p, _ in gallery(app, me.product_id)] == [b]


def test_a_new_photo_sends_a_published_listing_back_to_review(app, client, me):
    with app.app_context():
        db.session.get(Product, me.product_id).status = ListingStatus.PUBLISHED
        db.session.commit()
    response = upload_photos(client, me.product_id, (photo_bytes(seed=4), "c.jpg"))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Product, me.product_id).status == ListingStatus.PENDING
    assert "hidden until a moderator checks" in client.get(response.headers["Location"]).text


def test_a_full_gallery_hides_the_upload_form(app, client, me):
    with_photos(app, me.product_id, 8)
    page = client.get(f"/supplier/products/{me.product_id}/photos").text
    assert 'name="photo"' not in page
    assert "maximum of 8 photos" in page


def test_gallery_actions_refuse_get(app, client, me):
    ((a, _),) = with_photos(app, me.product_id, 1)
    for action in ("move", "cover", "delete"):
        assert client.get(f"/supplier/products/{me.product_id}/photos/{a}/{action}").status_code == 405


def test_gallery_actions_need_the_csrf_token(app, app_config, me):
    from app import create_app
    from tests.helpers import login_as as log_in

    ((a, _),) = with_photos(app, me.product_id, 1)
    strict = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    client = strict.test_client()
    with strict.app_context():
        from app.suppliers.models import Supplier

        log_in(client, db.session.get(Supplier, me.supplier_id).user)
    assert client.post(f"/supplier/products/{me.product_id}/photos/{a}/delete").status_code == 400
    assert upload_photos(client, me.product_id, (photo_bytes(seed=5), "x.jpg")).status_code == 400
    assert client.post(f"/supplier/products/{me.product_id}/submit").status_code == 400
    assert [p for p, _ in gallery(app, me.product_id)] == [a]


def test_a_photo_still_processing_shows_as_such_and_reports_its_state(app, client, me):
    from app.catalog.models import ProductImage
    from app.media.models import Image, ImageState

    with app.app_context():
        image = Image(content_hash="f" * 64, state=ImageState.PROCESSING, width=4000, height=3000)
        db.session.add(image)
        db.session.flush()
        photo = ProductImage(product_id=me.product_id, image_id=image.id, position=0)
        db.session.add(photo)
        db.session.commit()
        photo_id = photo.id
    page = client.get(f"/supplier/products/{me.product_id}/photos").text
    assert "Processing…" in page
    assert f'data-processing="/supplier/products/{me.product_id}/photos/{photo_id}/status"' in page
    status = client.get(f"/supplier/products/{me.product_id}/photos/{photo_id}/status")
    assert status.get_json()["photo"]["state"] == "processing"
