"""`flask reprocess-images` re-renders every photo from its private original."""
from __future__ import annotations

from pathlib import Path

from app.extensions import db
from app.media.models import Image, ImageState
from tests.factories import make_image


def test_reprocess_images_rewrites_every_rendition_and_reports(app):
    with app.app_context():
        image = make_image(900, 600)
        old = {"width": 2000, "height": 1333, "format": "webp", "path": f"{image.content_hash[:2]}/old-2000.webp",
               "bytes": 1, "kind": "w"}
        image.renditions = [*image.renditions, old]
        stale = Path(app.config["MEDIA_ROOT"]) / image.renditions[-1]["path"]
        stale.parent.mkdir(parents=True, exist_ok=True)
        stale.write_bytes(b"x")
        first = Path(app.config["MEDIA_ROOT"]) / image.renditions[0]["path"]
        first.unlink()
        db.session.commit()
        image_id = image.id

    result = app.test_cli_runner().invoke(args=["reprocess-images"])

    assert result.exit_code == 0, result.output
    assert "1 photo(s) rendered, 0 failed." in result.output
    with app.app_context():
        again = db.session.get(Image, image_id)
        assert again.state == ImageState.READY
        assert max(r["width"] for r in again.renditions) == 900
    assert first.is_file()
    assert not stale.exists()


def test_reprocess_images_fills_the_avif_renditions_of_a_photo_rendered_before_avif(app):
    with app.app_context():
        image = make_image(900, 600)
        image.renditions = [r for r in image.renditions if r["format"] != "avif"]
        db.session.commit()
        image_id = image.id

    result = app.test_cli_runner().invoke(args=["reprocess-images"])

    assert result.exit_code == 0, result.output
    with app.app_context():
        avif = db.session.get(Image, image_id).widths("avif")
    assert [r["width"] for r in avif] == [240, 320, 480, 640, 900]
    assert all((Path(app.config["MEDIA_ROOT"]) / r["path"]).is_file() for r in avif)


def test_reprocess_images_marks_a_photo_whose_original_is_gone_as_failed(app):
    with app.app_context():
        image = make_image(500, 400)
        (Path(app.config["PRIVATE_ROOT"]) / image.original_path).unlink()
        db.session.commit()
        image_id = image.id

    result = app.test_cli_runner().invoke(args=["reprocess-images"])

    assert "0 photo(s) rendered, 1 failed." in result.output
    with app.app_context():
        assert db.session.get(Image, image_id).state == ImageState.FAILED


def test_the_worker_needs_redis(app):
    result = app.test_cli_runner().invoke(args=["worker", "--burst"])

    assert result.exit_code != 0
    assert "REDIS_URL is not set" in result.output


def test_rerendering_with_other_settings_gives_new_urls_and_removes_the_old_files(app, monkeypatch):
    with app.app_context():
        image = make_image(900, 600)
        db.session.commit()
        image_id, old_paths = image.id, {r["path"] for r in image.renditions}
    monkeypatch.setattr("app.media.encoding.QUALITY", 60)
    monkeypatch.setattr("app.media.encoding.AVIF_QUALITY", 30)
    monkeypatch.setattr("app.media.encoding.AVIF_QUALITY_SMALL", 30)

    app.test_cli_runner().invoke(args=["reprocess-images"])

    with app.app_context():
        new_paths = {r["path"] for r in db.session.get(Image, image_id).renditions}
    assert new_paths.isdisjoint(old_paths)  # a browser's year-long cache cannot serve the old ones
    media_root = Path(app.config["MEDIA_ROOT"])
    assert all((media_root / path).is_file() for path in new_paths)
    assert not any((media_root / path).exists() for path in old_paths)
