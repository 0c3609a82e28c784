"""Slugs: the readable, URL-safe names of products, stands, halls, fairs and groups."""
from __future__ import annotations

import re
import unicodedata


def slugify(text: str, max_length: int = 150) -> str:
    """ASCII, lower case, dashes: "Tajine de Safi, rouge" -> "tajine-de-safi-rouge" ("" for Arabic only)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")
