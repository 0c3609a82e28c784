"""The part of the schema.org vocabulary our JSON-LD uses, copied from schema.org's type pages, and a checker.

Each type lists its own properties; a type also has those of its parents (Thing at the root).
`check` walks a JSON-LD document and returns what schema.org would refuse: an unknown type, a
property the type does not have, a value of the wrong type, an availability outside ItemAvailability.
"""
from __future__ import annotations

import re

SCHEMA = "https://schema.org"
PARENT = {"Product": "Thing", "Organization": "Thing", "Intangible": "Thing", "Offer": "Intangible",
          "Brand": "Intangible", "ItemList": "Intangible", "BreadcrumbList": "ItemList", "ListItem": "Intangible"}
PROPERTIES = {
    "Thing": {"name", "description", "url", "image", "sameAs", "identifier", "alternateName"},
    "Intangible": set(),
    "Product": {"sku", "brand", "offers", "category", "gtin", "color", "material", "aggregateRating", "review",
                "productID", "manufacturer"},
    "Offer": {"price", "priceCurrency", "availability", "seller", "itemCondition", "priceValidUntil",
              "itemOffered", "availableAtOrFrom"},
    "Brand": {"logo", "slogan"},
    "Organization": {"logo", "address", "email", "telephone", "brand", "founder", "foundingDate"},
    "ItemList": {"itemListElement", "numberOfItems", "itemListOrder"},
    "BreadcrumbList": set(),
    "ListItem": {"position", "item", "nextItem", "previousItem"},
}
# Where a property expects a thing, the types it accepts (text, URL and number properties are checked below).
RANGES = {"offers": {"Offer"}, "brand": {"Brand", "Organization"}, "seller": {"Organization", "Person"},
          "itemListElement": {"ListItem"}}
ITEM_AVAILABILITY = {f"{SCHEMA}/{name}" for name in (
    "InStock", "OutOfStock", "PreOrder", "SoldOut", "LimitedAvailability", "OnlineOnly", "InStoreOnly",
    "Discontinued", "BackOrder", "PreSale", "MadeToOrder")}
URL = re.compile(r"https?://\S+")


def properties_of(type_name: str) -> set[str]:
    names: set[str] = set()
    while type_name:
        names |= PROPERTIES[type_name]
        type_name = PARENT.get(type_name, "")
    return names


def check(node: dict, path: str = "$") -> list[str]:
    """The problems of one JSON-LD node and of the nodes inside it (empty when valid)."""
    kind = node.get("@type")
    if kind not in PROPERTIES:
        return [f"{path}: unknown type {kind!r}"]
    problems = [f"{path}.{key}: {kind} has no such property" for key in node
                if not key.startswith("@") and key not in properties_of(kind)]
    for key, value in node.items():
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}.{key}[{index}]"
            if isinstance(item, dict):
                if key in RANGES and item.get("@type") not in RANGES[key]:
                    problems.append(f"{where}: {item.get('@type')} is not a {RANGES[key]}")
                problems += check(item, where)
            elif key in ("url", "image", "logo", "item") and not URL.fullmatch(str(item)):
                problems.append(f"{where}: not an absolute URL")
    if kind == "Offer":
        if not re.fullmatch(r"\d+(\.\d+)?", str(node.get("price", ""))):
            problems.append(f"{path}.price: not a number")
        if not re.fullmatch(r"[A-Z]{3}", str(node.get("priceCurrency", ""))):
            problems.append(f"{path}.priceCurrency: not an ISO 4217 code")
        if node.get("availability") not in ITEM_AVAILABILITY:
            problems.append(f"{path}.availability: not an ItemAvailability")
    if kind == "ListItem" and not isinstance(node.get("position"), int):
        problems.append(f"{path}.position: not an integer")
    return problems
