"""Delivery options: home delivery priced by city zone (a configurable table), free pickup.

The table can be replaced in configuration (DELIVERY_ZONE_FEES, DELIVERY_CITY_ZONES) without code.
"""
from __future__ import annotations

from flask import current_app

# Fee in centimes of MAD per zone.
DEFAULT_ZONE_FEES = {"A": 2500, "B": 3500, "C": 5000}
# Cities served by our solidarity spaces' couriers at the lowest fee; any other city is zone C.
DEFAULT_CITY_ZONES = {
    "Casablanca": "A", "Rabat": "A", "Salé": "A", "Témara": "A", "Mohammedia": "A",
    "Kénitra": "B", "Marrakech": "B", "Fès": "B", "Meknès": "B", "Tanger": "B", "Agadir": "B",
    "El Jadida": "B", "Safi": "B", "Essaouira": "B", "Tétouan": "B", "Oujda": "B",
}
OTHER_ZONE = "C"


def zone_fees() -> dict[str, int]:
    return current_app.config.get("DELIVERY_ZONE_FEES") or DEFAULT_ZONE_FEES


def city_zones() -> dict[str, str]:
    return current_app.config.get("DELIVERY_CITY_ZONES") or DEFAULT_CITY_ZONES


def cities() -> list[str]:
    """Cities offered in the checkout form, then "other"."""
    return sorted(city_zones())


def home_delivery_fee(city: str) -> int:
    """Fee for a city; unknown cities pay the farthest zone's fee."""
    fees = zone_fees()
    return fees.get(city_zones().get(city, OTHER_ZONE), max(fees.values()))
