"""Reads of the exhibition: public halls, stands, fairs, groups and pickup points, and the groups
a group manager may touch.

Suppliers appear only when public (`app.catalog.queries.is_public_supplier`), products only
when public (`published_products`): the rule is not repeated here.
"""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.catalog.models import Product
from app.catalog.queries import (
    CardPage,
    is_public_supplier,
    page_of_cards,
    published_products,
)
from app.errors import NotFound
from app.exhibition.models import Fair, FairStand, Hall, HallProduct, PickupKind, PickupPoint
from app.extensions import db
from app.suppliers.models import Group, Supplier


def today() -> date:
    """Fairs start and end on Moroccan calendar days, whatever the server's timezone."""
    return datetime.now(_zone()).date()


def day_start(day: date) -> datetime:
    """Midnight of a Moroccan calendar day, as the aware datetime orders and sales are stamped with."""
    return datetime.combine(day, time(), tzinfo=_zone())


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def halls() -> list[Hall]:
    return list(db.session.scalars(select(Hall).options(joinedload(Hall.cover)).order_by(Hall.position, Hall.title)))


def featured_halls(limit: int = 6) -> list[Hall]:
    stmt = (select(Hall).options(joinedload(Hall.cover)).where(Hall.featured)
            .order_by(Hall.position, Hall.title).limit(limit))
    return list(db.session.scalars(stmt))


def hall_by_slug(slug: str) -> Hall:
    hall = db.session.scalar(select(Hall).options(joinedload(Hall.cover)).where(Hall.slug == slug))
    if hall is None:
        raise NotFound()
    return hall


def hall_cards(hall: Hall, page: int, per_page: int, locale: str) -> CardPage:
    """The hall's public products in the curators' order."""
    stmt = (published_products(Product.id)
            .join(HallProduct, HallProduct.product_id == Product.id)
            .where(HallProduct.hall_id == hall.id)
            .order_by(HallProduct.position, HallProduct.id))
    return page_of_cards(stmt, page, per_page, locale)


def hall_stands(hall: Hall) -> list[Supplier]:
    """The public stands whose products the hall shows, by name: a visitor goes on from a piece to its maker."""
    shown = (published_products(Product.supplier_id).join(HallProduct, HallProduct.product_id == Product.id)
             .where(HallProduct.hall_id == hall.id))
    stmt = (select(Supplier).options(joinedload(Supplier.photo))
            .where(Supplier.id.in_(shown), is_public_supplier()).order_by(Supplier.display_name))
    return list(db.session.scalars(stmt))


def public_supplier_by_slug(slug: str) -> Supplier:
    """A stand: only verified (or flagged, under review) beneficiaries; NotFound otherwise."""
    stmt = (select(Supplier).options(joinedload(Supplier.photo), joinedload(Supplier.group))
            .where(Supplier.slug == slug, is_public_supplier()))
    supplier = db.session.scalar(stmt)
    if supplier is None:
        raise NotFound()
    return supplier


def public_supplier_slugs() -> list[str]:
    """Every stand a visitor may open (the sitemap lists them)."""
    return list(db.session.scalars(select(Supplier.slug).where(is_public_supplier()).order_by(Supplier.id)))


def upcoming_fairs(today: date, limit: int | None = None) -> list[Fair]:
    stmt = select(Fair).where(Fair.ends_on >= today).order_by(Fair.starts_on, Fair.name)
    if limit:
        stmt = stmt.limit(limit)
    return list(db.session.scalars(stmt))


def past_fairs(today: date, limit: int | None = 20) -> list[Fair]:
    """The fairs that are over, latest first (`limit=None`: every one, for the sitemap)."""
    stmt = select(Fair).where(Fair.ends_on < today).order_by(Fair.starts_on.desc()).limit(limit)
    return list(db.session.scalars(stmt))


def fair_by_slug(slug: str) -> Fair:
    fair = db.session.scalar(select(Fair).where(Fair.slug == slug))
    if fair is None:
        raise NotFound()
    return fair


def fair_stands(fair: Fair) -> list[FairStand]:
    """The fair's stands whose supplier is public, by stand label then name."""
    stmt = (select(FairStand).join(Supplier, Supplier.id == FairStand.supplier_id)
            .options(joinedload(FairStand.supplier).joinedload(Supplier.photo))
            .where(FairStand.fair_id == fair.id, is_public_supplier())
            .order_by(FairStand.stand_label, Supplier.display_name))
    return list(db.session.scalars(stmt))


def stand_at_fair(fair_slug: str, supplier_slug: str) -> FairStand:
    """A public supplier's stand at a fair; NotFound if the supplier is not a stand of that fair."""
    stmt = (select(FairStand).join(Fair, Fair.id == FairStand.fair_id)
            .join(Supplier, Supplier.id == FairStand.supplier_id)
            .options(joinedload(FairStand.fair), joinedload(FairStand.supplier))
            .where(Fair.slug == fair_slug, Supplier.slug == supplier_slug, is_public_supplier()))
    stand = db.session.scalar(stmt)
    if stand is None:
        raise NotFound()
    return stand


def fairs_of_supplier(supplier_id: int, today: date) -> list[Fair]:
    """Upcoming fairs where this supplier has a stand."""
    stmt = (select(Fair).join(FairStand, FairStand.fair_id == Fair.id)
            .where(FairStand.supplier_id == supplier_id, Fair.ends_on >= today).order_by(Fair.starts_on))
    return list(db.session.scalars(stmt))


def groups() -> list[Group]:
    return list(db.session.scalars(select(Group).order_by(Group.name)))


def group_by_slug(slug: str) -> Group:
    group = db.session.scalar(select(Group).options(selectinload(Group.funders)).where(Group.slug == slug))
    if group is None:
        raise NotFound()
    return group


def group_members(group: Group) -> list[Supplier]:
    stmt = (select(Supplier).options(joinedload(Supplier.photo))
            .where(Supplier.group_id == group.id, is_public_supplier()).order_by(Supplier.display_name))
    return list(db.session.scalars(stmt))


def pickup_points(city: str = "") -> list[PickupPoint]:
    """Active pickup points by city, solidarity spaces before proximity shops."""
    stmt = select(PickupPoint).where(PickupPoint.active)
    if city:
        stmt = stmt.where(PickupPoint.city == city)
    points = list(db.session.scalars(stmt.order_by(PickupPoint.city, PickupPoint.name)))
    order = {PickupKind.SOLIDARITY_SPACE: 0, PickupKind.PROXIMITY_SHOP: 1}
    return sorted(points, key=lambda p: (p.city, order.get(p.kind, 9), p.name))


# -- what a group manager may touch ----------------------------------------------------------

def groups_managed_by(user_id: int) -> list[Group]:
    """The groups whose manager is this user: the only ones they may edit."""
    return list(db.session.scalars(select(Group).where(Group.manager_id == user_id).order_by(Group.name)))


def recruitable_suppliers(group_id: int) -> list[Supplier]:
    """Public suppliers a group manager may list as members: theirs already, or of no group."""
    return list(db.session.scalars(
        select(Supplier).where(is_public_supplier(), (Supplier.group_id.is_(None)) | (Supplier.group_id == group_id))
        .order_by(Supplier.display_name)))


def managed_group(group_id: int, user_id: int) -> Group:
    """A group this user manages; any other group is "not found" (not "forbidden": no probing of ids)."""
    group = db.session.scalar(select(Group).where(Group.id == group_id, Group.manager_id == user_id))
    if group is None:
        raise NotFound()
    return group
