"""Hostile uploads: each is refused with a clear error and leaves nothing stored (no row, no file)."""
from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from PIL import Image as PILImage
from sqlalchemy import func, select

from app.extensions import db
from app.media import services
from app.media.errors import ImageTooLarge, InvalidImage
from app.media.models import Image
from tests.factories import photo_bytes


def stored_files(app) -> set[Path]:
    roots = (Path(app.config["MEDIA_ROOT"]), Path(app.config["PRIVATE_ROOT"]))
    return {p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def nothing_stored(app_ctx):
    """Asserts after the test that the refused upload left no row and no file behind."""
    before = stored_files(app_ctx)
    yield
    assert db.session.scalar(select(func.count()).select_from(Image)) == 0
    assert stored_files(app_ctx) == before


def refused(error_type, data: bytes, filename: str = "photo.jpg"):
    with pytest.raises(error_type) as caught:
        services.add_image(data, filename)
    return caught.value


def png_bomb(side: int = 10000) -> bytes:
    """100 megapixels of one colour: a few kilobytes compressed, hundreds of megabytes decoded."""
    buffer = io.BytesIO()
    PILImage.new("1", (side, side)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small real JPEG whose frame header is rewritten to claim another size."""
    data = bytearray(photo_bytes(64, 48))
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


def encoded(fmt: str, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, (64, 48), "red" if mode == "RGB" else 1).save(buffer, fmt)
    return buffer.getvalue()


def test_a_png_decompression_bomb_is_too_large(nothing_stored):
    bomb = png_bomb()
    assert len(bomb) < 100_000

    error = refused(ImageTooLarge, bomb, "cute.png")
    assert error.status == 413


def test_pillows_own_bomb_warning_is_an_error_even_with_a_generous_limit(app_ctx, nothing_stored):
    app_ctx.config["IMAGE_MAX_PIXELS"] = 10**10
    try:
        refused(ImageTooLarge, png_bomb(), "cute.png")
    finally:
        app_ctx.config["IMAGE_MAX_PIXELS"] = 50_000_000


def test_a_jpeg_claiming_30000_by_30000_is_refused_before_decoding(nothing_stored):
    refused(ImageTooLarge, jpeg_claiming(30000, 30000))


def test_a_truncated_jpeg_is_not_a_photo(nothing_stored):
    whole = photo_bytes(800, 600)

    error = refused(InvalidImage, whole[: len(whole) // 2])
    assert error.status == 415


def test_a_truncated_png_is_not_a_photo(nothing_stored):
    whole = photo_bytes(800, 600, fmt="PNG")

    refused(InvalidImage, whole[: len(whole) * 2 // 3], "photo.png")


def test_html_named_jpg_is_not_a_photo(nothing_stored):
    refused(InvalidImage, b"<!doctype html><html><script>fetch('/account').then(r => r.text())</script></html>")


def test_an_svg_with_a_script_is_not_a_photo(nothing_stored):
    svg = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="64" height="48">'
           b'<script>alert(document.cookie)</script><rect width="64" height="48" fill="red"/></svg>')
    refused(InvalidImage, svg, "logo.svg")


@pytest.mark.parametrize("fmt,mode", [("GIF", "RGB"), ("TIFF", "RGB"), ("BMP", "RGB"), ("ICO", "RGB"), ("PPM", "RGB")])
def test_other_image_formats_are_refused_even_named_jpg(nothing_stored, fmt, mode):
    refused(InvalidImage, encoded(fmt, mode), "photo.jpg")


def test_a_file_over_the_byte_limit_is_refused(app_ctx, nothing_stored):
    data = photo_bytes(800, 600)
    app_ctx.config["IMAGE_MAX_BYTES"] = len(data) - 1
    try:
        error = refused(ImageTooLarge, data)
    finally:
        app_ctx.config["IMAGE_MAX_BYTES"] = 12 * 1024 * 1024
    assert error.status == 413


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.delivered = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.delivered += len(chunk)
        return chunk


def test_an_oversized_stream_is_refused_without_reading_it_all(app_ctx, nothing_stored):
    stream = CountingStream(b"\xff\xd8" + b"\0" * 5_000_000)
    app_ctx.config["IMAGE_MAX_BYTES"] = 100_000
    try:
        refused(ImageTooLarge, stream)
    finally:
        app_ctx.config["IMAGE_MAX_BYTES"] = 12 * 1024 * 1024
    assert stream.delivered <= 100_001


def test_an_empty_file_is_not_a_photo(nothing_stored):
    refused(InvalidImage, b"", "empty.jpg")


def test_a_jpeg_html_polyglot_is_served_only_as_a_clean_reencoding(app_ctx):
    payload = b"<html><body><script>alert('polyglot')</script></body></html>"
    buffer = io.BytesIO()
    PILImage.open(io.BytesIO(photo_bytes(900, 600))).save(buffer, "JPEG", comment=payload)
    polyglot = buffer.getvalue() + payload  # in a comment segment and after the end marker

    image = services.add_image(polyglot, "photo.html")

    assert image.original_path.endswith(".jpg")
    media_root = Path(app_ctx.config["MEDIA_ROOT"])
    for rendition in image.renditions:
        served = (media_root / rendition["path"]).read_bytes()
        assert b"<script" not in served and b"polyglot" not in served
        assert PILImage.open(io.BytesIO(served)).format in ("JPEG", "WEBP", "AVIF")


def test_a_hostile_filename_is_ignored(app_ctx):
    image = services.add_image(photo_bytes(640, 480), "../../../etc/cron.d/evil\x00.php")

    names = [image.original_path, *(r["path"] for r in image.renditions)]
    for name in names:
        assert ".." not in name and "\x00" not in name and "evil" not in name and "php" not in name
        assert image.content_hash in name
    for root in (app_ctx.config["MEDIA_ROOT"], app_ctx.config["PRIVATE_ROOT"]):
        assert not any("evil" in str(p) for p in Path(root).rglob("*"))
