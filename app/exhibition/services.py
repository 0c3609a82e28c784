"""Staff management of the exhibition: categories, halls and their ordered selection, fairs and
their stands, pickup points, groups. Every change is audited; services flush, never commit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from app.accounts.models import Role, User
from app.audit.services import record
from app.catalog.models import Category, NameKind, Product, ReferenceName
from app.catalog.queries import is_public_product, is_public_supplier
from app.errors import Invalid, NotFound
from app.exhibition.models import (
    Fair,
    FairStand,
    Hall,
    HallProduct,
    PickupKind,
    PickupPoint,
)
from app.extensions import db
from app.media.services import add_image
from app.slugs import slugify
from app.suppliers.models import Group, GroupFunder, Supplier

TRANSLATED = ("ar", "en")


def i18n(values: dict[str, str | None]) -> dict[str, str]:
    """{"ar": "...", "en": ""} -> only the languages actually given."""
    return {lang: text.strip() for lang, text in values.items() if lang in TRANSLATED and text and text.strip()}


def unique_slug(model, text: str, fallback: str, current_id: int | None = None) -> str:
    """A slug from `text` not used by another row of `model` (suffix -2, -3 ... when taken)."""
    base = slugify(text, 70) or fallback
    taken = set(db.session.scalars(select(model.slug).where(model.slug.like(f"{base}%"),
                                                            model.id != (current_id or 0))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _get(model, object_id: int):
    obj = db.session.get(model, object_id)
    if obj is None:
        raise NotFound()
    return obj


def _save(model, object_id: int | None, audit_type: str, actor_id: int, fallback_slug: str, slug_from: str, /,
          **values):
    obj = _get(model, object_id) if object_id else model()
    for name, value in values.items():
        setattr(obj, name, value)
    if not object_id:
        obj.slug = unique_slug(model, slug_from, fallback_slug)
        db.session.add(obj)
    db.session.flush()
    record(f"{audit_type}.{'updated' if object_id else 'created'}", audit_type, obj.id, actor_id,
           name=slug_from[:80])
    return obj


# -- categories ----------------------------------------------------------------------------

def save_category(category_id: int | None, *, name: str, translations: dict, position: int, actor_id: int):
    return _save(Category, category_id, "category", actor_id, "category", name,
                 name=name.strip(), name_i18n=i18n(translations), position=position)


# -- names of cities and crafts ---------------------------------------------------------

def save_reference_name(name_id: int | None, *, kind: NameKind, name: str, translations: dict,
                        actor_id: int) -> ReferenceName:
    """One translation row per (kind, name): a second row for the same name is refused, not merged."""
    name = name.strip()
    taken = db.session.scalar(select(ReferenceName.id).where(
        ReferenceName.kind == kind, ReferenceName.name == name, ReferenceName.id != (name_id or 0)))
    if taken:
        raise Invalid(_l("“%(name)s” is already translated: edit that entry.", name=name))
    obj = _get(ReferenceName, name_id) if name_id else ReferenceName()
    obj.kind, obj.name, obj.name_i18n = kind, name, i18n(translations)
    db.session.add(obj)
    db.session.flush()
    record(f"reference_name.{'updated' if name_id else 'created'}", "reference_name", obj.id, actor_id,
           name=name[:80])
    return obj


def untranslated_names() -> list[tuple[NameKind, str]]:
    """Cities, regions and crafts that public stands use and nobody has translated yet: staff's to-do list."""
    found = []
    for kind, column in ((NameKind.CITY, Supplier.city), (NameKind.REGION, Supplier.region),
                         (NameKind.CRAFT, Supplier.craft)):
        translated = select(ReferenceName.name).where(ReferenceName.kind == kind)
        found += [(kind, name) for name in db.session.scalars(
            select(column).distinct().where(is_public_supplier(), column != "", column.not_in(translated))
            .order_by(column))]
    return found


# -- halls ---------------------------------------------------------------------------------

