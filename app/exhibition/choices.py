"""The catalogue's filter choices: small reference lists, kept briefly in the site's one cache.

Categories, halls, groups and cities change a few times a year; re-reading them on every
catalogue page would cost a third of its queries.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from flask import current_app
from sqlalchemy import select

from app import cache
from app.catalog.models import Category, ReferenceName
from app.catalog.queries import is_public_supplier
from app.exhibition.models import Hall
from app.extensions import db
from app.suppliers.models import Group, Supplier


class FilterChoices(NamedTuple):
    """The catalogue's four lists as (value, label) pairs in one language: plain values, so they can
    name the catalogue's remembered body (app.web.fragments) as well as fill it."""

    categories: tuple[tuple[str, str], ...]
    halls: tuple[tuple[str, str], ...]
    cities: tuple[tuple[str, str], ...]
    groups: tuple[tuple[str, str], ...]


def _cached(name: str, load: Callable[[], Any]) -> Any:
    """Reference lists change a few times a year; re-reading them on every page costs throughput.

    The TTL is short (REFERENCE_CACHE_SECONDS, 0 in tests) so an admin's edit shows within a minute
    on every app server; nothing here is state a request depends on for correctness.
    """
    seconds = current_app.config["REFERENCE_CACHE_SECONDS"]
    return cache.remember(f"choices:{name}", seconds, load)


def filter_choices(locale: str) -> FilterChoices:
    """The catalogue's filter lists in `locale` (groups keep their own names), kept briefly per language."""
    def load() -> FilterChoices:
        return FilterChoices(_categories(locale), _halls(locale), _cities(locale), _groups())
    return _cached(f"filters:{locale}", load)


def _categories(locale: str) -> tuple[tuple[str, str], ...]:
    rows = db.session.execute(select(Category.slug, Category.name, Category.name_i18n)
                              .order_by(Category.position, Category.name))
    return tuple((slug, (i18n or {}).get(locale) or name) for slug, name, i18n in rows)


def _halls(locale: str) -> tuple[tuple[str, str], ...]:
    rows = db.session.execute(select(Hall.slug, Hall.title, Hall.title_i18n).order_by(Hall.position, Hall.title))
    return tuple((slug, (i18n or {}).get(locale) or title) for slug, title, i18n in rows)


def _groups() -> tuple[tuple[str, str], ...]:
    return tuple((slug, name) for slug, name in db.session.execute(select(Group.slug, Group.name).order_by(Group.name)))


def _cities(locale: str) -> tuple[tuple[str, str], ...]:
    cities = db.session.scalars(select(Supplier.city).distinct()
                                .where(is_public_supplier(), Supplier.city != "").order_by(Supplier.city))
    names = reference_names()
    return tuple((city, translated_name("city", city, locale, names)) for city in cities)


def translated_name(kind: str, name: str, locale: str, names: dict | None = None) -> str:
    """A city, region or craft in `locale` (the stand's own words when staff gave none);
    `names` is `reference_names()` when the caller already holds it."""
    found = (names if names is not None else reference_names()).get((kind, name)) or {}
    return found.get(locale) or name


def reference_names() -> dict[tuple[str, str], dict[str, str]]:
    """{("city", "Fès"): {"ar": "فاس", "en": "Fez"}, ("craft", "Potière"): {...}}: every translated name."""
    def load() -> dict[tuple[str, str], dict[str, str]]:
        rows = db.session.execute(select(ReferenceName.kind, ReferenceName.name, ReferenceName.name_i18n))
        return {(str(kind), name): dict(i18n or {}) for kind, name, i18n in rows}
    return _cached("reference-names", load)
