"""Reading an institution's CSV file of microcredit records: whole-file checks, then row checks.

Nothing here touches the database: `parse` turns a byte stream into clean rows (the CIN
already replaced by its keyed hash) and a list of bad rows, or refuses the whole file.
Memory stays bounded whatever the file holds: lines are read with a length cap, so a
10 MB line is refused after reading a few kilobytes of it.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import BinaryIO

from flask_babel import lazy_gettext as _l

from app.errors import Invalid
from app.verification.cin import normalise
from app.verification.models import LoanStatus

COLUMNS = ("institution", "loan_reference", "national_id", "full_name", "city", "activity",
           "status", "disbursed_on", "closed_on")
REQUIRED_VALUES = ("institution", "loan_reference", "national_id", "full_name", "status", "disbursed_on")
# Bounds from the model columns; a legitimate line is a few hundred characters.
MAX_LENGTHS = {"institution": 120, "loan_reference": 80, "full_name": 160, "city": 80, "activity": 120}
MAX_CIN_LENGTH = 20
MAX_LINE_CHARS = 4096
MAX_FIELD_CHARS = 1024
PROGRESS_EVERY = 5000

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_CIN_CHARS = re.compile(r"[A-Z0-9]+\Z")
# Control characters never found in a text file (tab, CR and LF are allowed).
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Reasons are stored as codes and worded at display time, in the reader's language.
REASONS = {
    "missing_value": _l("missing value in column %(column)s"),
    "too_long": _l("value of column %(column)s is longer than %(max)s characters"),
    "bad_date": _l("column %(column)s is not a date written YYYY-MM-DD (%(value)s)"),
    "closed_before_disbursed": _l("closed_on is before disbursed_on"),
    "unknown_status": _l("unknown status %(value)s (expected active, repaid or written_off)"),
    "bad_national_id": _l("the national ID is not a valid number (letters and digits only, at most %(max)s)"),
    "wrong_institution": _l("the row names another institution (%(value)s): "
                            "an institution vouches only for its own borrowers"),
    "duplicate": _l("duplicate loan reference, already on line %(first_line)s"),
    "field_count": _l("the row has %(count)s values where the header has %(expected)s"),
}


class FileRefused(Invalid):
    """The whole file is refused: nothing from it is written."""


@dataclass
class BadRow:
    line: int
    code: str
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"line": self.line, "code": self.code, **self.params}


def describe(bad: dict) -> str:
    """One bad row's reasons (a stored dict with `code` or `codes`), worded in the current language."""
    codes = bad.get("codes") or [bad]
    return "; ".join(str(REASONS[c["code"]]) % c for c in codes if c.get("code") in REASONS)


@dataclass
class ParsedFile:
    """Good rows keyed by loan reference, bad rows with their line, and the count of data rows."""

    rows: dict[str, dict]
    bad_rows: list[dict]
    total: int


@lru_cache(maxsize=256)
def canonical(name: str) -> str:
    """How institution names compare: spaces collapsed, case ignored (cached: every row repeats it)."""
    return " ".join(name.split()).casefold()


def parse(stream: BinaryIO, institution: str, hash_cin: Callable[[str], str],
          on_progress: Callable[[int], None] | None = None) -> ParsedFile:
    """Read a whole file or raise FileRefused; `on_progress(bytes_read)` is called now and then."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    try:
        return _parse_text(text, canonical(institution), hash_cin, on_progress)
    except UnicodeDecodeError as error:
        raise FileRefused(_l("The file is not UTF-8 text (binary data or another encoding); "
                             "nothing was imported.")) from error
    finally:
        text.detach()  # the caller owns the stream


def _parse_text(text: io.TextIOWrapper, institution: str, hash_cin, on_progress) -> ParsedFile:
    lines = _capped_lines(text)
    delimiter, positions = _read_header(lines)
    rows: dict[str, dict] = {}
    first_lines: dict[str, int] = {}
    bad_rows: list[dict] = []
    total = 0
    with _field_size_limit(MAX_FIELD_CHARS):
        for start, values in _records(csv.reader(lines, delimiter=delimiter, strict=True)):
            total += 1
            problems, row = _check_row(values, positions, institution, hash_cin)
            if not problems and row["loan_reference"] in first_lines:
                problems = [BadRow(start, "duplicate", {"first_line": first_lines[row["loan_reference"]]})]
            if problems:
                bad_rows.append(_bad_row(start, problems))
            else:
                first_lines[row["loan_reference"]] = start
                rows[row["loan_reference"]] = row
            if on_progress and total % PROGRESS_EVERY == 0:
                on_progress(_bytes_read(text))
    if on_progress:
        on_progress(_bytes_read(text))
    return ParsedFile(rows=rows, bad_rows=bad_rows, total=total)


def _records(reader) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, its values) for every non-blank record; invalid CSV refuses the file."""
    line = 2  # the header was line 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileRefused(_l("Line %(line)s is not valid CSV (%(error)s); nothing was imported.",
                                 line=line, error=str(error))) from error
        start, line = line, reader.line_num + 2  # reader.line_num does not count the header
        if any(v.strip() for v in values):
            yield start, values


