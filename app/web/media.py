"""Serving processed image renditions from MEDIA_ROOT (originals live elsewhere and are never served)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, send_from_directory

bp = Blueprint("media", __name__)

# Only what the pipeline writes is served, with its type stated rather than guessed.
CONTENT_TYPES = {".webp": "image/webp", ".jpg": "image/jpeg"}
ONE_YEAR = 31536000


@bp.get("/media/<path:filename>")
def rendition(filename: str):
    """A rendition, cached for a year: names change whenever content does."""
    suffix = filename[filename.rfind("."):].lower() if "." in filename else ""
    if suffix not in CONTENT_TYPES:
        abort(404)
    # send_from_directory refuses anything resolving outside MEDIA_ROOT (../, absolute paths).
    response = send_from_directory(current_app.config["MEDIA_ROOT"], filename, mimetype=CONTENT_TYPES[suffix],
                                   max_age=ONE_YEAR, conditional=True)
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
