"""The one place that splits a price between producer, group and platform.

Used by the product page, the cart, checkout (snapshotted on order lines) and oversight.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from app.money import share


@dataclass(frozen=True)
class Breakdown:
    """How a price is shared, in centimes; `producer` is what remains after commission and fee."""

    price: int
    producer: int
    group_commission: int
    platform_fee: int

    @property
    def producer_bp(self) -> int:
        return round(self.producer * 10000 / self.price) if self.price else 0

    def times(self, quantity: int) -> Breakdown:
        return Breakdown(self.price * quantity, self.producer * quantity,
                         self.group_commission * quantity, self.platform_fee * quantity)


@dataclass(frozen=True)
class SolidarityRules:
    producer_share_min_bp: int
    group_commission_cap_bp: int
    platform_fee_bp: int

    @classmethod
    def from_config(cls) -> SolidarityRules:
        cfg = current_app.config
        return cls(cfg["PRODUCER_SHARE_MIN_BP"], cfg["GROUP_COMMISSION_CAP_BP"], cfg["PLATFORM_FEE_BP"])


def breakdown(price_centimes: int, group_commission_bp: int, rules: SolidarityRules) -> Breakdown:
    """Split one unit price; the group commission is capped so the producer keeps the minimum share."""
    commission_bp = min(group_commission_bp, rules.group_commission_cap_bp,
                        10000 - rules.producer_share_min_bp - rules.platform_fee_bp)
    commission = share(price_centimes, max(commission_bp, 0))
    fee = share(price_centimes, rules.platform_fee_bp)
    return Breakdown(price_centimes, price_centimes - commission - fee, commission, fee)


def product_breakdown(product, rules: SolidarityRules | None = None) -> Breakdown:
    """Breakdown of a product's current price, with its supplier's group commission."""
    group = product.supplier.group
    return breakdown(product.price_centimes, group.commission_bp if group else 0,
                     rules or SolidarityRules.from_config())
