"""Hostile uploads through HTTP: each is refused with the right status and a clear message,
and leaves nothing stored (no Image row, no file). The pipeline itself is tested in
tests/services/test_media_*.py; this checks the portal's side of it."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image as PILImage
from sqlalchemy import func, select

from app.catalog.gallery import add_product_photo
from app.catalog.models import ListingStatus, Product, ProductImage
from app.extensions import db
from app.media.models import Image
from tests.factories import make_image, make_product, photo_bytes
from tests.helpers import log_in_stand_with_draft, upload_photos

NOT_A_PHOTO = "This file is not a photo we can accept (JPEG, PNG, WebP or HEIC)."


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def me(app, client):
    return log_in_stand_with_draft(app, client)


def stored_files(app) -> set[Path]:
    roots = (app.config["MEDIA_ROOT"], app.config["PRIVATE_ROOT"])
    return {p for root in roots if Path(root).exists() for p in Path(root).rglob("*") if p.is_file()}


def counts(app) -> tuple[int, int]:
    with app.app_context():
        return (db.session.scalar(select(func.count()).select_from(Image)),
                db.session.scalar(select(func.count()).select_from(ProductImage)))


def encoded(fmt: str, **save) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(buffer, fmt, **save)
    return buffer.getvalue()


HOSTILE = {
    "html named .jpg": (b"<!doctype html><html><script>alert(document.cookie)</script></html>", "photo.jpg"),
    "svg with script": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg"),
    "gif": (encoded("GIF"), "anim.gif"),
    "tiff": (encoded("TIFF"), "scan.tiff"),
    "bmp": (encoded("BMP"), "old.bmp"),
    "truncated jpeg": (photo_bytes(seed=7)[:600], "cut.jpg"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_what_is_not_a_photo_is_refused_and_nothing_is_stored(app, client, me, name):
    before = stored_files(app)
    response = upload_photos(client, me.product_id, HOSTILE[name])
    assert response.status_code == 415
    assert NOT_A_PHOTO in response.text
    assert 'class="upload-form"' in response.text  # the page, with the form to try again
    assert counts(app) == (0, 0)
    assert stored_files(app) == before


def test_the_upload_script_reads_the_refusal_as_json(app, client, me):
    response = upload_photos(client, me.product_id, HOSTILE["html named .jpg"], as_json=True)
    assert response.status_code == 415
    assert response.get_json() == {"error": {"status": 415, "message": NOT_A_PHOTO}}


def test_a_file_over_the_byte_limit_is_refused_with_413(app, client, me):
    before = stored_files(app)
    too_big = b"\xff\xd8\xff\xe0" + os.urandom(app.config["IMAGE_MAX_BYTES"])
    response = upload_photos(client, me.product_id, (too_big, "huge.jpg"), as_json=True)
    assert response.status_code == 413
    assert "too large" in response.get_json()["error"]["message"]
    assert counts(app) == (0, 0)
    assert stored_files(app) == before


def test_a_request_over_the_request_limit_is_refused_with_413(app, client, me):
    too_big = os.urandom(app.config["MAX_CONTENT_LENGTH"] + 1024)
    response = upload_photos(client, me.product_id, (too_big, "huge.jpg"))
    assert response.status_code == 413
    assert "too large" in response.text
    assert counts(app) == (0, 0)


def test_a_ninth_photo_is_refused_with_422_and_not_stored(app, client, me):
    with app.app_context():
        product = db.session.get(Product, me.product_id)
        for _ in range(8):
            add_product_photo(product, make_image(160, 120))
        db.session.commit()
    before, rows = stored_files(app), counts(app)
    response = upload_photos(client, me.product_id, (photo_bytes(seed=99), "ninth.jpg"))
    assert response.status_code == 422
    assert "At most 8 photos per product." in response.text
    assert counts(app) == rows
    assert stored_files(app) == before
    json_response = upload_photos(client, me.product_id, (photo_bytes(seed=99), "ninth.jpg"), as_json=True)
    assert json_response.status_code == 422


def test_a_hostile_filename_is_ignored(app, client, me, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    response = upload_photos(client, me.product_id, (photo_bytes(seed=11), "../../../../tmp/evil\x00.php.jpg"))
    assert response.status_code == 302
    with app.app_context():
        image = db.session.get(Product, me.product_id).images[0].image
        paths = [image.original_path, *(r["path"] for r in image.renditions)]
        assert all(image.content_hash in p and ".." not in p and "evil" not in p for p in paths)
    assert not any("evil" in p.name for p in stored_files(app))
    assert not list(tmp_path.rglob("*evil*"))
    assert not Path("/tmp/evil").exists() and not Path("/tmp/evil.php.jpg").exists()


def test_an_upload_to_another_suppliers_listing_is_not_found_and_stores_nothing(app, client, me):
    with app.app_context():
        theirs = make_product(status=ListingStatus.DRAFT).id
        db.session.commit()
    before = stored_files(app)
    response = upload_photos(client, theirs, (photo_bytes(seed=12), "a.jpg"))
    assert response.status_code == 404
    assert counts(app) == (0, 0)
    assert stored_files(app) == before


def test_choosing_more_photos_than_places_left_stores_none_of_them(app, client, me):
    with app.app_context():
        product = db.session.get(Product, me.product_id)
        for _ in range(7):
            add_product_photo(product, make_image(160, 120))
        db.session.commit()
    before, rows = stored_files(app), counts(app)
    response = upload_photos(client, me.product_id, (photo_bytes(seed=70), "a.jpg"), (photo_bytes(seed=71), "b.jpg"))
    assert response.status_code == 422
    assert counts(app) == rows
    assert stored_files(app) == before


def served_renditions(app, client, product_id):
    """Every rendition of the listing's photos, as the shop serves it."""
    with app.app_context():
        paths = [r["path"] for p in db.session.get(Product, product_id).images for r in p.image.renditions]
        original = db.session.get(Product, product_id).images[0].image.original_path
    return [client.get(f"/media/{path}") for path in paths], original


def test_a_jpeg_html_polyglot_is_served_only_as_a_clean_re_encoding(app, client, me):
    polyglot = photo_bytes(seed=21) + b"<html><script>alert(document.cookie)</script></html>"
    assert upload_photos(client, me.product_id, (polyglot, "polyglot.jpg")).status_code == 302
    responses, original = served_renditions(app, client, me.product_id)
    assert responses
    for response in responses:
        assert response.status_code == 200
        assert response.mimetype in ("image/avif", "image/webp", "image/jpeg")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert b"<script" not in response.data and b"<html" not in response.data
    assert client.get(f"/media/{original}").status_code == 404  # the original is never served
    assert client.get(f"/media/../private/{original}").status_code == 404


def test_a_photo_with_gps_is_served_without_any_exif(app, client, me):
    exif = PILImage.Exif()
    exif[0x8825] = {1: "N", 2: (33.0, 35.0, 0.0), 3: "W", 4: (7.0, 36.0, 0.0)}  # GPS: Casablanca
    exif[0x010F] = "PhoneMaker"
    with_gps = photo_bytes(seed=22, exif=exif.tobytes())
    assert PILImage.open(io.BytesIO(with_gps)).getexif().get_ifd(0x8825)  # the upload does carry GPS
    assert upload_photos(client, me.product_id, (with_gps, "IMG_GPS.jpg")).status_code == 302
    responses, _ = served_renditions(app, client, me.product_id)
    for response in responses:
        served = PILImage.open(io.BytesIO(response.data))
        assert not served.getexif()
        assert "exif" not in served.info
