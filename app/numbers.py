"""Whole numbers typed into URLs and forms, read one way everywhere.

`str.isdigit()` alone is not enough: it accepts "²" or "٣" (which int() refuses or reads
differently) and numbers beyond a database integer (PostgreSQL then fails the query):
both turned a typo into a 500.
"""
from __future__ import annotations

import re

_ASCII_DIGITS = re.compile(r"[0-9]{1,10}")
MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds


def whole_number(raw: str | None, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """`raw` as an int when it is plain ASCII digits within [minimum, maximum], else None."""
    raw = (raw or "").strip()
    if not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None
