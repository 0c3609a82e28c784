"""The photo pipeline: verify by decoding, orient, convert to sRGB, strip metadata, render.

With app/media/encoding.py (how each rendition is written: formats, qualities, encoder
threads) and app/media/quality.py (what a rendition looks like, as numbers), the only code
that imports Pillow. It knows nothing of Flask or the database: bytes in, encoded renditions
out, `ImageRejected` raised for anything that is not a photo we accept.

Speed comes from doing the least work at full resolution: JPEGs are decoded by libjpeg at
a reduced scale (draft mode), every later step runs on the largest rendition rather than
on the 12-megapixel source, each smaller size is resampled from the previous one, and each
encoder runs once per output.
"""
from __future__ import annotations

import hashlib
import io
import logging
import warnings
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import lru_cache
from typing import BinaryIO

import pillow_heif
from PIL import Image, ImageCms, ImageOps, ImageStat

from app.media import encoding, quality

pillow_heif.register_heif_opener()
# Pillow only warns between MAX_IMAGE_PIXELS and twice that; a bomb must be an error. Set for
# the whole process (thread-safe) and again around each decode (test runners reset filters).
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)

log = logging.getLogger(__name__)

# Formats we decode; everything else (GIF, TIFF, BMP, SVG, HTML ...) is never even tried.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
# Widths a browser picks from (srcset): 240 for gallery thumbnails on phones, 480 for a card on a
# phone (170 CSS px at DPR 2.6), 960 for a phone-wide photo, 1280 for desktops. Each of 640, 480,
# 320 and 240 is exactly half of a larger one, so it costs a 2x2 average (see _smaller).
WIDTHS = (1280, 960, 640, 480, 320, 240)
THUMB_SIZE = 240
ORIGINAL_EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "HEIF": "heic"}
ORIENTATION_TAG = 0x0112
# The same table as ImageOps.exif_transpose, applied to a reduced image instead of the source.
TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
SWAPS_AXES = frozenset({5, 6, 7, 8})
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class ImageRejected(Exception):
    """Raised for any upload the pipeline will not turn into renditions."""


class NotAPhoto(ImageRejected):
    """Not a JPEG, PNG, WebP or HEIC we can decode completely."""


class TooLarge(ImageRejected):
    """Too many bytes or too many pixels (decompression bombs land here)."""


@dataclass(frozen=True)
class Rendition:
    kind: str  # "w" (responsive width) or "thumb" (square)
    width: int
    height: int
    format: str  # "avif", "webp" or "jpeg"
    data: bytes

    def name(self, digest: str) -> str:
        """Where the rendition lives under the media root: sharded by the original's hash, and
        ending with a fingerprint of its own bytes, so that re-rendering with other settings
        gives new URLs (renditions are cached as immutable for a year)."""
        label = "thumb" if self.kind == "thumb" else str(self.width)
        fingerprint = hashlib.sha256(self.data).hexdigest()[:10]
        return f"{digest[:2]}/{digest[2:4]}/{digest}-{label}-{fingerprint}.{encoding.EXTENSIONS[self.format]}"


@dataclass(frozen=True)
class Header:
    format: str
    width: int  # as displayed, after EXIF orientation
    height: int

    @property
    def extension(self) -> str:
        return ORIGINAL_EXTENSIONS[self.format]


@dataclass(frozen=True)
class Processed:
    header: Header
    placeholder: str  # "#rrggbb"
    renditions: list[Rendition]
    measures: dict[str, float] = field(default_factory=dict)  # what app/media/advice.py judges

    @property
    def width(self) -> int:
        return self.header.width

    @property
    def height(self) -> int:
        return self.header.height


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """Read an upload, refusing it as soon as it passes `max_bytes` (never reads it all)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(f"more than {max_bytes} bytes")
    return data


def inspect(data: bytes, *, max_pixels: int) -> Header:
    """Check format and size from the header, then verify the file decodes to the end.

    Cheap enough to run in the request when the renditions are made by a background job:
    JPEGs are decoded at 1/8 scale.
    """
    with _opened(data, max_pixels) as im:
        header, _ = _decoded(im, lambda size, orientation: (1, 1))
        return header


def process(data: bytes, *, max_pixels: int) -> Processed:
    """Decode `data` once and produce every rendition, clean of metadata, in sRGB."""
    with _opened(data, max_pixels) as im:
        header, orientation = _decoded(im, _largest_rendition)
        try:
            return _render(im, header, _target_sizes(header.width, header.height), orientation)
        except ImageRejected:
            raise
        except Exception as error:  # a decoder surprise is still just "not a photo we can accept"
            raise NotAPhoto(f"cannot render: {error!r}") from error


def _largest_rendition(displayed: tuple[int, int], orientation: int) -> tuple[int, int]:
    """The largest rendition's size in the stored pixel grid: what JPEG draft decoding must cover."""
    return _source_size(_target_sizes(*displayed)[0], orientation)


