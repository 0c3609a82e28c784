"""Each rule of the solidarity breakdown, tested where it is the rule that binds.

With the default settings (floor 70 %, cap 20 %, fee 5 %) the commission cap always binds
before the producer floor, so a default configuration alone would never notice the floor
going missing: the floor, the cap, the fee and the rounding each get a configuration of
their own here, and one test follows the floor all the way onto a sold order line.
"""
from __future__ import annotations

import pytest

from app.solidarity.pricing import Breakdown, SolidarityRules, breakdown, product_breakdown
from tests.factories import make_group, make_product, make_supplier, place_test_order

DEFAULTS = SolidarityRules(producer_share_min_bp=7000, group_commission_cap_bp=2000, platform_fee_bp=500)
# A floor of 80 % leaves 15 % for the group once the 5 % fee is taken: below the 20 % cap.
FLOOR_BINDS = SolidarityRules(producer_share_min_bp=8000, group_commission_cap_bp=2000, platform_fee_bp=500)


def test_a_group_asking_less_than_every_limit_gets_what_it_asks():
    assert breakdown(10000, 1000, DEFAULTS) == Breakdown(price=10000, producer=8500, group_commission=1000,
                                                         platform_fee=500)


def test_the_commission_cap_binds_when_the_group_asks_more_than_the_cap():
    # The floor would allow 25 % here; the cap stops the group at 20 %.
    split = breakdown(10000, 3000, DEFAULTS)

    assert split.group_commission == 2000
    assert split.producer == 7500


def test_the_producer_floor_binds_before_the_cap_when_the_floor_is_higher():
    split = breakdown(10000, 2000, FLOOR_BINDS)  # the group asks exactly the cap

    assert split.group_commission == 1500  # cut so the producer keeps 80 %
    assert split.producer == 8000
    assert split.producer_bp == FLOOR_BINDS.producer_share_min_bp


@pytest.mark.parametrize("price", [1, 99, 1050, 9999, 10000, 123457])
@pytest.mark.parametrize("asked_bp", [0, 1500, 2000, 5000, 10000])
def test_whatever_the_group_asks_the_producer_keeps_the_floor_within_a_centime(price, asked_bp):
    split = breakdown(price, asked_bp, FLOOR_BINDS)

    assert split.producer * 10000 >= price * FLOOR_BINDS.producer_share_min_bp - 10000  # rounding: one centime
    assert split.producer + split.group_commission + split.platform_fee == price


def test_the_platform_fee_is_taken_without_a_group():
    assert breakdown(10000, 0, DEFAULTS) == Breakdown(10000, 9500, 0, 500)


def test_a_higher_platform_fee_leaves_the_group_less_room_under_the_floor():
    rules = SolidarityRules(producer_share_min_bp=8000, group_commission_cap_bp=2000, platform_fee_bp=1000)

    split = breakdown(10000, 2000, rules)

    assert (split.group_commission, split.platform_fee, split.producer) == (1000, 1000, 8000)


def test_a_floor_and_fee_leaving_no_room_give_the_group_nothing_never_a_negative_commission():
    rules = SolidarityRules(producer_share_min_bp=9800, group_commission_cap_bp=2000, platform_fee_bp=500)

    split = breakdown(10000, 1500, rules)

    assert split.group_commission == 0
    assert split.producer == 9500  # the fee is still taken; only the group's part can give way


def test_commission_and_fee_are_rounded_half_up_and_the_producer_gets_the_remainder():
    split = breakdown(1050, 1000, DEFAULTS)  # 10.50 MAD: a 5 % fee of 52.5 centimes

    assert split.platform_fee == 53
    assert split.group_commission == 105
    assert split.producer == 1050 - 105 - 53


def test_a_line_of_several_units_multiplies_the_rounded_unit_split():
    unit = breakdown(1050, 1000, DEFAULTS)

    assert unit.times(3) == Breakdown(3150, unit.producer * 3, 315, 159)


def test_the_producer_share_in_basis_points_is_rounded_and_zero_for_a_free_item():
    assert breakdown(7, 2000, DEFAULTS).producer_bp == 8571  # 6 of 7 centimes: 85.714 %
    assert breakdown(0, 1000, DEFAULTS).producer_bp == 0


def test_the_settings_decide_the_rules(app_ctx):
    app_ctx.config.update(PRODUCER_SHARE_MIN_BP=8000, GROUP_COMMISSION_CAP_BP=2000, PLATFORM_FEE_BP=500)
    try:
        product = make_product(make_supplier(group=make_group(commission_bp=2000)), price_centimes=10000)

        assert product_breakdown(product).producer == 8000
    finally:
        app_ctx.config.update(PRODUCER_SHARE_MIN_BP=7000, GROUP_COMMISSION_CAP_BP=2000, PLATFORM_FEE_BP=500)


def test_a_sold_line_keeps_the_floor_when_the_floor_is_what_protects_the_producer(app_ctx):
    app_ctx.config.update(PRODUCER_SHARE_MIN_BP=8000)
    try:
        product = make_product(make_supplier(group=make_group(commission_bp=2000)), price_centimes=20000)

        order = place_test_order((product, 2))
    finally:
        app_ctx.config.update(PRODUCER_SHARE_MIN_BP=7000)

    (line,) = order.lines
    assert line.producer_share_centimes == 32000  # 80 % of 2 x 200 MAD, not the 75 % the cap alone allows
    assert line.group_commission_centimes == 6000
    assert line.platform_fee_centimes == 2000
