"""Catalogue management for admins: categories, halls (with their ordered selection and cover),
fairs and their stands, pickup points, groups, the names of cities and crafts in each language.
One generic list/edit flow, one table of kinds."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from app.accounts.models import Role, User
from app.catalog.models import Category, NameKind, ReferenceName
from app.catalog.queries import public_suppliers
from app.exhibition import services
from app.exhibition.models import Fair, FairStand, Hall, PickupKind, PickupPoint
from app.extensions import db
from app.numbers import object_id
from app.orders import services as orders
from app.suppliers.models import Group, Supplier
from app.web.admin import bp
from app.web.admin.catalog_forms import (
    CategoryForm,
    FairForm,
    GroupForm,
    HallForm,
    PickupPointForm,
    ReferenceNameForm,
    translations,
)
from app.web.admin.forms import save_or_explain
from app.web.guards import admin_required
from app.web.unit_of_work import commit, unit_of_work


@dataclass(frozen=True)
class Kind:
    model: type
    form: type
    title: object
    order: tuple
    fill: Callable  # (form, obj) -> None: put the object's values in the form
    save: Callable  # (form, obj_id) -> obj
    delete: Callable | None = None  # (obj_id, actor_id=) -> None, when another domain guards the deletion


def _fill_category(form, c: Category) -> None:
    form.name.data, form.position.data = c.name, c.position
    form.name_ar.data, form.name_en.data = (c.name_i18n or {}).get("ar"), (c.name_i18n or {}).get("en")


def _save_category(form, obj_id):
    return services.save_category(obj_id, name=form.name.data, translations=translations(form, "name"),
                                  position=form.position.data or 0, actor_id=current_user.id)


def _fill_hall(form, h: Hall) -> None:
    form.title.data, form.intro.data, form.featured.data, form.position.data = h.title, h.intro, h.featured, h.position
    for lang in ("ar", "en"):
        getattr(form, f"title_{lang}").data = (h.title_i18n or {}).get(lang)
        getattr(form, f"intro_{lang}").data = (h.intro_i18n or {}).get(lang)


def _save_hall(form, obj_id):
    hall = services.save_hall(obj_id, title=form.title.data, intro=form.intro.data or "",
                              title_translations=translations(form, "title"),
                              intro_translations=translations(form, "intro"), featured=form.featured.data,
                              position=form.position.data or 0, actor_id=current_user.id)
    if form.cover.data:
        services.set_hall_cover(hall.id, form.cover.data.stream, actor_id=current_user.id)
    return hall


def _fill_fair(form, f: Fair) -> None:
    form.name.data, form.city.data, form.venue.data = f.name, f.city, f.venue
    form.starts_on.data, form.ends_on.data, form.description.data = f.starts_on, f.ends_on, f.description
    _fill_translations(form, f, ("name", "venue", "description"))
    form.suppliers.data = list(db.session.scalars(select(FairStand.supplier_id).where(FairStand.fair_id == f.id)))


def _save_fair(form, obj_id):
    return services.save_fair(obj_id, name=form.name.data, translations=translations(form, "name"),
                              city=form.city.data, venue=form.venue.data or "", starts_on=form.starts_on.data,
                              ends_on=form.ends_on.data, description=form.description.data or "",
                              supplier_ids=form.suppliers.data or [], actor_id=current_user.id,
                              venue_translations=translations(form, "venue"),
                              description_translations=translations(form, "description"))


def _fill_pickup(form, p: PickupPoint) -> None:
    for name in ("name", "city", "address", "opening_hours", "phone", "active"):
        getattr(form, name).data = getattr(p, name)
    form.kind.data = p.kind.value
    _fill_translations(form, p, ("name", "address"))


def _fill_translations(form, obj, fields: tuple[str, ...]) -> None:
    """The `<field>_ar` / `<field>_en` inputs from the object's `<field>_i18n`."""
    for name in fields:
        for lang in ("ar", "en"):
            getattr(form, f"{name}_{lang}").data = (getattr(obj, f"{name}_i18n") or {}).get(lang)


