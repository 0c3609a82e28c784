"""/media serves renditions only: cached for good, typed, never an original, never outside MEDIA_ROOT."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import render_template_string

from app.extensions import db
from app.media.models import Image, ImageState
from tests.factories import make_image


@pytest.fixture
def image(app):
    with app.app_context():
        made = make_image(1000, 750)
        db.session.commit()
        return {"renditions": made.renditions, "original": made.original_path, "id": made.id}


def test_a_rendition_is_served_with_immutable_caching_and_its_type(client, image):
    for rendition in image["renditions"]:
        response = client.get(f"/media/{rendition['path']}")

        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        expected = f"image/{rendition['format']}"
        assert response.headers["Content-Type"] == expected
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert len(response.data) == rendition["bytes"]


def test_a_missing_rendition_is_not_found(client, image):
    assert client.get("/media/ab/cd/" + "0" * 64 + "-640.webp").status_code == 404


@pytest.mark.parametrize("attack", [
    "../config.py",
    "..%2fconfig.py",
    "%2e%2e/%2e%2e/config.py",
    "%2e%2e%2f%2e%2e%2fwsgi.py",
    "ab/../../config.py",
    "/etc/passwd",
    "%2fetc%2fpasswd",
    "....//....//etc/passwd",
    "..\\..\\config.py",
])
def test_paths_leaving_the_media_root_are_refused(client, image, attack):
    response = client.get(f"/media/{attack}", follow_redirects=True)

    assert response.status_code in (400, 404)
    assert b"SECRET_KEY" not in response.data and b"root:" not in response.data


def test_originals_are_never_reachable(app, client, image):
    private_root = Path(app.config["PRIVATE_ROOT"])
    media_root = Path(app.config["MEDIA_ROOT"])
    original = image["original"]
    relative_from_media = Path("..") / private_root.name / original

    assert (private_root / original).is_file()
    attempts = (original, str(relative_from_media), str(private_root / original), original.replace(".jpg", ".webp"))
    for attempt in attempts:
        assert client.get(f"/media/{attempt}", follow_redirects=True).status_code == 404
    assert not any(p.name.startswith(Path(original).stem + ".") for p in media_root.rglob("*"))


def test_only_rendition_types_are_served_even_if_another_file_is_there(app, client, image):
    stray = Path(app.config["MEDIA_ROOT"]) / "note.html"
    stray.write_text("<script>alert(1)</script>")

    assert client.get("/media/note.html").status_code == 404


def render_picture(app, image, **kw):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        return render_template_string(
            '{% from "_macros/images.html" import picture %}{{ picture(image, **kw) }}', image=image, kw=kw
        )


def test_picture_offers_avif_then_webp_then_jpeg_with_dimensions_and_lazy_loading(app, image):
    with app.app_context():
        html = render_picture(app, db.session.get(Image, image["id"]), alt="Blue tajine", sizes="50vw")

    assert "<picture>" in html
    sources = re.findall(r'<source type="image/(\w+)" sizes="50vw" srcset="([^"]+)"', html)
    assert [fmt for fmt, _ in sources] == ["avif", "webp"]
    for fmt, srcset in sources:
        assert [part.split()[-1] for part in srcset.split(", ")] == ["240w", "320w", "480w", "640w", "1000w"]
        assert all(part.split()[0].endswith(f".{fmt}") for part in srcset.split(", "))
    img = re.search(r"<img [^>]+>", html).group(0)
    jpeg = re.search(r'srcset="([^"]+)"', img).group(1)
    assert re.fullmatch(r"/media/\S+-240-[0-9a-f]{10}\.jpg 240w, /media/\S+-320-[0-9a-f]{10}\.jpg 320w, "
                        r"/media/\S+-480-[0-9a-f]{10}\.jpg 480w, /media/\S+-640-[0-9a-f]{10}\.jpg 640w, "
                        r"/media/\S+-1000-[0-9a-f]{10}\.jpg 1000w", jpeg)
    assert re.search(r'src="/media/\S+-640-[0-9a-f]{10}\.jpg"', img.split("srcset=")[0])
    assert 'width="1000"' in img and 'height="750"' in img
    assert 'loading="lazy"' in img and 'decoding="async"' in img and 'alt="Blue tajine"' in img
    assert re.search(r'<rect [^>]*fill="#[0-9a-f]{6}"', html)
    assert "style=" not in html


def test_an_eager_picture_is_not_lazy_and_only_the_largest_is_fetched_first(app, image):
    with app.app_context():
        eager = render_picture(app, db.session.get(Image, image["id"]), eager=True)
        largest = render_picture(app, db.session.get(Image, image["id"]), lcp=True)
        lazy = render_picture(app, db.session.get(Image, image["id"]))

    assert 'loading="lazy"' not in eager and "fetchpriority" not in eager
    assert 'loading="lazy"' not in largest and 'fetchpriority="high"' in largest
    assert 'loading="lazy"' in lazy and "fetchpriority" not in lazy


def test_a_square_picture_offers_the_240_px_square_in_each_format(app, image):
    with app.app_context():
        html = render_picture(app, db.session.get(Image, image["id"]), sizes="4rem", square=True)

    sources = re.findall(r'<source type="image/(\w+)" sizes="4rem" srcset="(/media/\S+-thumb-[0-9a-f]{10}\.\w+) 240w"',
                         html)
    assert [fmt for fmt, _ in sources] == ["avif", "webp"]
    assert 'width="240" height="240"' in html


def test_a_photo_rendered_before_avif_still_offers_webp_and_jpeg(app, image):
    with app.app_context():
        photo = db.session.get(Image, image["id"])
        photo.renditions = [r for r in photo.renditions if r["format"] != "avif"]
        html = render_picture(app, photo, sizes="50vw")
        db.session.rollback()

    assert "image/avif" not in html and 'type="image/webp"' in html and ".jpg" in html


def test_a_photo_still_processing_shows_a_neutral_block(app):
    with app.app_context():
        pending = Image(content_hash="f" * 64, state=ImageState.PROCESSING)
        html = render_picture(app, pending, alt="Carpet")

    assert "Photo being processed" in html
    assert "<img" not in html and "style=" not in html


def test_a_failed_photo_shows_the_same_neutral_block(app):
    with app.app_context():
        html = render_picture(app, Image(content_hash="e" * 64, state=ImageState.FAILED))

    assert "Photo being processed" in html


def test_no_photo_gives_an_empty_frame(app):
    html = render_picture(app, None)

    assert 'class="media-frame' in html and "<img" not in html


@pytest.mark.parametrize("path", ["/media/ab/cd/" + "0" * 64 + "-640.webp", "/static/css/gone.css"])
def test_a_missing_file_is_a_plain_not_found_that_gives_no_session(app, app_config, path):
    from app import create_app

    browser = create_app({**app_config, "WTF_CSRF_ENABLED": True}).test_client()  # the layout's forms mint tokens
    response = browser.get(path, headers={"Accept": "image/avif,image/webp,*/*", "Accept-Language": "fr"})

    assert response.status_code == 404 and response.mimetype == "text/plain"
    assert "Set-Cookie" not in response.headers and "<html" not in response.text
    assert browser.get("/products/999999").status_code == 404  # control: a page's 404 is a page
    assert "<html" in browser.get("/products/999999").text