def save_hall(hall_id: int | None, *, title: str, intro: str, title_translations: dict,
              intro_translations: dict, featured: bool, position: int, actor_id: int) -> Hall:
    return _save(Hall, hall_id, "hall", actor_id, "hall", title, title=title.strip(), intro=intro.strip(),
                 title_i18n=i18n(title_translations), intro_i18n=i18n(intro_translations),
                 featured=featured, position=position)


def set_hall_cover(hall_id: int, upload, *, actor_id: int) -> Hall:
    """Run the cover photo through the image pipeline (verified, stripped, renditions) and use it."""
    hall = _get(Hall, hall_id)
    hall.cover_id = add_image(upload).id
    record("hall.cover_changed", "hall", hall.id, actor_id, image_id=hall.cover_id)
    db.session.flush()
    return hall


def hall_entries(hall_id: int) -> list[HallProduct]:
    return list(db.session.scalars(select(HallProduct).where(HallProduct.hall_id == hall_id)
                                   .order_by(HallProduct.position, HallProduct.id)))


def _renumber(entries: list[HallProduct]) -> None:
    for position, entry in enumerate(entries):
        entry.position = position
    db.session.flush()


def add_hall_product(hall_id: int, product_id: int, *, actor_id: int) -> HallProduct:
    """Put a public product at the end of the hall's selection."""
    _lock_hall(hall_id)
    product = db.session.scalar(select(Product).join(Supplier, Supplier.id == Product.supplier_id)
                                .where(Product.id == product_id, is_public_product()))
    if product is None:
        raise Invalid(_l("Only published products can be shown in a hall."))
    entries = hall_entries(hall_id)
    if any(e.product_id == product_id for e in entries):
        raise Invalid(_l("This product is already in the hall."))
    entry = HallProduct(hall_id=hall_id, product_id=product_id, position=len(entries))
    db.session.add(entry)
    db.session.flush()
    record("hall.product_added", "hall", hall_id, actor_id, product_id=product_id)
    return entry


def move_hall_product(hall_id: int, product_id: int, offset: int, *, actor_id: int) -> None:
    """Move one product up (-1) or down (+1) in the hall's order."""
    _lock_hall(hall_id)
    entries = hall_entries(hall_id)
    index = next((i for i, e in enumerate(entries) if e.product_id == product_id), None)
    if index is None:
        raise NotFound()
    target = max(0, min(len(entries) - 1, index + offset))
    entries.insert(target, entries.pop(index))
    _renumber(entries)
    record("hall.product_moved", "hall", hall_id, actor_id, product_id=product_id, position=target)


def remove_hall_product(hall_id: int, product_id: int, *, actor_id: int) -> None:
    _lock_hall(hall_id)
    entries = hall_entries(hall_id)
    entry = next((e for e in entries if e.product_id == product_id), None)
    if entry is None:
        raise NotFound()
    db.session.delete(entry)
    entries.remove(entry)
    _renumber(entries)
    record("hall.product_removed", "hall", hall_id, actor_id, product_id=product_id)


def _lock_hall(hall_id: int) -> Hall:
    # Two curators reordering at once take turns on the hall row instead of interleaving positions.
    hall = db.session.scalar(select(Hall).where(Hall.id == hall_id).with_for_update())
    if hall is None:
        raise NotFound()
    return hall


def hall_candidates(hall_id: int, text: str = "", limit: int = 300) -> list[Product]:
    """Public products not yet in the hall whose title or supplier matches `text`, by title."""
    in_hall = select(HallProduct.product_id).where(HallProduct.hall_id == hall_id)
    stmt = (select(Product).join(Supplier, Supplier.id == Product.supplier_id)
            .where(is_public_product(), Product.id.not_in(in_hall)))
    if text.strip():
        pattern = f"%{text.strip().lower()}%"
        stmt = stmt.where(func.lower(Product.title).like(pattern) | func.lower(Supplier.display_name).like(pattern)
                          | func.lower(Supplier.trade_name).like(pattern))
    return list(db.session.scalars(stmt.order_by(Product.title).limit(limit)))


