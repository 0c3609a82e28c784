import pytest

from app.money import share, to_centimes


@pytest.mark.parametrize(("typed", "centimes"), [("12", 1200), ("12.5", 1250), ("12,50", 1250), (" 1 200 ", 120000)])
def test_amounts_typed_by_people_become_centimes(typed, centimes):
    assert to_centimes(typed) == centimes


@pytest.mark.parametrize("typed", ["abc", "", "nan", "inf", "1e40", "-1e40", "12..5"])
def test_what_is_not_an_amount_is_a_value_error(typed):
    with pytest.raises(ValueError):
        to_centimes(typed)


def test_shares_round_half_up_to_the_centime():
    assert share(1005, 500) == 50  # 50.25 -> 50
    assert share(1010, 500) == 51  # 50.5 -> 51
