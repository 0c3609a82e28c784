"""Input no database or parser can hold is refused at the edge, once, for every route.

PostgreSQL refuses a NUL in a text value (the query fails: a 500), SQLite stores it silently,
and control characters or undecodable bytes in a name or an address only ever come from a
script. Checking here, before any view, covers every query parameter, path segment and form
field, including those of views written tomorrow.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote_to_bytes

from flask import Flask, abort, request

# C0 controls except tab, line feed and carriage return (a textarea sends CR LF), DEL, C1 controls,
# and U+FFFD: what werkzeug decodes invalid UTF-8 into, so its presence means the bytes were not text.
_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
# Where a value must be a single line (a URL): no tab, CR or LF either.
_UNREADABLE_IN_URL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffd]")


def register(app: Flask) -> None:
    """Refuse unreadable or over-long input with a 400 before any view runs."""

    @app.before_request
    def refuse_unreadable_input() -> None:
        if not (_url_is_readable(app.config["INPUT_MAX_QUERY_CHARS"])
                and _form_is_readable(app.config["INPUT_MAX_FIELD_CHARS"])):
            abort(400)


def _url_is_readable(max_chars: int) -> bool:
    """Path and query decode as UTF-8 and hold no control character; the path and each query value are
    short enough."""
    raw_path = request.environ.get("PATH_INFO", "").encode("latin-1", "replace")
    if not _decodes(raw_path):
        return False
    query = request.query_string
    if not query:  # most requests: no arguments to decode
        return _values_are_readable([request.path], _UNREADABLE_IN_URL, max_chars)
    if not _decodes(unquote_to_bytes(query.replace(b"+", b" "))):
        return False
    return _values_are_readable([request.path, *_pairs(request.args)], _UNREADABLE_IN_URL, max_chars)


def _form_is_readable(max_chars: int) -> bool:
    """Every field of a form body holds no control character and is short enough.

    Werkzeug keeps undecodable bytes of a url-encoded body as a literal "%FF", so those bytes are
    read themselves (the body stays cached for the form parser; MAX_CONTENT_LENGTH bounds it)."""
    if not request.environ.get("CONTENT_TYPE") or request.mimetype not in (
            "application/x-www-form-urlencoded", "multipart/form-data"):
        return True  # not a form (most requests have no body at all: no Content-Type to parse)
    if request.mimetype == "application/x-www-form-urlencoded" and not _decodes(
            unquote_to_bytes(request.get_data(cache=True).replace(b"+", b" "))):
        return False
    return _values_are_readable(_pairs(request.form), _UNREADABLE, max_chars)


def _pairs(values) -> Iterable[str]:
    for key, value in values.items(multi=True):
        yield key
        yield value


def _values_are_readable(values: Iterable[str], unreadable: re.Pattern, max_chars: int) -> bool:
    return all(len(value) <= max_chars and not unreadable.search(value) for value in values)


def _decodes(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