# -- fairs ---------------------------------------------------------------------------------

STAND_LABEL_MAX = 40  # fair_stands.stand_label


def save_fair(fair_id: int | None, *, name: str, translations: dict, city: str, venue: str, starts_on: date,
              ends_on: date, description: str, supplier_ids: list[int], actor_id: int,
              venue_translations: dict | None = None, description_translations: dict | None = None) -> Fair:
    """A fair and the stands present (new stands get the next label A1, A2 ...)."""
    if ends_on < starts_on:
        raise Invalid(_l("The fair cannot end before it starts."))
    fair = _save(Fair, fair_id, "fair", actor_id, "fair", f"{name} {city} {starts_on.year}",
                 name=name.strip(), name_i18n=i18n(translations), city=city.strip(), venue=venue.strip(),
                 starts_on=starts_on, ends_on=ends_on, description=description.strip(),
                 venue_i18n=i18n(venue_translations or {}), description_i18n=i18n(description_translations or {}))
    _set_stands(fair, supplier_ids)
    return fair


def _set_stands(fair: Fair, supplier_ids: list[int]) -> None:
    wanted = set(supplier_ids)
    allowed = set(db.session.scalars(select(Supplier.id).where(Supplier.id.in_(wanted), is_public_supplier())))
    if wanted - allowed:
        raise Invalid(_l("Only verified suppliers can have a stand."))
    stands = list(db.session.scalars(select(FairStand).where(FairStand.fair_id == fair.id)))
    for stand in stands:
        if stand.supplier_id not in wanted:
            db.session.delete(stand)
    present = {s.supplier_id for s in stands}
    number = len(stands)
    for supplier_id in sorted(wanted - present):
        number += 1
        db.session.add(FairStand(fair_id=fair.id, supplier_id=supplier_id, stand_label=f"A{number}"))
    db.session.flush()


def number_stands(fair_id: int, labels: dict[int, str], actor_id: int) -> None:
    """Give the fair's stands the numbers the organiser painted on the ground (`labels`: stand id -> number).
    Every number is required and used once, so a visitor told "stand B4" finds one stand."""
    fair = _get(Fair, fair_id)
    stands = {s.id: s for s in db.session.scalars(select(FairStand).where(FairStand.fair_id == fair.id))}
    wanted = {stand_id: label.strip() for stand_id, label in labels.items() if stand_id in stands}
    if any(not label or len(label) > STAND_LABEL_MAX for label in wanted.values()):
        raise Invalid(_l("Give every stand a number of at most %(max)d characters.", max=STAND_LABEL_MAX))
    final = {stand_id: wanted.get(stand_id, stand.stand_label) for stand_id, stand in stands.items()}
    if len({label.casefold() for label in final.values()}) < len(final):
        raise Invalid(_l("Two stands cannot have the same number."))
    for stand_id, label in wanted.items():
        stands[stand_id].stand_label = label
    db.session.flush()
    record("fair.stands_numbered", "fair", fair.id, actor_id, numbers=len(wanted))


# -- pickup points -------------------------------------------------------------------------

def save_pickup_point(point_id: int | None, *, name: str, kind: PickupKind, city: str, address: str,
                      opening_hours: str, phone: str, active: bool, actor_id: int,
                      translations: dict[str, dict] | None = None) -> PickupPoint:
    """A pickup point; `translations` maps "name" and "address" to their Arabic and English."""
    translations = translations or {}
    return _save(PickupPoint, point_id, "pickup_point", actor_id, "pickup", f"{name} {city}",
                 name=name.strip(), kind=kind, city=city.strip(), address=address.strip(),
                 opening_hours=opening_hours.strip(), phone=phone.strip(), active=active,
                 name_i18n=i18n(translations.get("name", {})), address_i18n=i18n(translations.get("address", {})))


# -- groups --------------------------------------------------------------------------------

