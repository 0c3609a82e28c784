"""The catalogue's filter choices: small reference lists, kept briefly in the site's one cache.

Categories, halls, groups and cities change a few times a year; re-reading them on every
catalogue page would cost a third of its queries.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy import select

from app import cache
from app.catalog.models import Category, ReferenceName
from app.catalog.queries import is_public_supplier
from app.exhibition.models import Hall
from app.extensions import db
from app.suppliers.models import Group, Supplier


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    labels: dict = field(default_factory=dict, hash=False, compare=False)

    def label_in(self, locale: str) -> str:
        return self.labels.get(locale) or self.label


def _cached(name: str, load: Callable[[], Any]) -> Any:
    """Reference lists change a few times a year; re-reading them on every page costs throughput.

    The TTL is short (REFERENCE_CACHE_SECONDS, 0 in tests) so an admin's edit shows within a minute
    on every app server; nothing here is state a request depends on for correctness.
    """
    seconds = current_app.config["REFERENCE_CACHE_SECONDS"]
    return cache.remember(f"choices:{name}", seconds, load)


def category_choices() -> list[Choice]:
    def load() -> list[Choice]:
        rows = db.session.execute(select(Category.slug, Category.name, Category.name_i18n)
                                  .order_by(Category.position, Category.name))
        return [Choice(slug, name, dict(i18n or {})) for slug, name, i18n in rows]
    return _cached("categories", load)


def hall_choices() -> list[Choice]:
    def load() -> list[Choice]:
        rows = db.session.execute(select(Hall.slug, Hall.title, Hall.title_i18n).order_by(Hall.position, Hall.title))
        return [Choice(slug, title, dict(i18n or {})) for slug, title, i18n in rows]
    return _cached("halls", load)


def group_choices() -> list[Choice]:
    def load() -> list[Choice]:
        return [Choice(slug, name) for slug, name in db.session.execute(
            select(Group.slug, Group.name).order_by(Group.name))]
    return _cached("groups", load)


def city_choices() -> list[Choice]:
    def load() -> list[Choice]:
        cities = db.session.scalars(select(Supplier.city).distinct()
                                    .where(is_public_supplier(), Supplier.city != "").order_by(Supplier.city))
        names = reference_names()
        return [Choice(city, city, names.get(("city", city), {})) for city in cities]
    return _cached("cities", load)


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