def _save_pickup(form, obj_id):
    return services.save_pickup_point(
        obj_id, name=form.name.data, kind=PickupKind(form.kind.data), city=form.city.data,
        address=form.address.data, opening_hours=form.opening_hours.data, phone=form.phone.data or "",
        active=form.active.data, actor_id=current_user.id, translations={
            "name": translations(form, "name"), "address": translations(form, "address")})


def _fill_name(form, n: ReferenceName) -> None:
    form.kind.data, form.name.data = n.kind.value, n.name
    _fill_translations(form, n, ("name",))


def _save_name(form, obj_id):
    return services.save_reference_name(obj_id, kind=NameKind(form.kind.data), name=form.name.data,
                                        translations=translations(form, "name"), actor_id=current_user.id)


def fill_group_form(form, g: Group) -> None:
    form.name.data, form.city.data, form.description.data = g.name, g.city, g.description
    form.description_ar.data = (g.description_i18n or {}).get("ar")
    form.description_en.data = (g.description_i18n or {}).get("en")
    form.commission.data = g.commission_bp / 100
    if "manager_id" in form:
        form.manager_id.data = g.manager_id or 0
    form.funders.data = "\n".join(f"{f.name}; {f.kind}" for f in g.funders)
    form.members.data = [s.id for s in g.members]


def _save_group(form, obj_id):
    data = services.GroupInput(
        name=form.name.data, city=form.city.data or "", description=form.description.data or "",
        description_translations=translations(form, "description"),
        commission_bp=form.commission_bp, manager_id=form.manager_id.data or None,
        funders=getattr(form, "funder_rows", []), member_ids=form.members.data or [])
    return services.save_group(obj_id, data, actor_id=current_user.id)


KINDS: dict[str, Kind] = {
    "categories": Kind(Category, CategoryForm, _l("Categories"), (Category.position, Category.name),
                       _fill_category, _save_category),
    "halls": Kind(Hall, HallForm, _l("Exhibition halls"), (Hall.position, Hall.title), _fill_hall, _save_hall),
    "fairs": Kind(Fair, FairForm, _l("Fairs"), (Fair.starts_on.desc(), Fair.name), _fill_fair, _save_fair),
    "pickup-points": Kind(PickupPoint, PickupPointForm, _l("Pickup points"), (PickupPoint.city, PickupPoint.name),
                          _fill_pickup, _save_pickup, orders.delete_pickup_point),
    "groups": Kind(Group, GroupForm, _l("Groups"), (Group.name,), fill_group_form, _save_group),
    "names": Kind(ReferenceName, ReferenceNameForm, _l("Cities and crafts"), (ReferenceName.kind, ReferenceName.name),
                  _fill_name, _save_name),
}


def _kind(name: str) -> Kind:
    if name not in KINDS:
        abort(404)
    return KINDS[name]


def with_choices(form):
    """Fill the choices lists that come from the database."""
    if isinstance(form, FairForm | GroupForm):
        suppliers = db.session.scalars(public_suppliers().order_by(Supplier.display_name)).all()
        field = form.suppliers if isinstance(form, FairForm) else form.members
        field.choices = [SelectChoice(s.id, f"{s.name} · {s.city}") for s in suppliers]
    if isinstance(form, GroupForm) and "manager_id" in form:
        managers = db.session.scalars(select(User).where(User.role == Role.GROUP_MANAGER).order_by(User.name))
        form.manager_id.choices = [SelectChoice(0, _("No manager yet"))] + [
            SelectChoice(u.id, f"{u.name} <{u.contact}>") for u in managers]
    return form


@bp.get("/catalogue")
@admin_required
def catalogue_index():
    """Catalogue management starts with categories."""
    return redirect(url_for("admin.catalogue_list", kind="categories"))


