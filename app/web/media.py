"""Serving processed image renditions (originals live elsewhere and are never served).

With MEDIA_URL set, pages link renditions there (the bucket, or a CDN in front of it) and this
route is only a fallback; without it renditions come from here, read from the public store.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, has_request_context, send_from_directory, url_for

from app.media import storage
from app.media.models import Image
from app.web.languages import base_root

bp = Blueprint("media", __name__)

# Only what the pipeline writes is served, with its type stated rather than guessed.
SERVED = {".webp", ".jpg", ".avif"}
ONE_YEAR = 31536000


def media_url(path: str, external: bool = False) -> str:
    """Where a browser fetches a rendition: MEDIA_URL (absolute) when set, else this app's /media route."""
    if not current_app.config.get("MEDIA_URL") and (external or not has_request_context()):
        return url_for("media.rendition", filename=path, _external=external)
    return _rendition_urls()(path)


def _rendition_urls() -> Callable[[str], str]:
    """Builds a rendition's URL: under MEDIA_URL, or what url_for builds for the media route
    (language-neutral: never prefixed) without its cost, since a page has dozens."""
    base = current_app.config.get("MEDIA_URL")
    if base:
        bucket = f"{base.rstrip('/')}/"
        return lambda path: bucket + path
    root = f"{base_root()}/media/"
    return lambda path: root + quote(path)


class Sources(NamedTuple):
    """What a `<picture>` lists: (format, srcset) for AVIF then WebP, and the JPEG `<img>`."""

    sources: list[tuple[str, str]]
    src: str
    srcset: str
    width: int
    height: int


def picture_sources(image: Image, square: bool = False) -> Sources:
    """The URLs of the `picture()` macro (templates/_macros/images.html), built here in one pass:
    as a Jinja loop over `media_url` they were most of a product page's picture cost."""
    url = _rendition_urls()
    jpeg = image.sources("jpeg", square)
    fallback = jpeg[-1] if square else image.fallback("jpeg")
    sources = [(fmt, _srcset(url, found)) for fmt in ("avif", "webp") if (found := image.sources(fmt, square))]
    largest = jpeg[-1]
    return Sources(sources, url(fallback["path"]), _srcset(url, jpeg), largest["width"], largest["height"])


def _srcset(url: Callable[[str], str], renditions: list[dict]) -> str:
    return ", ".join(f"{url(r['path'])} {r['width']}w" for r in renditions)


@bp.get("/media/<path:filename>")
def rendition(filename: str):
    """A rendition, cached for a year: names change whenever content does."""
    suffix = filename[filename.rfind("."):].lower() if "." in filename else ""
    if suffix not in SERVED:
        abort(404)
    store = storage.public_store()
    if isinstance(store, storage.FileStore):
        # send_from_directory refuses anything resolving outside MEDIA_ROOT (../, absolute paths).
        response = send_from_directory(store.root, filename, mimetype=storage.content_type(filename),
                                       max_age=ONE_YEAR, conditional=True)
    else:
        try:
            response = Response(store.read(filename), mimetype=storage.content_type(filename))
        except FileNotFoundError:
            abort(404)
    response.headers["Cache-Control"] = storage.IMMUTABLE
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
