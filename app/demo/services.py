"""Loading the demo: every part is looked up by its slug or e-mail before it is made, so a
second run adds nothing, and `products` only ever tops the catalogue up.

The caller (the `seed-demo` command) commits once at the end; nothing here commits.
"""
from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from sqlalchemy import select

from app.accounts.models import Role, User
from app.accounts.passwords import hash_password
from app.accounts.second_factor import needs_second_factor
from app.catalog import search
from app.catalog.models import Category
from app.db import utcnow
from app.demo import data, places, products, sales, stands
from app.demo.photos import FINAL_SIZE
from app.demo.pool import PhotoPool
from app.extensions import db
from app.suppliers.models import Supplier

log = logging.getLogger(__name__)


class Bar(Protocol):
    def update(self, n: int) -> Any: ...


# (label, total) -> a context manager giving something with update(n), e.g. click.progressbar
Progress = Callable[[str, int], AbstractContextManager[Bar]]


class _NoBar:
    def update(self, n: int) -> None:
        return None


def no_progress(label: str, total: int) -> AbstractContextManager[Bar]:
    return nullcontext(_NoBar())


@dataclass
class SeedReport:
    """What the run found and what it added."""

    accounts: list[data.AccountSeed]
    newcomer_record: data.RecordSeed = data.NEWCOMER_RECORD
    products_before: int = 0
    products_after: int = 0
    created: Counter = field(default_factory=Counter)

    @property
    def already_there(self) -> bool:
        return not any(self.created.values())


@dataclass
class Demo:
    """The rows a run works with, found or made."""

    pool: PhotoPool
    categories: dict[str, Category] = field(default_factory=dict)
    users: dict[Role, User] = field(default_factory=dict)
    suppliers: dict[str, Supplier] = field(default_factory=dict)
    report: SeedReport = field(default_factory=lambda: SeedReport(data.ACCOUNTS))


def seed_demo(product_count: int = 300, *, photo_size: tuple[int, int] = FINAL_SIZE, workers: int | None = None,
              progress: Progress = no_progress, today: date | None = None) -> SeedReport:
    """Load (or top up) the demo: accounts, verified suppliers, catalogue, halls, fairs, pickup points,
    groups, and a few months of sales."""
    demo = Demo(PhotoPool(photo_size, workers))
    with _timed("accounts and categories"):
        demo.categories = ensure_categories(demo)
        demo.users = ensure_accounts(demo)
    if stands.missing_suppliers() or products.demo_product_count() < product_count:
        with _timed("photo pool"):
            _prepare_pool(demo, product_count, progress)
    with _timed("suppliers and groups"):
        demo.suppliers = stands.ensure_suppliers(demo)
        stands.ensure_applicants(demo)
        stands.ensure_newcomer_record(demo)
        places.ensure_groups(demo)
    with _timed("products"):
        products.top_up(demo, product_count, progress)
    with _timed("halls, fairs, pickup points"):
        places.ensure_halls(demo)
        places.ensure_fairs(demo, today or utcnow().date())
        places.ensure_pickup_points(demo)
        places.ensure_reference_names()
        db.session.flush()
    with _timed("sales"):
        sales.ensure_sales(demo, product_count)
    with _timed("search index"):
        # Normally kept by triggers; this builds it (indexing every product at once) if it is missing.
        search.install(db.session.connection())
    log.info("demo loaded: %s", dict(demo.report.created) or "nothing to add")
    return demo.report


def _prepare_pool(demo: Demo, product_count: int, progress: Progress) -> None:
    """Find the pictures earlier runs stored (a top-up must not repaint them), paint the others."""
    before = products.demo_product_count()
    looks = products.looks_of(before, product_count) | stands.portrait_looks()
    for look, image_id in (stands.stored_portraits() | products.stored_looks(before, looks)).items():
        demo.pool.adopt(look, image_id)
    missing = sorted(look for look in looks if not demo.pool.known(look))
    with progress("Demo photos", len(missing)) as bar:
        demo.pool.prepare(missing, bar.update)


@contextmanager
def _timed(stage: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    log.info("demo %s: %.1f s", stage, time.perf_counter() - started)


# -- categories and accounts -----------------------------------------------------------------

def ensure_categories(demo: Demo) -> dict[str, Category]:
    found = {c.slug: c for c in db.session.scalars(select(Category))}
    for position, seed in enumerate(data.CATEGORIES):
        if seed.slug not in found:
            found[seed.slug] = Category(slug=seed.slug, name=seed.name, position=position,
                                        name_i18n={"fr": seed.name, "ar": seed.ar, "en": seed.en})
            db.session.add(found[seed.slug])
            demo.report.created["categories"] += 1
    db.session.flush()
    return {seed.slug: found[seed.slug] for seed in data.CATEGORIES}


def ensure_accounts(demo: Demo) -> dict[Role, User]:
    users = {}
    for seed in data.ACCOUNTS:
        user = stands.user_by_email(seed.email)
        if user is None:
            user = User(email=seed.email, password_hash=hash_password(seed.password), name=seed.name, role=seed.role)
            if needs_second_factor(user):
                user.totp_secret = data.DEMO_TOTP_SECRET  # enrolled already, so a newcomer logs in at once
            db.session.add(user)
            demo.report.created["accounts"] += 1
        users[seed.role] = user
    db.session.flush()
    return users