def _bad_row(line: int, problems: list[BadRow]) -> dict:
    if len(problems) == 1:
        return problems[0].as_dict() | {"line": line}
    return {"line": line, "code": problems[0].code, "codes": [p.as_dict() for p in problems]}


def _capped_lines(text: io.TextIOWrapper) -> Iterator[str]:
    """The file's lines, refusing the file at the first over-long line or binary character."""
    number = 0
    while True:
        line = text.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise FileRefused(_l("Line %(line)s is longer than %(max)s characters: this is not a microcredit "
                                 "records file; nothing was imported.", line=number, max=MAX_LINE_CHARS))
        if _BINARY.search(line):
            raise FileRefused(_l("Line %(line)s contains binary data: this is not a CSV text file; "
                                 "nothing was imported.", line=number))
        yield line


def _read_header(lines: Iterator[str]) -> tuple[str, dict[str, int]]:
    """The separator (';' or ',', whichever the header uses) and each column's position."""
    first = next(lines, "")
    if not first.strip():
        raise FileRefused(_l("The file is empty; nothing was imported."))
    delimiter = ";" if first.count(";") > first.count(",") else ","
    names = [name.strip().lower() for name in next(csv.reader([first], delimiter=delimiter))]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise FileRefused(_l("The file lacks required columns: %(columns)s (the first line must name the columns "
                             "%(expected)s); nothing was imported.",
                             columns=", ".join(missing), expected=", ".join(COLUMNS)))
    if len(set(names)) != len(names):
        raise FileRefused(_l("The first line names a column twice; nothing was imported."))
    return delimiter, {name: names.index(name) for name in COLUMNS} | {"_count": len(names)}


def _check_row(values: list[str], positions: dict[str, int], institution: str, hash_cin) -> tuple[list, dict]:
    """Problems of one row (none when good) and the clean row."""
    expected = positions["_count"]
    if len(values) > expected and any(v.strip() for v in values[expected:]):
        return [BadRow(0, "field_count", {"count": len(values), "expected": expected})], {}
    if len(values) < expected:
        values = values + [""] * (expected - len(values))
    raw = {name: values[positions[name]].strip() for name in COLUMNS}
    problems = [BadRow(0, "missing_value", {"column": c}) for c in REQUIRED_VALUES if not raw[c]]
    problems += [BadRow(0, "too_long", {"column": c, "max": m}) for c, m in MAX_LENGTHS.items() if len(raw[c]) > m]
    if raw["institution"] and canonical(raw["institution"]) != institution:
        problems.append(BadRow(0, "wrong_institution", {"value": _shown(raw["institution"])}))
    cin = normalise(raw["national_id"])
    if cin and (len(cin) > MAX_CIN_LENGTH or not _CIN_CHARS.match(cin)):
        problems.append(BadRow(0, "bad_national_id", {"max": MAX_CIN_LENGTH}))
    status = raw["status"].lower()
    if raw["status"] and status not in _STATUSES:
        problems.append(BadRow(0, "unknown_status", {"value": _shown(raw["status"])}))
    disbursed = _date(raw, "disbursed_on", problems)
    closed = _date(raw, "closed_on", problems)
    if disbursed and closed and closed < disbursed:
        problems.append(BadRow(0, "closed_before_disbursed"))
    if problems:
        return problems, {}
    return [], {
        "loan_reference": raw["loan_reference"], "national_id_hmac": hash_cin(cin),
        "full_name": raw["full_name"], "city": raw["city"], "activity": raw["activity"],
        "status": status, "disbursed_on": disbursed, "closed_on": closed,
    }


_STATUSES = frozenset(s.value for s in LoanStatus)


def _date(raw: dict, column: str, problems: list) -> date | None:
    value = raw[column]
    if not value:
        return None
    parsed = _iso_date(value)
    if parsed is None:
        problems.append(BadRow(0, "bad_date", {"column": column, "value": _shown(value)}))
    return parsed


@lru_cache(maxsize=8192)
def _iso_date(value: str) -> date | None:
    """A YYYY-MM-DD date or None; cached, since a file repeats a few thousand dates over its rows."""
    if not _ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _shown(value: str) -> str:
    """A value quoted in a report: short, so a hostile file cannot flood the page."""
    return value if len(value) <= 40 else value[:39] + "…"


def _bytes_read(text: io.TextIOWrapper) -> int:
    try:
        return text.buffer.tell()
    except (OSError, ValueError):
        return 0


@contextmanager
def _field_size_limit(limit: int):
    """csv's field limit is process-wide: lower it while reading, then put it back."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)
