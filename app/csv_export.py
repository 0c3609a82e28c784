"""CSV exports that a spreadsheet cannot turn into code (formula injection, CWE-1236).

Any text we export may come from a hostile file or form: a cell starting with =, +, -, @,
a tab or a carriage return is a formula to Excel or LibreOffice (`=cmd|' /C calc'!A0`).
Such cells get a leading apostrophe, which spreadsheets show as text. Numbers and dates are
written as they are. Every CSV export of the app goes through `write_csv` or `csv_response`.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from flask import Response

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value: object) -> object:
    """The value made inert for a spreadsheet: text starting like a formula is prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str):
        return value
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(rows: Iterable[Sequence[object]], header: Sequence[str] | None = None, *, delimiter: str = ",") -> str:
    """CSV text of `rows` (header first if given), every cell passed through safe_cell."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    if header:
        writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def csv_response(filename: str, rows: Iterable[Sequence[object]], header: Sequence[str] | None = None) -> Response:
    """A download of `rows` as UTF-8 CSV with a BOM (so spreadsheets read accents and Arabic right)."""
    body = "\ufeff" + write_csv(rows, header)
    safe_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename) or "export.csv"
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{safe_name}"',
        "Cache-Control": "no-store",
    })