@bp.get("/catalogue/<kind>")
@admin_required
def catalogue_list(kind: str):
    """Every object of one kind, with a link to edit each and to add one."""
    spec = _kind(kind)
    objects = db.session.scalars(select(spec.model).order_by(*spec.order)).all()
    untranslated = services.untranslated_names() if kind == "names" else []
    return render_template("admin/catalogue/list.html", kind=kind, kinds=KINDS, spec=spec, objects=objects,
                           untranslated=untranslated)


@bp.route("/catalogue/<kind>/new", methods=["GET", "POST"])
@bp.route("/catalogue/<kind>/<int:obj_id>", methods=["GET", "POST"])
@admin_required
def catalogue_edit(kind: str, obj_id: int | None = None):
    """Create or edit one object; a form with mistakes comes back with each one explained (422)."""
    spec = _kind(kind)
    obj = db.session.get(spec.model, obj_id) if obj_id else None
    if obj_id and obj is None:
        abort(404)
    form = with_choices(spec.form())
    if request.method == "GET" and obj is not None:
        spec.fill(form, obj)
    elif request.method == "GET" and kind == "names":  # "translate this" from the list of names in use
        form.kind.data, form.name.data = request.args.get("name_kind"), request.args.get("name", "")[:120]
    if request.method != "POST":
        return _render_edit(kind, spec, form, obj)
    saved = save_or_explain(form, lambda: spec.save(form, obj_id))
    if saved is None:
        return _render_edit(kind, spec, form, obj, 422)
    return redirect(url_for("admin.catalogue_edit", kind=kind, obj_id=saved.id), 303)


def _render_edit(kind: str, spec: Kind, form, obj, status: int = 200):
    extra = {}
    if kind == "halls" and obj is not None:
        text = request.args.get("q", "")[:80]
        extra = {"entries": services.hall_entries(obj.id), "candidates": services.hall_candidates(obj.id, text),
                 "q": text}
    return render_template("admin/catalogue/edit.html", kind=kind, kinds=KINDS, spec=spec, form=form, obj=obj,
                           **extra), status


@bp.post("/catalogue/<kind>/<int:obj_id>/delete")
@admin_required
def catalogue_delete(kind: str, obj_id: int):
    """Delete one object; refused (409, explained) while something still depends on it."""
    spec = _kind(kind)
    delete = spec.delete or partial(services.delete, spec.model)
    delete(obj_id, actor_id=current_user.id)  # InUse is answered by the error handler: 409 with its reason
    commit()
    flash(_("Deleted."))
    return redirect(url_for("admin.catalogue_list", kind=kind), 303)


@bp.post("/catalogue/halls/<int:hall_id>/products")
@admin_required
def hall_add_product(hall_id: int):
    """Add a published product at the end of the hall."""
    product_id = object_id(request.form.get("product_id"))
    if product_id is None:
        flash(_("Choose a product to add."), "error")
    else:
        with unit_of_work() as work:
            services.add_hall_product(hall_id, product_id, actor_id=current_user.id)
        if work.error and work.error.status == 404:
            raise work.error
        work.flash_error()
    return redirect(url_for("admin.catalogue_edit", kind="halls", obj_id=hall_id) + "#selection", 303)


@bp.post("/catalogue/halls/<int:hall_id>/products/<int:product_id>/<action>")
@admin_required
def hall_change_product(hall_id: int, product_id: int, action: str):
    """Move a product up or down in the hall, or take it out."""
    if action == "up":
        services.move_hall_product(hall_id, product_id, -1, actor_id=current_user.id)
    elif action == "down":
        services.move_hall_product(hall_id, product_id, 1, actor_id=current_user.id)
    elif action == "remove":
        services.remove_hall_product(hall_id, product_id, actor_id=current_user.id)
    else:
        abort(404)
    commit()
    return redirect(url_for("admin.catalogue_edit", kind="halls", obj_id=hall_id) + "#selection", 303)
