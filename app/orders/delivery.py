"""Delivery options: home delivery priced by city zone (a configurable table), free pickup.

The tables are settings (DELIVERY_ZONE_FEES, DELIVERY_CITY_ZONES in config.py): changed without code.
"""
from __future__ import annotations

from flask import current_app

# Any city missing from DELIVERY_CITY_ZONES is in this zone (the farthest: config.py sets its fee).
OTHER_ZONE = "C"


def zone_fees() -> dict[str, int]:
    return current_app.config["DELIVERY_ZONE_FEES"]


def city_zones() -> dict[str, str]:
    return current_app.config["DELIVERY_CITY_ZONES"]


def cities() -> list[str]:
    """Cities offered in the checkout form, then "other"."""
    return sorted(city_zones())


def home_delivery_fee(city: str) -> int:
    """Fee for a city; unknown cities pay the farthest zone's fee."""
    fees = zone_fees()
    return fees.get(city_zones().get(city, OTHER_ZONE), max(fees.values()))
