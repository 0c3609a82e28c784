"""How a rendition becomes bytes: the output formats, their quality settings and the encoder pool.

Split from the pipeline (app/media/images.py), which decides what pixels each rendition holds;
this module only decides how those pixels are written. Changing a quality here changes every
rendition's bytes, hence its fingerprinted name (`flask reprocess-images` re-renders them all).
"""
from __future__ import annotations

import io
import os
from concurrent.futures import ThreadPoolExecutor

from PIL import Image

QUALITY = 80
# AVIF (libaom): quality 45 is about JPEG 80 to the eye at a fifth of the bytes on photos; speed 9
# keeps the three AVIF encodes of a photo cheaper than its WebP ones (speed 6, the default, is
# four to eight times slower for ~3 % fewer bytes).
AVIF_QUALITY = 45
# Cards and thumbnails (640 px and narrower) are drawn small on dense phone screens, where AVIF's
# softening at 40 does not show; it saves about a third of their bytes (pages list a dozen of them).
AVIF_QUALITY_SMALL = 40
AVIF_SPEED = 9
ENCODER_THREADS = 2
# Best first: a <picture> offers them in this order (AVIF, then WebP, then JPEG for the rest).
OUTPUT_FORMATS = ("avif", "webp", "jpeg")
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}

_POOL: tuple[int, ThreadPoolExecutor] | None = None


def pool() -> ThreadPoolExecutor:
    """Encoder threads of this process (Pillow's codecs release the GIL, so two cores help).

    Created per process id: a pool inherited through fork() has no threads behind it.
    """
    global _POOL
    if _POOL is None or _POOL[0] != os.getpid():
        _POOL = (os.getpid(), ThreadPoolExecutor(max_workers=ENCODER_THREADS, thread_name_prefix="photo-encode"))
    return _POOL[1]


def encode(im: Image.Image, fmt: str) -> bytes:
    """One encoder pass, no metadata: the served file is always a clean re-encoding."""
    buffer = io.BytesIO()
    if fmt == "avif":
        # One thread per encode: the pool already runs ENCODER_THREADS of them side by side.
        quality = AVIF_QUALITY if im.width > 640 else AVIF_QUALITY_SMALL
        im.save(buffer, "AVIF", quality=quality, speed=AVIF_SPEED, max_threads=1)
    elif fmt == "webp":
        im.save(buffer, "WEBP", quality=QUALITY, method=webp_method(im.width))
    else:
        im.save(buffer, "JPEG", quality=QUALITY)
    return buffer.getvalue()


def webp_method(width: int) -> int:
    """libwebp's effort: its default (4) up to 640 px, what phones on mobile data load; 2 above.

    On the 1280 px rendition method 2 is 2.5 times cheaper than 4 for about 5 % more bytes,
    and that one encode was half the time of the whole pipeline. The JPEG fallback (few
    browsers lack WebP) is baseline: four times cheaper than progressive for ~5 % more bytes.
    """
    return 2 if width > 640 else 4
