"""The demo's exhibition: groups, halls with their selections, fairs with stands, pickup points, and
the Arabic and English names of its cities, regions and crafts."""
from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.accounts.models import Role
from app.catalog.models import ListingStatus, NameKind, Product, ProductImage, ReferenceName
from app.demo import data
from app.exhibition.models import Fair, FairStand, Hall, HallProduct, PickupKind, PickupPoint
from app.extensions import db
from app.suppliers.models import Group, GroupFunder, Supplier

if TYPE_CHECKING:
    from app.demo.services import Demo


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
            hall = Hall(slug=seed.slug, title=seed.title["fr"], title_i18n=dict(seed.title),
                        intro=seed.intro["fr"], intro_i18n=dict(seed.intro), position=position,
                        featured=seed.featured, cover_id=demo.pool.image_id(seed.cover))
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
    candidates = db.session.execute(
        select(Product.id, ProductImage.image_id).join(Supplier, Supplier.id == Product.supplier_id)
        .join(ProductImage, (ProductImage.product_id == Product.id) & (ProductImage.position == 0))
        .where(Product.category_id.in_(category_ids), Product.status == ListingStatus.PUBLISHED,
               Supplier.slug.in_(list(demo.suppliers)), Product.id.not_in(present))
        .order_by(Product.id).limit(data.HALL_SIZE * 8)).all()
    # A curated selection: a different picture for each piece while there are enough, then the rest.
    distinct: list[int] = []
    repeats: list[int] = []
    seen: set[int] = set()
    for product_id, image_id in candidates:
        (repeats if image_id in seen else distinct).append(product_id)
        seen.add(image_id)
    chosen = (distinct + repeats)[:room]
    for offset, product_id in enumerate(chosen):
        db.session.add(HallProduct(hall_id=hall.id, product_id=product_id, position=len(present) + offset))
    demo.report.created["hall entries"] += len(chosen)


def ensure_fairs(demo: Demo, today: date) -> None:
    """Fairs dated from the day of the first load: two to come, the others past."""
    for seed in data.FAIRS:
        if db.session.scalar(select(Fair.id).where(Fair.slug == seed.slug)) is not None:
            continue
        starts = today + timedelta(days=seed.starts_in_days)
        details = data.FAIR_DETAILS[seed.slug]
        fair = Fair(slug=seed.slug, name=seed.name, name_i18n={"fr": seed.name, "ar": seed.ar, "en": seed.en},
                    city=seed.city, venue=seed.venue, venue_i18n=dict(details["venue"]),
                    starts_on=starts, ends_on=starts + timedelta(days=seed.days - 1),
                    description=seed.description, description_i18n=dict(details["description"]))
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
        ar, en = data.PICKUP_NAMES[seed.slug]
        db.session.add(PickupPoint(slug=seed.slug, name=seed.name, name_i18n={"ar": ar, "en": en},
                                   kind=PickupKind(seed.kind), city=seed.city, address=seed.address,
                                   opening_hours=seed.opening_hours, phone=seed.phone))
        demo.report.created["pickup points"] += 1
    db.session.flush()


# -- names of cities and crafts ----------------------------------------------------------------

def ensure_reference_names() -> None:
    existing = set(db.session.execute(select(ReferenceName.kind, ReferenceName.name)).tuples())
    names = [(NameKind.CITY, city, arabic, english) for city, (_, arabic, english) in data.CITIES.items()]
    names += [(NameKind.REGION, region, arabic, english) for region, (arabic, english) in data.REGIONS.items()]
    names += [(NameKind.CRAFT, craft, arabic, english) for craft, (arabic, english) in data.CRAFTS.items()]
    db.session.add_all(ReferenceName(kind=kind, name=name, name_i18n={"ar": arabic, "en": english})
                       for kind, name, arabic, english in names if (kind, name) not in existing)