@dataclass
class GroupInput:
    name: str
    city: str
    description: str
    commission_bp: int
    manager_id: int | None
    funders: list[tuple[str, str]] = field(default_factory=list)
    member_ids: list[int] = field(default_factory=list)
    description_translations: dict[str, str] = field(default_factory=dict)


def save_group(group_id: int | None, data: GroupInput, *, actor_id: int, may_take_members: bool = True) -> Group:
    """A group, its table of funders and its members; the commission never above the platform cap.

    Only admins may move a supplier out of another group (`may_take_members`); a group manager
    recruits suppliers who belong to no group.
    """
    cap = current_app.config["GROUP_COMMISSION_CAP_BP"]
    if not 0 <= data.commission_bp <= cap:
        raise Invalid(_l("The commission must be between 0 and %(cap)s %%.", cap=cap / 100))
    if data.manager_id is not None:
        manager = db.session.get(User, data.manager_id)
        if manager is None or manager.role != Role.GROUP_MANAGER:
            raise Invalid(_l("The manager must be an account with the group manager role."))
    group = _save(Group, group_id, "group", actor_id, "group", data.name, name=data.name.strip(),
                  city=data.city.strip(), description=data.description.strip(),
                  description_i18n=i18n(data.description_translations),
                  commission_bp=data.commission_bp, manager_id=data.manager_id)
    _set_funders(group, data.funders)
    _set_members(group, data.member_ids, may_take_members)
    return group


def _set_funders(group: Group, funders: list[tuple[str, str]]) -> None:
    db.session.execute(GroupFunder.__table__.delete().where(GroupFunder.group_id == group.id))
    db.session.add_all(GroupFunder(group_id=group.id, name=name, kind=kind) for name, kind in funders)
    db.session.flush()
    db.session.expire(group, ["funders"])


def _set_members(group: Group, member_ids: list[int], may_take_members: bool) -> None:
    wanted = set(member_ids)
    found = db.session.execute(select(Supplier.id, Supplier.group_id).where(Supplier.id.in_(wanted))).all()
    if len(found) != len(wanted):
        raise Invalid(_l("Some of the chosen members do not exist."))
    if not may_take_members and any(g not in (None, group.id) for _, g in found):
        raise Invalid(_l("A chosen supplier already belongs to another group."))
    db.session.execute(update(Supplier).where(Supplier.group_id == group.id, Supplier.id.not_in(wanted))
                       .values(group_id=None).execution_options(synchronize_session=False))
    if wanted:
        db.session.execute(update(Supplier).where(Supplier.id.in_(wanted)).values(group_id=group.id)
                           .execution_options(synchronize_session=False))
    db.session.expire(group, ["members"])


# -- deleting ------------------------------------------------------------------------------

class InUse(Invalid):
    status = 409


AUDIT_TYPES = {Category: "category", Hall: "hall", Fair: "fair", PickupPoint: "pickup_point", Group: "group",
               ReferenceName: "reference_name"}


def delete(model, object_id: int, *, actor_id: int) -> None:
    """Delete a category, hall, fair, pickup point, group or name, unless something still points to it.

    Categories with products and groups with members stay: history must keep meaning what it
    meant. Pickup points chosen by orders are guarded by app.orders.services.delete_pickup_point.
    """
    obj = _get(model, object_id)
    blocker = _blocker(model, object_id)
    if blocker:
        raise InUse(blocker)
    audit_type = AUDIT_TYPES[model]
    named = {"slug": obj.slug} if hasattr(obj, "slug") else {"name": obj.name}  # a city or craft has no address
    record(f"{audit_type}.deleted", audit_type, object_id, actor_id, **named)
    db.session.delete(obj)
    db.session.flush()


def _blocker(model, object_id: int):
    if model is Category and _exists(select(Product.id).where(Product.category_id == object_id)):
        return _l("Products still use this category: move them to another category first.")
    if model is Group and _exists(select(Supplier.id).where(Supplier.group_id == object_id)):
        return _l("This group still has members: remove them first.")
    return None


def _exists(stmt) -> bool:
    return db.session.scalar(stmt.limit(1)) is not None
