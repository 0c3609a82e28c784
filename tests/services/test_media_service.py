"""add_image: verify, store privately, render publicly, deduplicate; galleries of at most 8."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.catalog import gallery as galleries
from app.catalog.models import ProductImage
from app.extensions import db
from app.media import services
from app.media.errors import InvalidImage, TooManyPhotos
from app.media.models import Image, ImageState
from tests.factories import make_product, photo_bytes


def files_under(root: str) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()] if Path(root).exists() else []


def test_a_photo_is_stored_privately_and_rendered_publicly(app_ctx):
    image = services.add_image(photo_bytes(1600, 1200), "IMG_0001.jpg")

    assert image.state == ImageState.READY
    assert (image.width, image.height) == (1600, 1200)
    assert image.placeholder.startswith("#") and len(image.placeholder) == 7
    widths = sorted({r["width"] for r in image.renditions if r["kind"] == "w"})
    assert widths == [240, 320, 480, 640, 960, 1280]
    assert {r["format"] for r in image.renditions} == {"avif", "webp", "jpeg"}
    thumbs = [r for r in image.renditions if r["kind"] == "thumb"]
    assert {(r["width"], r["height"]) for r in thumbs} == {(240, 240)}
    for rendition in image.renditions:
        path = Path(app_ctx.config["MEDIA_ROOT"]) / rendition["path"]
        assert path.stat().st_size == rendition["bytes"]
        assert rendition["path"].split("/")[-1].startswith(image.content_hash)
    original = Path(app_ctx.config["PRIVATE_ROOT"]) / image.original_path
    assert original.read_bytes() == photo_bytes(1600, 1200)
    assert not any(p.name.endswith(".jpg") and "-" not in p.name for p in files_under(app_ctx.config["MEDIA_ROOT"]))


def test_the_same_photo_twice_is_stored_once(app_ctx):
    first = services.add_image(photo_bytes(800, 600), "a.jpg")
    media_files = sorted(files_under(app_ctx.config["MEDIA_ROOT"]))

    second = services.add_image(photo_bytes(800, 600), "b.jpg")

    assert second.id == first.id
    assert db.session.scalar(select(func.count()).select_from(Image)) == 1
    assert sorted(files_under(app_ctx.config["MEDIA_ROOT"])) == media_files


def test_a_small_photo_is_never_upscaled(app_ctx):
    image = services.add_image(photo_bytes(500, 400))

    widths = sorted({r["width"] for r in image.renditions if r["kind"] == "w"})
    assert widths == [240, 320, 500]


def test_a_stream_is_accepted_as_well_as_bytes(app_ctx):
    image = services.add_image(io.BytesIO(photo_bytes(700, 500)), "x.jpg")

    assert image.state == ImageState.READY


def test_a_gallery_holds_at_most_eight_photos_and_the_ninth_stores_nothing(app_ctx):
    product = make_product()
    for n in range(8):
        galleries.upload_product_photo(product.id, photo_bytes(400, 300, seed=n))
    images_before = db.session.scalar(select(func.count()).select_from(Image))
    files_before = len(files_under(app_ctx.config["MEDIA_ROOT"])) + len(files_under(app_ctx.config["PRIVATE_ROOT"]))

    with pytest.raises(TooManyPhotos) as refused:
        galleries.upload_product_photo(product.id, photo_bytes(400, 300, seed=99))

    assert refused.value.status == 422
    assert db.session.scalar(select(func.count()).select_from(Image)) == images_before
    files_after = len(files_under(app_ctx.config["MEDIA_ROOT"])) + len(files_under(app_ctx.config["PRIVATE_ROOT"]))
    assert files_after == files_before


def test_another_suppliers_product_is_not_found(app_ctx):
    product = make_product()
    other = make_product()

    with pytest.raises(Exception) as refused:
        galleries.upload_product_photo(product.id, photo_bytes(400, 300), supplier_id=other.supplier_id)

    assert refused.value.status == 404
    assert db.session.scalar(select(func.count()).select_from(ProductImage)) == 0
    assert db.session.scalar(select(func.count()).select_from(Image)) == 0


def test_cover_move_and_remove_keep_positions_dense(app_ctx):
    product = make_product()
    a, b, c = (galleries.upload_product_photo(product.id, photo_bytes(400, 300, seed=n)) for n in range(3))

    galleries.set_product_cover(product, c)
    assert [p.id for p in galleries.product_images(product.id)] == [c.id, a.id, b.id]
    galleries.move_product_photo(product, a, +1)
    assert [p.id for p in galleries.product_images(product.id)] == [c.id, b.id, a.id]
    galleries.move_product_photo(product, c, -1)
    assert [p.id for p in galleries.product_images(product.id)] == [c.id, b.id, a.id]
    galleries.remove_product_photo(product, b)
    gallery = galleries.product_images(product.id)
    assert [(p.id, p.position) for p in gallery] == [(c.id, 0), (a.id, 1)]
    assert db.session.get(Image, b.image_id) is not None


def test_reorder_must_name_exactly_the_gallery(app_ctx):
    product = make_product()
    a, b = (galleries.upload_product_photo(product.id, photo_bytes(400, 300, seed=n)) for n in range(2))

    galleries.reorder_product_photos(product, [b.id, a.id])
    assert [p.id for p in galleries.product_images(product.id)] == [b.id, a.id]
    with pytest.raises(Exception) as refused:
        galleries.reorder_product_photos(product, [b.id])
    assert refused.value.status == 404


def test_the_same_photo_added_twice_to_a_gallery_is_kept_once(app_ctx):
    product = make_product()
    first = galleries.upload_product_photo(product.id, photo_bytes(400, 300))
    again = galleries.upload_product_photo(product.id, photo_bytes(400, 300))

    assert again.id == first.id
    assert len(galleries.product_images(product.id)) == 1


def test_a_refused_upload_raises_the_clear_message(app_ctx):
    with pytest.raises(InvalidImage) as refused:
        services.add_image(b"<html><script>alert(1)</script></html>", "photo.jpg")

    assert refused.value.status == 415
    with app_ctx.test_request_context(headers={"Accept-Language": "en"}):
        assert "JPEG, PNG, WebP or HEIC" in str(refused.value.message)


def test_jpeg_with_png_extension_is_judged_by_its_content(app_ctx):
    image = services.add_image(photo_bytes(400, 300), "../../etc/passwd\x00.png")

    assert image.original_path.endswith(".jpg")
    assert ".." not in image.original_path and "passwd" not in image.original_path


def test_a_rolled_back_upload_leaves_no_file_behind(app_ctx):
    before = set(files_under(app_ctx.config["MEDIA_ROOT"])) | set(files_under(app_ctx.config["PRIVATE_ROOT"]))
    product = make_product()
    galleries.upload_product_photo(product.id, photo_bytes(600, 400, seed=41))
    with pytest.raises(InvalidImage):
        galleries.upload_product_photo(product.id, b"GIF89a not really", "second.jpg")

    db.session.rollback()  # what the edge does when any step of the request is refused,
    services.finish_uploads()  # then the step that follows every transaction

    after = set(files_under(app_ctx.config["MEDIA_ROOT"])) | set(files_under(app_ctx.config["PRIVATE_ROOT"]))
    assert after == before


def test_a_committed_upload_keeps_its_files_when_a_later_transaction_rolls_back(app_ctx):
    image = services.add_image(photo_bytes(600, 400, seed=42))
    db.session.commit()
    services.finish_uploads()
    paths = [Path(app_ctx.config["MEDIA_ROOT"]) / r["path"] for r in image.renditions]

    again = services.add_image(photo_bytes(600, 400, seed=42))
    db.session.rollback()
    services.finish_uploads()

    assert again.id == image.id
    assert all(path.is_file() for path in paths)
    assert (Path(app_ctx.config["PRIVATE_ROOT"]) / image.original_path).is_file()


def test_sending_a_photo_again_after_its_rendering_failed_retries_it(app_ctx):
    image = services.add_image(photo_bytes(600, 400, seed=43))
    image.state = ImageState.FAILED
    (Path(app_ctx.config["PRIVATE_ROOT"]) / image.original_path).unlink()
    db.session.commit()

    again = services.add_image(photo_bytes(600, 400, seed=43))

    assert again.id == image.id
    assert again.state == ImageState.READY
    assert (Path(app_ctx.config["PRIVATE_ROOT"]) / again.original_path).is_file()


def test_files_of_an_upload_committed_without_the_step_survive_a_later_rollback(app_ctx):
    image = services.add_image(photo_bytes(600, 400, seed=44))
    db.session.commit()  # a commit that forgot finish_uploads: the step still judges by the committed row
    paths = [Path(app_ctx.config["MEDIA_ROOT"]) / r["path"] for r in image.renditions]

    db.session.rollback()
    services.finish_uploads()

    assert paths and all(path.is_file() for path in paths)
    assert not services.uploads_pending()
