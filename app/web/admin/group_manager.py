"""A group manager's own page: their groupement's storefront text, commission, table and members."""
from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user
from wtforms import SelectChoice

from app.exhibition import queries, services
from app.web.admin import bp
from app.web.admin.catalog_admin import fill_group_form
from app.web.admin.catalog_forms import GroupForm, translations
from app.web.admin.forms import save_or_explain
from app.web.guards import group_manager_required


class ManagerGroupForm(GroupForm):
    """The admin's group form without the choice of manager (that stays with admins)."""

    manager_id = None


@bp.get("/group")
@group_manager_required
def group_manage():
    """The manager's group (or the list of them when they run several)."""
    groups = queries.groups_managed_by(current_user.id)
    if len(groups) == 1:
        return redirect(url_for("admin.group_manage_edit", group_id=groups[0].id))
    return render_template("admin/group_manager/index.html", groups=groups)


@bp.route("/group/<int:group_id>", methods=["GET", "POST"])
@group_manager_required
def group_manage_edit(group_id: int):
    """Edit a group the user manages; another group's id is a 404."""
    group = queries.managed_group(group_id, current_user.id)
    form = ManagerGroupForm()
    form.members.choices = [SelectChoice(s.id, f"{s.name} · {s.city}")
                            for s in queries.recruitable_suppliers(group.id)]
    if not form.is_submitted():
        fill_group_form(form, group)
        return render_template("admin/group_manager/edit.html", form=form, group=group)
    def save():  # after validation: the form's funder rows are read by validate()
        return services.save_group(group.id, _input(form, group), actor_id=current_user.id, may_take_members=False)

    if save_or_explain(form, save) is None:
        return render_template("admin/group_manager/edit.html", form=form, group=group), 422
    return redirect(url_for("admin.group_manage_edit", group_id=group.id), 303)


def _input(form: ManagerGroupForm, group) -> services.GroupInput:
    return services.GroupInput(
        name=form.name.data, city=form.city.data or "", description=form.description.data or "",
        description_translations=translations(form, "description"), commission_bp=form.commission_bp,
        manager_id=group.manager_id, funders=getattr(form, "funder_rows", []), member_ids=form.members.data or [])
