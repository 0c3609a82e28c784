"""The shared CSV export helper: formulas from hostile files come out as inert text."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from app.csv_export import csv_response, safe_cell, write_csv


@pytest.mark.parametrize("value", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "＝1+1"])
def test_cells_starting_like_a_formula_get_a_leading_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Fatima Zahra", "فاطمة", "", "a=b", "L-12"])
def test_ordinary_text_is_left_alone(value):
    assert safe_cell(value) == value


def test_numbers_dates_and_none_are_written_as_they_are():
    assert safe_cell(-5) == -5 and safe_cell(date(2024, 1, 2)) == date(2024, 1, 2) and safe_cell(None) == ""


def test_write_csv_neutralises_every_cell_and_round_trips():
    text = write_csv([["=HYPERLINK(\"http://x\")", 3, "ok"]], header=("name", "n", "note"))

    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["name", "n", "note"], ["'=HYPERLINK(\"http://x\")", "3", "ok"]]


def test_csv_response_is_a_utf8_download_with_a_safe_filename(app_ctx):
    response = csv_response('bad"name.csv', [["-1+1"]])

    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="bad_name.csv"'
    assert response.get_data(as_text=True) == "\ufeff'-1+1\r\n"
