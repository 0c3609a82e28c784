"""Loading the demo: every part is looked up by its slug or e-mail before it is made, so a
second run adds nothing, and `products` only ever tops the catalogue up.

The caller (the `seed-demo` command) commits once at the end; nothing here commits.
"""
from __future__ import annotations

import logging
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from sqlalchemy import func, select

from app.accounts.models import Role, User
from app.accounts.passwords import hash_password
from app.catalog import search
from app.catalog.models import Category, ListingStatus, Product
from app.db import utcnow
from app.demo import data, products, sales
from app.demo.photos import FINAL_SIZE
from app.demo.pool import PhotoPool
from app.exhibition.models import Fair, FairStand, Group, GroupFunder, Hall, HallProduct, PickupKind, PickupPoint
from app.extensions import db
from app.suppliers.models import Supplier, VerificationState
from app.verification.models import LoanStatus, MicrocreditRecord
from app.verification.services import request_verification

log = logging.getLogger(__name__)
POOL_VARIANTS = 6  # pictures per craft: enough variety on a page, few enough to process quickly


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


def seed_demo(product_count: int = 300, *, photo_size: tuple[int, int] = FINAL_SIZE, pool_variants: int = POOL_VARIANTS,
              workers: int | None = None, progress: Progress = no_progress, today: date | None = None) -> SeedReport:
    """Load (or top up) the demo: accounts, verified suppliers, catalogue, halls, fairs, pickup points,
    groups, and a few months of sales."""
    demo = Demo(PhotoPool(photo_size, pool_variants, workers))
    with _timed("accounts and categories"):
        demo.categories = ensure_categories(demo)
        demo.users = ensure_accounts(demo)
    if _missing_suppliers(demo) or products.demo_product_count() < product_count:
        with _timed("photo pool"):
            _prepare_pool(demo, progress)
    with _timed("suppliers and groups"):
        demo.suppliers = ensure_suppliers(demo)
        ensure_applicants(demo)
        ensure_groups(demo)
    with _timed("products"):
        products.top_up(demo, product_count, progress)
    with _timed("halls, fairs, pickup points"):
        ensure_halls(demo)
        ensure_fairs(demo, today or utcnow().date())
        ensure_pickup_points(demo)
        db.session.flush()
    with _timed("sales"):
        sales.ensure_sales(demo, product_count)
    with _timed("search index"):
        # Normally kept by triggers; this builds it (indexing every product at once) if it is missing.
        search.install(db.session.connection())
    log.info("demo loaded: %s", dict(demo.report.created) or "nothing to add")
    return demo.report


def _prepare_pool(demo: Demo, progress: Progress) -> None:
    """Find the pictures earlier runs stored (a top-up must not repaint them), paint the others."""
    kind_of = {demo.categories[c.slug].id: c.photo_kind for c in data.CATEGORIES}
    for category_id, image_ids in products.photos_in_use(list(kind_of)).items():
        if len(image_ids) == demo.pool.variants:  # exactly the pool: nobody added their own photo
            demo.pool.adopt(kind_of[category_id], image_ids)
    kinds = demo.pool.missing(c.photo_kind for c in data.CATEGORIES)
    with progress("Demo photos", len(kinds) * demo.pool.variants) as bar:
        demo.pool.prepare(kinds, bar.update)


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
        user = _user_by_email(seed.email)
        if user is None:
            user = User(email=seed.email, password_hash=hash_password(seed.password), name=seed.name, role=seed.role)
            db.session.add(user)
            demo.report.created["accounts"] += 1
        users[seed.role] = user
    db.session.flush()
    return users


def _user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


# -- suppliers, verified against their microcredit record ------------------------------------

def _missing_suppliers(demo: Demo) -> bool:
    slugs = [s.slug for s in data.SUPPLIERS]
    return db.session.scalar(select(func.count()).where(Supplier.slug.in_(slugs))) < len(slugs)


def ensure_suppliers(demo: Demo) -> dict[str, Supplier]:
    """The demo stands, each proved by the real verification service against a microcredit record."""
    found = {s.slug: s for s in db.session.scalars(
        select(Supplier).where(Supplier.slug.in_([s.slug for s in data.SUPPLIERS])))}
    locked_hash = None  # artisans' own accounts get a password nobody knows
    for number, seed in enumerate(data.SUPPLIERS):
        if seed.slug in found:
            continue
        if seed.slug == data.BENEFICIARY_SUPPLIER:
            user = demo.users[Role.BENEFICIARY]
        else:
            locked_hash = locked_hash or hash_password(secrets.token_urlsafe(32))
            user = _user_by_email(_artisan_email(seed)) or User(
                email=_artisan_email(seed), password_hash=locked_hash, name=seed.name, role=Role.BENEFICIARY)
            db.session.add(user)
            db.session.flush()
        found[seed.slug] = _new_supplier(demo, seed, user, number)
        demo.report.created["suppliers"] += 1
    return {seed.slug: found[seed.slug] for seed in data.SUPPLIERS}


