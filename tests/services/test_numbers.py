"""Whole numbers from URLs and forms: digits (Western, or the Arabic-Indic ones an Arabic keyboard
types) within bounds, or None."""
import pytest

from app.numbers import MAX_ID, object_id, whole_number


@pytest.mark.parametrize("raw, expected", [("7", 7), (" 42 ", 42), ("0", 0), (str(MAX_ID), MAX_ID), ("٣", 3),
                                           ("١٢", 12), ("۴", 4)])
def test_plain_digits_are_read(raw, expected):
    assert whole_number(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "-1", "1.5", "abc", "²", "１", "٣.٥", str(MAX_ID + 1), "9" * 40])
def test_anything_else_is_none(raw):
    assert whole_number(raw) is None


def test_bounds_are_inclusive():
    assert whole_number("1", 1, 3) == 1 and whole_number("3", 1, 3) == 3
    assert whole_number("0", 1, 3) is None and whole_number("4", 1, 3) is None


@pytest.mark.parametrize("raw, expected", [("1", 1), (str(MAX_ID), MAX_ID), ("0", None), (str(MAX_ID + 1), None),
                                           ("٣", None), ("²", None), (" 7", None), ("", None), (None, None)])
def test_ids_are_plain_ascii_within_the_column(raw, expected):
    """Ids come back from our own forms and cookies: nothing a keyboard types is read into one."""
    assert object_id(raw) == expected
