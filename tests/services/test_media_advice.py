"""Advice on product photos, judged on the calibration set of tests/media_advice_cases.py
(bench/photo_advice.py prints the same figures as a table)."""
from __future__ import annotations

from collections import Counter

import pytest

from app.media import images
from app.media.advice import Advice, advise
from tests.media_advice_cases import cases

MAX_PIXELS = 50_000_000


@pytest.fixture(scope="module")
def verdicts() -> list[tuple[str, set[Advice], set[Advice]]]:
    """(case, expected, given) for every case, through the real pipeline."""
    judged = []
    for name, data, expected in cases():
        processed = images.process(data, max_pixels=MAX_PIXELS)
        judged.append((name, expected, set(advise(processed.measures, processed.width, processed.height))))
    return judged


def test_the_calibration_set_is_large_enough_and_covers_every_advice(verdicts):
    assert len(verdicts) >= 40
    covered = Counter(advice for _, expected, _ in verdicts for advice in expected)
    assert set(covered) == set(Advice)
    assert sum(1 for _, expected, _ in verdicts if not expected) >= 10  # good photos too


def test_the_advice_is_right_for_nearly_every_photo(verdicts):
    right = sum(1 for _, expected, given in verdicts if expected == given)
    assert right / len(verdicts) >= 0.95


def test_a_good_photo_never_gets_advice(verdicts):
    assert [name for name, expected, given in verdicts if not expected and given] == []


@pytest.mark.parametrize("advice", list(Advice))
def test_each_advice_is_found_on_most_of_its_cases(verdicts, advice):
    cases_of_it = [given for _, expected, given in verdicts if advice in expected]
    found = sum(1 for given in cases_of_it if advice in given)
    assert found / len(cases_of_it) >= 0.8


def test_a_photo_measured_before_advice_existed_gets_none():
    assert advise({}, 4000, 3000) == []


def test_the_automatic_correction_lifts_a_dark_photo_out_of_the_advice():
    name, data, expected = next(case for case in cases() if case[0].startswith("dark"))
    fixed = images.process(images.corrected(data, max_pixels=MAX_PIXELS), max_pixels=MAX_PIXELS)
    assert Advice.DARK not in advise(fixed.measures, fixed.width, fixed.height)