def ensure_applicants(demo: Demo) -> None:
    """Stands waiting in the verification queue: their attempt did not match, so staff must decide."""
    locked_hash = None
    for offset, seed in enumerate(data.APPLICANTS):
        if db.session.scalar(select(Supplier.id).where(Supplier.slug == seed.slug)) is not None:
            continue
        locked_hash = locked_hash or hash_password(secrets.token_urlsafe(32))
        user = _user_by_email(_artisan_email(seed)) or User(
            email=_artisan_email(seed), password_hash=locked_hash, name=seed.name, role=Role.BENEFICIARY)
        db.session.add(user)
        db.session.flush()
        supplier = Supplier(user_id=user.id, slug=seed.slug, display_name=seed.name, trade_name=seed.trade_name,
                            craft=seed.craft, city=seed.city, region=seed.region, story=seed.story)
        db.session.add(supplier)
        db.session.flush()
        number = len(data.SUPPLIERS) + offset
        cin, institution, reference = _loan(seed, number)
        if offset == 0:  # the record exists, but the CIN typed does not match it
            _ensure_record(seed, number, cin, institution, reference)
            cin = cin[:-1] + str((int(cin[-1]) + 1) % 10)
        request_verification(supplier.id, cin, institution, reference, requested_by_id=user.id)
        demo.report.created["applicants"] += 1


def _artisan_email(seed: data.SupplierSeed) -> str:
    return f"{seed.slug}@artisans.{data.DOMAIN}"


def _new_supplier(demo: Demo, seed: data.SupplierSeed, user: User, number: int) -> Supplier:
    kind = next(c.photo_kind for c in data.CATEGORIES if c.slug == seed.category)
    supplier = Supplier(
        user_id=user.id, slug=seed.slug, display_name=seed.name, trade_name=seed.trade_name, craft=seed.craft,
        city=seed.city, region=seed.region, story=seed.story,
        story_i18n={k: v for k, v in (("ar", seed.story_ar), ("en", seed.story_en)) if v},
        photo_id=demo.pool.image_id(kind, number), verification_state=VerificationState.UNVERIFIED,
    )
    db.session.add(supplier)
    db.session.flush()
    cin, institution, reference = _loan(seed, number)
    _ensure_record(seed, number, cin, institution, reference)
    attempt = request_verification(supplier.id, cin, institution, reference, requested_by_id=user.id)
    if not attempt.verified:  # never expected: the record was made to match
        raise RuntimeError(f"demo supplier {seed.slug} did not verify")
    return supplier


def _loan(seed: data.SupplierSeed, number: int) -> tuple[str, str, str]:
    """An invented CIN and loan for the supplier (letters as on real cards, never a real person's)."""
    institution = data.INSTITUTIONS[number % len(data.INSTITUTIONS)]
    prefix = "".join(w[0] for w in institution.replace("-", " ").split()[:2]).upper()
    letters = ("EE", "BK", "JB", "HA", "AB", "CD", "J", "K")[number % 8]
    return f"{letters}{310_000 + number * 7919 % 600_000}", institution, f"{prefix}-2024-{10_457 + number * 37:06d}"


def _ensure_record(seed: data.SupplierSeed, number: int, cin: str, institution: str, reference: str) -> None:
    from app.verification.cin import cin_hmac

    exists = db.session.scalar(select(MicrocreditRecord.id).where(
        MicrocreditRecord.institution == institution, MicrocreditRecord.loan_reference == reference))
    if exists is None:
        disbursed = date(2023, 1, 15) + timedelta(days=number * 19)
        db.session.add(MicrocreditRecord(
            institution=institution, loan_reference=reference, national_id_hmac=cin_hmac(cin),
            full_name=seed.name, city=seed.city, activity=seed.craft,
            status=LoanStatus.REPAID if number % 4 == 3 else LoanStatus.ACTIVE, disbursed_on=disbursed,
            closed_on=disbursed + timedelta(days=540) if number % 4 == 3 else None))
        db.session.flush()


