"""The catalogue's URL parameters, read and checked: what the visitor asked for, as a CatalogueQuery.

Anything malformed is a BadQuery (400, with a message the visitor can act on), never a 500.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from app.catalog import search
from app.errors import DomainError
from app.money import to_centimes
from app.numbers import MAX_PAGE, page_number, western_digits

SORTS = ("newest", "price_asc", "price_desc")
MAX_PRICE_CENTIMES = 99_999_999  # under a million MAD: anything above is a typo or an attack
MAX_QUERY_LENGTH = 200
_AMOUNT = re.compile(r"[0-9]{1,6}(?:[.,][0-9]{1,2})?")  # what the API document's pattern says


class BadQuery(DomainError):
    """A catalogue parameter that cannot be understood (shown to the visitor)."""

    status = 400


@dataclass(frozen=True)
class CatalogueQuery:
    """The catalogue's filters as the URL gives them (slugs, not ids: URLs must stay stable)."""

    q: str = ""
    category: str = ""
    hall: str = ""
    city: str = ""
    group: str = ""
    supplier: str = ""  # a stand's slug (the stand page, the API)
    min_price: int | None = None  # centimes
    max_price: int | None = None
    sort: str = ""  # "" = relevance when searching, newest otherwise
    page: int = 1

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if search.terms(self.q) else "newest")

    def url_args(self, **changes: Any) -> dict[str, Any]:
        """Non-empty URL parameters, with `changes` applied (for pagination and filter links)."""
        values = {"q": self.q, "category": self.category, "hall": self.hall, "city": self.city,
                  "group": self.group, "supplier": self.supplier, "min_price": _mad(self.min_price),
                  "max_price": _mad(self.max_price), "sort": self.sort, "page": self.page}
        values.update(changes)
        if values.get("page") == 1:
            values.pop("page")
        return {k: v for k, v in values.items() if v not in ("", None)}

    @property
    def is_filtered(self) -> bool:
        return bool(self.q or self.category or self.hall or self.city or self.group or self.supplier
                    or self.min_price is not None or self.max_price is not None)


def _mad(centimes: int | None) -> str | None:
    if centimes is None:
        return None
    return f"{centimes // 100}" if centimes % 100 == 0 else f"{centimes / 100:.2f}"


def _text(args: Mapping[str, str], name: str, max_length: int = 80) -> str:
    value = args.get(name) or ""
    if len(value) > max_length:  # before stripping: the API document bounds what is sent
        raise BadQuery(_l("The value of “%(name)s” is too long.", name=name))
    return value.strip()


def _price(args: Mapping[str, str], name: str) -> int | None:
    raw = western_digits(args.get(name) or "").strip(" ")
    if not raw:
        return None
    # Only plain amounts ("150", "99.50", "99,5"): no signs, exponents, NaN or thousands separators.
    centimes = to_centimes(raw) if _AMOUNT.fullmatch(raw) else -1
    if not 0 <= centimes <= MAX_PRICE_CENTIMES:
        raise BadQuery(_l("Prices must be amounts in dirhams, for example 150 or 99.50."))
    return centimes


def parse_page(args: Mapping[str, str]) -> int:
    page = page_number(args.get("page") or "1")
    if page is None:
        raise BadQuery(_l("The page number must be a whole number from 1 to %(max)s.", max=MAX_PAGE))
    return page


def parse_catalogue_args(args: Mapping[str, str]) -> CatalogueQuery:
    """Validate the catalogue's URL parameters; anything malformed is a 400 with a clear message."""
    sort = _text(args, "sort")
    if sort and sort not in SORTS:
        raise BadQuery(_l("Unknown sort order. Choose newest, price_asc or price_desc."))
    query = CatalogueQuery(
        q=_text(args, "q", MAX_QUERY_LENGTH), category=_text(args, "category"), hall=_text(args, "hall"),
        city=_text(args, "city"), group=_text(args, "group"), supplier=_text(args, "supplier", 120),
        min_price=_price(args, "min_price"),
        max_price=_price(args, "max_price"), sort=sort, page=parse_page(args),
    )
    if query.min_price is not None and query.max_price is not None and query.min_price > query.max_price:
        raise BadQuery(_l("The minimum price is above the maximum price."))
    return query
