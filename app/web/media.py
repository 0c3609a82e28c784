"""Serving processed image renditions from MEDIA_ROOT (originals are never here)."""
from flask import Blueprint, current_app, send_from_directory

bp = Blueprint("media", __name__)


@bp.get("/media/<path:filename>")
def rendition(filename: str):
    """A rendition, cached for a year: names change whenever content does."""
    response = send_from_directory(current_app.config["MEDIA_ROOT"], filename, max_age=31536000)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