# -- groups ----------------------------------------------------------------------------------

def ensure_groups(demo: Demo) -> None:
    for seed in data.GROUPS:
        if db.session.scalar(select(Group.id).where(Group.slug == seed.slug)) is not None:
            continue
        manager = demo.users[Role.GROUP_MANAGER] if seed.managed_by_demo_manager else None
        group = Group(slug=seed.slug, name=seed.name, city=seed.city, commission_bp=seed.commission_bp,
                      description=seed.description, description_i18n=dict(seed.description_i18n),
                      manager_id=manager.id if manager else None,
                      funders=[GroupFunder(name=name, kind=kind) for name, kind in seed.funders])
        db.session.add(group)
        db.session.flush()
        for slug in seed.members:
            member = demo.suppliers[slug]
            if member.group_id is None:
                member.group_id = group.id
        demo.report.created["groups"] += 1
    db.session.flush()


# -- halls, fairs, pickup points -------------------------------------------------------------

def ensure_halls(demo: Demo) -> None:
    """Each hall with its cover and an ordered selection; a hall made with few products is filled later."""
    for position, seed in enumerate(data.HALLS):
        hall = db.session.scalar(select(Hall).where(Hall.slug == seed.slug))
        if hall is None:
            kind = next(c.photo_kind for c in data.CATEGORIES if c.slug == seed.categories[0])
            hall = Hall(slug=seed.slug, title=seed.title["fr"], title_i18n=dict(seed.title),
                        intro=seed.intro["fr"], intro_i18n=dict(seed.intro), position=position,
                        featured=seed.featured, cover_id=demo.pool.image_id(kind, seed.cover_variant))
            db.session.add(hall)
            db.session.flush()
            demo.report.created["halls"] += 1
        _fill_hall(demo, hall, seed)


def _fill_hall(demo: Demo, hall: Hall, seed: data.HallSeed) -> None:
    present = set(db.session.scalars(select(HallProduct.product_id).where(HallProduct.hall_id == hall.id)))
    room = data.HALL_SIZE - len(present)
    if room <= 0:
        return
    category_ids = [demo.categories[slug].id for slug in seed.categories]
    candidates = db.session.scalars(
        select(Product.id).join(Supplier, Supplier.id == Product.supplier_id)
        .where(Product.category_id.in_(category_ids), Product.status == ListingStatus.PUBLISHED,
               Supplier.slug.in_(list(demo.suppliers)))
        .order_by(Product.id).limit(data.HALL_SIZE * 2))
    chosen = [pid for pid in candidates if pid not in present][:room]
    for offset, product_id in enumerate(chosen):
        db.session.add(HallProduct(hall_id=hall.id, product_id=product_id, position=len(present) + offset))
    demo.report.created["hall entries"] += len(chosen)


def ensure_fairs(demo: Demo, today: date) -> None:
    """Fairs dated from the day of the first load: two to come, the others past."""
    for seed in data.FAIRS:
        if db.session.scalar(select(Fair.id).where(Fair.slug == seed.slug)) is not None:
            continue
        starts = today + timedelta(days=seed.starts_in_days)
        fair = Fair(slug=seed.slug, name=seed.name, name_i18n={"fr": seed.name, "ar": seed.ar, "en": seed.en},
                    city=seed.city, venue=seed.venue, starts_on=starts, ends_on=starts + timedelta(days=seed.days - 1),
                    description=seed.description)
        region = data.CITIES[seed.city][0]
        # Stands from the fair's own region first, then from everywhere else, in a fixed order.
        ordered = sorted(data.SUPPLIERS, key=lambda s: (s.region != region, data.SUPPLIERS.index(s)))
        fair.stands = [FairStand(supplier_id=demo.suppliers[s.slug].id, stand_label=f"{chr(65 + k // 8)}{k % 8 + 1}")
                       for k, s in enumerate(ordered[: seed.stands])]
        db.session.add(fair)
        demo.report.created["fairs"] += 1
    db.session.flush()


def ensure_pickup_points(demo: Demo) -> None:
    existing = set(db.session.scalars(select(PickupPoint.slug)))
    for seed in data.PICKUP_POINTS:
        if seed.slug in existing:
            continue
        db.session.add(PickupPoint(slug=seed.slug, name=seed.name, kind=PickupKind(seed.kind), city=seed.city,
                                   address=seed.address, opening_hours=seed.opening_hours, phone=seed.phone))
        demo.report.created["pickup points"] += 1
    db.session.flush()
