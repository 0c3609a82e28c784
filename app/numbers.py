"""Whole numbers typed into URLs and forms, read one way everywhere.

`str.isdigit()` alone is not enough: it accepts "²" or "٣" (which int() refuses or reads
differently) and numbers beyond a database integer (PostgreSQL then fails the query):
both turned a typo into a 500.
"""
from __future__ import annotations

import re

from werkzeug.routing import IntegerConverter

_ASCII_DIGITS = re.compile(r"[0-9]{1,10}")
MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds
MAX_PAGE = 10_000  # no list is read that deep; a larger page number is refused, never run as an OFFSET
# Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹, Persian/Urdu keyboards) digits, and the Arabic
# decimal separator: what a phone's Arabic keyboard types. The Arabic thousands separator is dropped.
_WESTERN = str.maketrans({**{chr(0x0660 + n): str(n) for n in range(10)},
                          **{chr(0x06F0 + n): str(n) for n in range(10)},
                          "\u066b": ".", "\u066c": None})


def western_digits(text: str) -> str:
    """`text` with the digits an Arabic keyboard types turned into 0-9 (everything else kept)."""
    return text.translate(_WESTERN)


def whole_number(raw: str | None, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """`raw` as an int when it is plain ASCII digits within [minimum, maximum], else None."""
    raw = western_digits(raw or "").strip()
    if not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


class IdConverter(IntegerConverter):
    """The `int` URL converter, bounded to what an id column holds by default: /products/99999999999
    is a 404 here instead of a query PostgreSQL refuses (a 500). `int(max=...)` still works."""

    def __init__(self, url_map, fixed_digits: int = 0, min: int | None = None,  # noqa: A002  (werkzeug's names)
                 max: int | None = MAX_ID, signed: bool = False) -> None:  # noqa: A002
        super().__init__(url_map, fixed_digits, min, max, signed)


def object_id(raw: str | None) -> int | None:
    """An id sent back by one of our forms or cookies: plain ASCII digits from 1 to MAX_ID, else None.
    Ids are never typed by hand, so unlike `whole_number` no keyboard's digits are read."""
    raw = raw or ""
    return int(raw) if _ASCII_DIGITS.fullmatch(raw) and 1 <= int(raw) <= MAX_ID else None


def page_number(raw: str | None) -> int | None:
    """A page number from a query string (1 to MAX_PAGE), else None."""
    return whole_number(raw, 1, MAX_PAGE)
