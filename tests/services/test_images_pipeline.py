"""What comes out of the pipeline: upright, sRGB, no metadata, right sizes, from every accepted format."""
from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import ExifTags, ImageCms, ImageDraw
from PIL import Image as PILImage

from app.media import images
from tests.factories import photo_bytes

MAX_PIXELS = 50_000_000
RED, GREEN, BLUE = (220, 30, 30), (30, 200, 30), (30, 30, 220)


def process(data: bytes) -> images.Processed:
    return images.process(data, max_pixels=MAX_PIXELS)


def opened(rendition: images.Rendition) -> PILImage.Image:
    picture = PILImage.open(io.BytesIO(rendition.data))
    picture.load()
    return picture


def close_to(actual, expected, tolerance: int = 40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual[:3], expected, strict=True))


def phone_photo_with_everything() -> bytes:
    """GPS, camera make, orientation, XMP, a comment and an ICC profile: all must go."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = 1
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({1: "N", 2: (33.0, 35.0, 12.5), 3: "W", 4: (7.0, 36.0, 1.0)})
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    PILImage.open(io.BytesIO(photo_bytes(1600, 1200))).save(
        buffer, "JPEG", exif=exif, icc_profile=srgb, comment=b"Casablanca, at home",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>home address</rdf:RDF></x:xmpmeta>',
    )
    return buffer.getvalue()


def test_a_photo_with_gps_exif_comes_out_with_no_metadata_at_all():
    source = phone_photo_with_everything()
    assert b"PhoneMaker" in source and b"home address" in source

    for rendition in process(source).renditions:
        out = opened(rendition)
        assert len(out.getexif()) == 0
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(out.info)
        for secret in (b"Exif", b"PhoneMaker", b"home address", b"Casablanca", b"xmpmeta"):
            assert secret not in rendition.data


def quadrant_photo(orientation: int) -> bytes:
    """Stored 1600x800: left half red, right half blue, top-left corner green; then tagged."""
    picture = PILImage.new("RGB", (1600, 800), BLUE)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, 799, 799), fill=RED)
    draw.rectangle((0, 0, 199, 199), fill=GREEN)
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def test_a_phone_photo_with_orientation_6_comes_out_upright():
    result = process(quadrant_photo(6))

    assert (result.width, result.height) == (800, 1600)
    out = opened(next(r for r in result.renditions if r.width == 640 and r.format == "jpeg"))
    assert out.size == (640, 1280)
    # Rotated a quarter turn clockwise: the stored left half is on top, its corner at the top right.
    assert close_to(out.getpixel((320, 400)), RED)
    assert close_to(out.getpixel((320, 1000)), BLUE)
    assert close_to(out.getpixel((620, 20)), GREEN)
    assert close_to(out.getpixel((20, 20)), RED)


def test_orientation_8_turns_the_other_way():
    out = opened(next(r for r in process(quadrant_photo(8)).renditions if r.width == 640 and r.format == "webp"))

    assert close_to(out.getpixel((320, 1000)), RED)
    assert close_to(out.getpixel((20, 1260)), GREEN)


def test_a_cmyk_jpeg_comes_out_in_the_right_colours():
    buffer = io.BytesIO()
    PILImage.new("CMYK", (800, 600), (0, 255, 255, 0)).save(buffer, "JPEG")  # pure red in CMYK

    for rendition in process(buffer.getvalue()).renditions:
        out = opened(rendition)
        assert out.mode == "RGB"
        assert close_to(out.getpixel((100, 100)), (255, 0, 0))


def png_16_bit_rgb(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A 48-bit RGB PNG written by hand (Pillow cannot write one)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\0" + struct.pack(">HHH", *colour) * width
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def test_a_16_bit_rgb_png_comes_out_in_the_right_colours():
    result = process(png_16_bit_rgb(700, 500, (65535, 32768, 0)))

    out = opened(result.renditions[0])
    assert result.width == 700
    assert close_to(out.getpixel((50, 50)), (255, 128, 0), tolerance=12)


def test_a_16_bit_grey_png_is_scaled_not_clipped_to_white():
    buffer = io.BytesIO()
    PILImage.new("I;16", (500, 400), 32768).save(buffer, "PNG")

    out = opened(process(buffer.getvalue()).renditions[0])
    assert close_to(out.convert("RGB").getpixel((10, 10)), (128, 128, 128), tolerance=12)


def test_a_transparent_png_is_flattened_on_white():
    picture = PILImage.new("RGBA", (600, 400), (0, 0, 0, 0))
    ImageDraw.Draw(picture).rectangle((0, 0, 299, 399), fill=(*RED, 255))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")

    out = opened(process(buffer.getvalue()).renditions[0])
    assert close_to(out.getpixel((100, 200)), RED)
    assert close_to(out.getpixel((500, 200)), (255, 255, 255), tolerance=8)


def test_a_palette_png_is_accepted():
    buffer = io.BytesIO()
    PILImage.open(io.BytesIO(photo_bytes(500, 400))).convert("P").save(buffer, "PNG")

    assert process(buffer.getvalue()).width == 500


def test_a_heic_photo_is_accepted():
    buffer = io.BytesIO()
    PILImage.new("RGB", (900, 600), GREEN).save(buffer, "HEIF", quality=85)

    result = process(buffer.getvalue())
    assert result.header.format == "HEIF" and result.header.extension == "heic"
    assert (result.width, result.height) == (900, 600)
    assert close_to(opened(result.renditions[0]).getpixel((450, 300)), GREEN)


def test_a_webp_photo_is_accepted():
    assert process(photo_bytes(700, 500, fmt="WEBP")).header.format == "WEBP"


def test_renditions_are_240_to_1280_wide_in_avif_webp_and_jpeg_plus_a_square_thumbnail():
    result = process(photo_bytes(4000, 3000))

    sizes = {(r.kind, r.width, r.height, r.format) for r in result.renditions}
    assert sizes == {(kind, w, h, fmt) for fmt in ("avif", "webp", "jpeg")
                     for kind, w, h in (("w", 1280, 960), ("w", 960, 720), ("w", 640, 480), ("w", 480, 360),
                                        ("w", 320, 240), ("w", 240, 180), ("thumb", 240, 240))}
    for rendition in result.renditions:
        assert opened(rendition).size == (rendition.width, rendition.height)
        assert opened(rendition).format == rendition.format.upper()


def test_no_width_within_ten_percent_of_a_wider_one():
    result = process(photo_bytes(1000, 750))

    assert sorted({r.width for r in result.renditions if r.kind == "w"}) == [240, 320, 480, 640, 1000]


def test_a_panorama_thumbnail_is_still_square():
    result = process(photo_bytes(3000, 600))

    thumbs = [r for r in result.renditions if r.kind == "thumb"]
    assert {(r.width, r.height) for r in thumbs} == {(240, 240)}


def test_a_tiny_photo_gives_one_size_and_a_small_square():
    result = process(photo_bytes(200, 100))

    assert {(r.kind, r.width, r.height) for r in result.renditions} == {("w", 200, 100), ("thumb", 100, 100)}


def test_the_placeholder_is_the_dominant_colour():
    buffer = io.BytesIO()
    picture = PILImage.new("RGB", (800, 600), (40, 90, 160))
    ImageDraw.Draw(picture).rectangle((0, 0, 100, 100), fill=(250, 250, 0))
    picture.save(buffer, "PNG")

    placeholder = process(buffer.getvalue()).placeholder
    assert close_to(tuple(int(placeholder[i:i + 2], 16) for i in (1, 3, 5)), (40, 90, 160), tolerance=10)


@pytest.mark.parametrize("label,extension", [("1280", "webp"), ("thumb", "jpg"), ("480", "avif")])
def test_rendition_names_are_sharded_by_the_original_and_fingerprinted_by_their_bytes(label, extension):
    digest = images.content_hash(b"x")
    result = process(photo_bytes(1600, 1200))
    rendition = next(r for r in result.renditions if r.name(digest).endswith(extension)
                     and (r.kind == "thumb" if label == "thumb" else r.width == int(label)))

    fingerprint = images.content_hash(rendition.data)[:10]
    assert rendition.name(digest) == f"{digest[:2]}/{digest[2:4]}/{digest}-{label}-{fingerprint}.{extension}"


def test_a_multi_picture_jpeg_from_a_phone_gives_its_first_picture():
    first, second = PILImage.new("RGB", (1600, 1200), RED), PILImage.new("RGB", (1600, 1200), BLUE)
    buffer = io.BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=[second])

    result = process(buffer.getvalue())
    assert result.header.extension == "jpg"
    assert close_to(opened(result.renditions[0]).getpixel((10, 10)), RED)


def rgb_profile(description: str, red: tuple, green: tuple, blue: tuple, gamma: float = 2.2) -> bytes:
    """A minimal ICC v2 display profile (matrix and gamma curves), written out field by field."""
    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(values: tuple) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(s15(v) for v in values)

    text = description.encode("ascii") + b"\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 8 + b"\0\0\0" + b"\0" * 67
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"
    d50 = (0.9642, 1.0, 0.8249)
    tags = [(b"desc", desc), (b"wtpt", xyz(d50)), (b"rXYZ", xyz(red)), (b"gXYZ", xyz(green)),
            (b"bXYZ", xyz(blue)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"\0" * 4 + bytes([2, 0x10, 0, 0]) + b"mntrRGB XYZ " + b"\0" * 12
              + b"acsp" + b"\0" * 24 + b"\0" * 4 + b"".join(s15(v) for v in d50) + b"\0" * 48)
    return header + struct.pack(">I", len(tags)) + table + body


SRGB_RED, SRGB_GREEN, SRGB_BLUE = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)


def test_the_embedded_colour_profile_is_honoured():
    # A profile whose "red" channel is sRGB's blue: pure red pixels in it are blue on screen.
    swapped = rgb_profile("Swapped primaries", SRGB_BLUE, SRGB_GREEN, SRGB_RED)
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), (255, 0, 0)).save(buffer, "JPEG", quality=95, icc_profile=swapped)

    for rendition in process(buffer.getvalue()).renditions:
        out = opened(rendition)
        assert "icc_profile" not in out.info
        assert close_to(out.getpixel((out.width // 2, out.height // 2)), (0, 0, 255), tolerance=30)


def test_an_srgb_profile_leaves_colours_as_they_are():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), (200, 120, 40)).save(buffer, "PNG", icc_profile=srgb)

    out = opened(process(buffer.getvalue()).renditions[0])
    assert close_to(out.getpixel((400, 300)), (200, 120, 40), tolerance=6)


def test_a_heic_photo_taken_sideways_comes_out_upright_and_turned_once():
    stored = PILImage.open(io.BytesIO(quadrant_photo(1)))
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6
    buffer = io.BytesIO()
    stored.save(buffer, "HEIF", exif=exif.tobytes(), quality=90)

    result = process(buffer.getvalue())
    out = opened(next(r for r in result.renditions if r.width == 640 and r.format == "jpeg"))
    assert (result.width, result.height) == (800, 1600)
    assert close_to(out.getpixel((620, 20)), GREEN)
    assert close_to(out.getpixel((320, 1000)), BLUE)
