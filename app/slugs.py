"""Slugs: the readable, URL-safe names of products, stands, halls, fairs and groups."""
from __future__ import annotations

import re
import unicodedata

from app.numbers import western_digits

# Short vowels, shadda, sukun, dagger alef (U+064B-U+065F, U+0670) and the tatweel (U+0640).
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def slugify(text: str, max_length: int = 150) -> str:
    """Lower case words and dashes, letters of any script kept: "Tajine de Safi, rouge" -> "tajine-de-safi-rouge",
    "زَيْتُ أركان ٢٥٠ مل" -> "زيت-أركان-250-مل".

    Arabic letters stay Arabic (browsers and messaging apps show them readable, search engines
    read them); a transliteration would be a guess a reader cannot undo. Latin accents, Arabic
    short vowels and the tatweel are dropped, Arabic-Indic digits become 0-9, so one title
    always gives one slug however it was typed.
    """
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", western_digits(text)))
    text = "".join(unicodedata.normalize("NFKD", ch)[0] if ch < "\u0250" else ch for ch in text)  # é -> e
    slug = re.sub(r"[\W_]+", "-", text.lower()).strip("-")
    return slug[:max_length].rstrip("-")