def _decoded(im: Image.Image, draft_size) -> tuple[Header, int]:
    """Decode the pixels (JPEGs at the smallest scale covering `draft_size`); header and orientation.

    A JPEG's orientation is read from its EXIF segment before decoding, to choose the scale;
    other formats may keep EXIF after the pixels (PNG's eXIf chunk) and are decoded first.
    """
    fmt = im.format or ""
    if fmt not in ORIGINAL_EXTENSIONS:
        raise NotAPhoto(f"format {fmt!r} is not accepted")
    stored_size = im.size
    if fmt in ("JPEG", "MPO"):
        orientation = _orientation(im)
        im.draft(im.mode, draft_size(_displayed(stored_size, orientation), orientation))
        _load(im)
    else:
        _load(im)
        orientation = _orientation(im)
    return Header(fmt, *_displayed(stored_size, orientation)), orientation


class _opened:
    """Open `data` with only the accepted decoders, decompression warnings made errors."""

    def __init__(self, data: bytes, max_pixels: int) -> None:
        self.data, self.max_pixels = data, max_pixels
        self.image: Image.Image | None = None

    def __enter__(self) -> Image.Image:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                self.image = Image.open(io.BytesIO(self.data), formats=ACCEPTED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise TooLarge(str(error)) from error
        except Exception as error:
            raise NotAPhoto(f"cannot identify: {error!r}") from error
        width, height = self.image.size
        if width < 1 or height < 1 or width * height > self.max_pixels:
            self.image.close()
            if width * height > self.max_pixels:
                raise TooLarge(f"{width}x{height} is over {self.max_pixels} pixels")
            raise NotAPhoto("empty image")
        return self.image

    def __exit__(self, *exc: object) -> None:
        if self.image is not None:
            self.image.close()


def _load(im: Image.Image) -> None:
    """Decode the pixels; a truncated or corrupt file is an error, never a partial image."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise TooLarge(str(error)) from error
    except Exception as error:
        raise NotAPhoto(f"cannot decode: {error!r}") from error


def _orientation(im: Image.Image) -> int:
    try:
        value = im.getexif().get(ORIENTATION_TAG, 1)
    except Exception:  # noqa: BLE001  (a broken EXIF block only costs us the orientation)
        return 1
    return value if value in TRANSPOSE else 1


def _target_sizes(width: int, height: int) -> list[tuple[int, int]]:
    """Rendition sizes, largest first; never wider than the photo itself, and none within 10 % of a
    wider one (a 1000 px photo gives 1000, 640, 480 ..., not also 960)."""
    widths = [min(WIDTHS[0], width)]
    for w in WIDTHS[1:]:
        if w * 1.1 <= widths[-1]:
            widths.append(w)
    return [(w, max(1, round(height * w / width))) for w in widths]


def _source_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    """A displayed size in the stored pixel grid (the same swap undoes itself)."""
    return (size[1], size[0]) if orientation in SWAPS_AXES else size


_displayed = _source_size


def _render(im: Image.Image, header: Header, targets: list[tuple[int, int]], orientation: int) -> Processed:
    """One resize chain, largest first; each step is encoded on the pool while the next is made."""
    icc = im.info.get("icc_profile")
    current = _displayable_mode(im)
    steps: list[Image.Image] = []
    encoded: list[Future[Rendition]] = []
    for size in targets:
        if not steps:
            current = _first_step(current, _source_size(size, orientation), orientation, icc)
        else:
            current = _smaller(_source_for(steps, size), size)
        steps.append(current)
        encoded += _encode_all(current, "w")
    # The thumbnail is cut from the smallest step that still covers the square.
    source = next((step for step in reversed(steps) if min(step.size) >= THUMB_SIZE), steps[0])
    encoded += _encode_all(_thumbnail(source), "thumb")
    # Measured on the pool too: on two cores it overlaps the encoders instead of adding to them.
    measured_step = next((s for s in steps if max(s.size) <= quality.MEASURE_SIZE), steps[-1])
    measured = encoding.pool().submit(quality.measure, measured_step)
    placeholder = dominant_colour(current)
    return Processed(header, placeholder, [job.result() for job in encoded], measured.result())


def _first_step(im: Image.Image, source_size: tuple[int, int], orientation: int, icc: bytes | None) -> Image.Image:
    """Down to the largest rendition, then orient and colour-convert the now small image."""
    if im.size != source_size:
        # Bicubic: after reduced-scale decoding this is a gentle (<2x) step, where Lanczos's
        # wider kernel costs a third more for no visible gain.
        im = im.resize(source_size, Image.Resampling.BICUBIC, reducing_gap=2.0)
    if orientation in TRANSPOSE:
        im = im.transpose(TRANSPOSE[orientation])
    im = _to_srgb(im, icc)
    im.info = {}  # EXIF, XMP, ICC, comments: nothing of the upload rides along to the output
    return im


def _source_for(steps: list[Image.Image], size: tuple[int, int]) -> Image.Image:
    """The step to make `size` from: one exactly twice as wide (a cheap halving), else the smallest
    step still larger (the previous one, widths being sorted)."""
    return next((step for step in steps if step.width == 2 * size[0]), steps[-1])


def _smaller(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The next size down: a 2x2 average when it halves exactly (15 times cheaper than a Lanczos
    resample and, from an already filtered image, hardly softer), a Lanczos resample otherwise."""
    if im.width == 2 * size[0] and 0 <= -(-im.height // 2) - size[1] <= 1:
        halved = im.reduce(2)
        return halved if halved.size == size else halved.crop((0, 0, *size))  # one odd row at most
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _displayable_mode(im: Image.Image) -> Image.Image:
    """Modes resize handles well: RGB, L, CMYK, RGBA (palette and 16-bit converted first)."""
    if im.mode in ("RGB", "L", "CMYK", "RGBA"):
        return im
    if im.mode.startswith("I"):  # 16-bit greys: scale to 8 bits, do not clip
        return im.convert("I").point(lambda v: v / 257).convert("L")
    if im.mode == "F":
        return im.convert("L")
    if im.mode in ("P", "PA", "LA", "La", "RGBa") or "transparency" in im.info:
        return im.convert("RGBA")
    return im.convert("RGB")


def _to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    """sRGB RGB pixels: the embedded profile honoured, transparency flattened onto white."""
    if im.mode == "RGBA":
        background = Image.new("RGB", im.size, (255, 255, 255))
        background.paste(im, mask=im.getchannel("A"))
        im = background
    if icc:
        transform = _transform(icc, im.mode)
        if transform is not None:
            return ImageCms.applyTransform(im, transform)
    return im if im.mode == "RGB" else im.convert("RGB")


@lru_cache(maxsize=32)
def _transform(icc: bytes, mode: str) -> ImageCms.ImageCmsTransform | None:
    """A cached transform from the embedded profile to sRGB; None when not needed or unusable."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if mode == "RGB" and "srgb" in ImageCms.getProfileDescription(source).lower().replace(" ", ""):
            return None
        return ImageCms.buildTransform(source, _SRGB, mode, "RGB")
    except Exception as error:  # noqa: BLE001  (a broken or mismatched profile: plain conversion)
        log.info("ignoring unusable ICC profile: %s", error)
        return None


def _thumbnail(im: Image.Image) -> Image.Image:
    side = min(THUMB_SIZE, *im.size)
    return ImageOps.fit(im, (side, side), Image.Resampling.LANCZOS)


def _encode_all(im: Image.Image, kind: str) -> list[Future[Rendition]]:
    """One encoder task per format on the pool. Each task gets an image of its own: Image.save
    keeps per-call state on the image object, so two threads must never save the same one."""
    return [encoding.pool().submit(_encoded, im if index == 0 else im.copy(), kind, fmt)
            for index, fmt in enumerate(encoding.OUTPUT_FORMATS)]


def _encoded(im: Image.Image, kind: str, fmt: str) -> Rendition:
    return Rendition(kind, im.width, im.height, fmt, encoding.encode(im, fmt))


def dominant_colour(im: Image.Image) -> str:
    """The most common of a few quantised colours: a calm placeholder for slow networks."""
    small = im.convert("RGB").resize((24, max(1, round(24 * im.height / im.width))), Image.Resampling.BOX)
    quantised = small.quantize(colors=5, method=Image.Quantize.MEDIANCUT)
    _, index = max(quantised.getcolors() or [(1, 0)])
    palette = quantised.getpalette() or [0, 0, 0]
    red, green, blue = palette[index * 3: index * 3 + 3]
    return f"#{red:02x}{green:02x}{blue:02x}"


def corrected(data: bytes, *, max_pixels: int) -> bytes:
    """The photo with its levels stretched and its colours balanced (grey world), as a new JPEG that
    goes through the pipeline like any upload; the original is left untouched for an undo."""
    with _opened(data, max_pixels) as im:
        im.draft("RGB", (CORRECTION_SIZE, CORRECTION_SIZE))
        _load(im)
        im = ImageOps.exif_transpose(_displayable_mode(im)).convert("RGB")
    im.thumbnail((CORRECTION_SIZE, CORRECTION_SIZE), Image.Resampling.LANCZOS)
    means = ImageStat.Stat(im).mean
    grey = sum(means) / 3
    # Capped gains: a red rug must stay red, only a lamp's yellow cast is taken out.
    gains = [min(max(grey / max(mean, 1), 0.8), 1.25) for mean in means]
    balanced = Image.merge("RGB", [band.point(lambda v, g=gain: min(255, round(v * g)))
                                   for band, gain in zip(im.split(), gains, strict=True)])
    buffer = io.BytesIO()
    ImageOps.autocontrast(balanced, cutoff=1, preserve_tone=True).save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


CORRECTION_SIZE = 2048
