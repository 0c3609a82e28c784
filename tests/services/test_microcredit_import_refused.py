"""Files refused whole: not CSV, not UTF-8, binary, missing columns, huge lines. Nothing is written."""
from __future__ import annotations

import io
import tracemalloc

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from app.extensions import db
from app.verification.importer import MAX_LINE_CHARS, FileRefused
from app.verification.imports import import_file
from app.verification.models import MicrocreditImport, MicrocreditRecord

HEADER = "institution;loan_reference;national_id;full_name;city;activity;status;disbursed_on;closed_on\n"
GOOD = "Al Amana;L-1;AB1;Fatima;Safi;Pottery;active;2024-01-15;\n"


@pytest.fixture(autouse=True)
def in_english(app_ctx):
    with force_locale("en"):
        yield


def refused(data: bytes) -> str:
    with pytest.raises(FileRefused) as caught:
        import_file(io.BytesIO(data), "Al Amana")
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(MicrocreditRecord)) == 0
    assert db.session.scalar(select(func.count()).select_from(MicrocreditImport)) == 0
    return str(caught.value.message)


def test_a_file_lacking_required_columns_is_refused_naming_them(app_ctx):
    message = refused(b"institution;loan_reference;full_name\nAl Amana;L-1;Fatima\n")

    assert "national_id" in message and "status" in message and "nothing was imported" in message


def test_an_empty_file_is_refused(app_ctx):
    assert "empty" in refused(b"")


def test_a_latin1_file_is_refused_as_not_utf8(app_ctx):
    data = (HEADER + "Al Amana;L-1;AB1;Hélène;Fès;Pottery;active;2024-01-15;\n").encode("latin-1")

    assert "not UTF-8" in refused(data)


def test_binary_data_is_refused_whole(app_ctx):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20

    assert "not UTF-8" in refused(png)


def test_valid_utf8_with_control_characters_is_refused_as_binary(app_ctx):
    data = (HEADER + GOOD + "Al Amana;L-2;AB2;Fat\x00ima;Safi;Pottery;active;2024-01-15;\n").encode()

    assert "line 3 contains binary data" in refused(data).lower()


def test_binary_data_late_in_the_file_refuses_it_whole_even_after_good_rows(app_ctx):
    data = HEADER.encode() + GOOD.encode() * 3000 + b"\xff\xfe garbage\n"

    assert "not UTF-8" in refused(data)


def test_a_prose_text_file_is_refused_for_its_columns(app_ctx):
    assert "lacks required columns" in refused(b"Dear admin, please find our borrowers attached.\n")


def test_a_10_mb_line_is_refused_without_reading_it_into_memory(app_ctx):
    data = HEADER.encode() + GOOD.encode() + b"Al Amana;L-2;AB2;" + b"A" * (10 * 1024 * 1024) + b";Safi\n"
    stream = io.BytesIO(data)
    tracemalloc.start()
    try:
        with pytest.raises(FileRefused) as caught:
            import_file(stream, "Al Amana")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    db.session.rollback()

    assert "Line 3 is longer than" in str(caught.value.message)
    assert peak < 2 * 1024 * 1024  # the 10 MB line was never held whole
    assert stream.tell() < 1024 * 1024  # and not even read to its end
    assert db.session.scalar(select(func.count()).select_from(MicrocreditRecord)) == 0


def test_a_huge_quoted_field_spread_over_lines_is_refused(app_ctx):
    lines = "\n".join(["x" * (MAX_LINE_CHARS - 100)] * 50)
    data = (HEADER + f'Al Amana;L-1;AB1;"{lines}";Safi;Pottery;active;2024-01-15;\n').encode()

    assert "not valid CSV" in refused(data)


def test_a_header_naming_a_column_twice_is_refused(app_ctx):
    header = HEADER.strip() + ";status\n"

    assert "twice" in refused((header + GOOD).encode())


def test_an_unterminated_quote_refuses_the_file(app_ctx):
    data = (HEADER + GOOD + 'Al Amana;L-2;AB2;"Fatima;Safi;Pottery;active;2024-01-15;\n').encode()

    assert "not valid CSV" in refused(data)
