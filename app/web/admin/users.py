"""Users and roles, for administrators: search, change a role, deactivate or reactivate."""
from __future__ import annotations

from urllib.parse import parse_qs

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField

from app.accounts import roles
from app.accounts.models import Role
from app.web import labels
from app.web.admin import bp
from app.web.guards import admin_required
from app.web.pagination import paginate
from app.web.second_factor import fresh_second_factor_required
from app.web.unit_of_work import commit

PAGE_SIZE = 30


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=[SelectChoice(*pair) for pair in labels.choices(Role)])


@bp.get("/users")
@admin_required
def users():
    """Search accounts by email or name, optionally by role."""
    text = request.args.get("q", "")[:254]
    role = request.args.get("role") or None
    role = Role(role) if role in {r.value for r in Role} else None
    page = paginate(roles.search_users(text, role), PAGE_SIZE)
    return render_template("admin/users.html", page=page, q=text, role=role, roles=list(Role))


@bp.post("/users/<int:user_id>/role")
@admin_required
@fresh_second_factor_required
def change_role(user_id: int):
    """Give a user another role (never leaving the shop without an admin)."""
    form = RoleForm()
    if not form.validate():
        flash(_("Choose one of the listed roles."), "error")
        return redirect(_back(), 303)
    user = roles.change_role(user_id, Role(form.role.data), actor_id=current_user.id)
    commit()
    flash(_("%(email)s is now: %(role)s.", email=user.contact, role=labels.label(user.role)))
    return redirect(_back(), 303)


@bp.post("/users/<int:user_id>/deactivate")
@admin_required
def deactivate_user(user_id: int):
    """Deactivate an account: its sessions end at once."""
    return _set_active(user_id, False, _l("%(email)s is deactivated and logged out everywhere."))


@bp.post("/users/<int:user_id>/reactivate")
@admin_required
def reactivate_user(user_id: int):
    """Let a deactivated account log in again."""
    return _set_active(user_id, True, _l("%(email)s can log in again."))


def _set_active(user_id: int, active: bool, message):
    user = roles.set_active(user_id, active, actor_id=current_user.id)
    commit()
    flash(message % {"email": user.contact})
    return redirect(_back(), 303)


BACK_ARGS = ("q", "role", "page")


def _back() -> str:
    """Back to the list the admin was looking at: only our own users page, and only its own filters
    (re-encoded, so a forged `back_query` cannot break the Location header or point elsewhere)."""
    given = parse_qs(request.form.get("back_query", ""))
    return url_for("admin.users", **{name: given[name][0] for name in BACK_ARGS if name in given})
