"""Who may reach a view: decorators used by every blueprint (the object checks live in queries).

The roles behind each decorator come from app/accounts/policy.py, the one table of who may do what.
Each guarded view carries `allowed_roles`, so tests can check every route against the policy.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from app.accounts.models import Role
from app.accounts.policy import STAFF_ROLES, Permission, roles_with
from app.extensions import db, login_manager
from app.suppliers.models import Supplier

__all__ = [
    "STAFF_ROLES", "admin_required", "beneficiary_required", "current_supplier", "group_manager_required",
    "login_required", "moderation_required", "permission_required", "reports_required", "roles_required",
    "staff_required",
]


def roles_required(*roles: Role) -> Callable:
    """Anonymous visitors go to the login page; logged-in users without the role get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapper.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapper

    return decorator


def permission_required(permission: Permission) -> Callable:
    """Like roles_required, for every role the policy grants `permission`."""
    return roles_required(*roles_with(permission))


def login_required(view: Callable) -> Callable:
    """Any logged-in user (every role); anonymous visitors go to the login page."""
    return roles_required(*Role)(view)


staff_required = roles_required(*STAFF_ROLES)
admin_required = permission_required(Permission.ADMINISTER)
moderation_required = permission_required(Permission.MODERATE)
reports_required = permission_required(Permission.READ_REPORTS)
group_manager_required = permission_required(Permission.MANAGE_GROUP)
beneficiary_required = permission_required(Permission.SELL)


def current_user_id() -> int | None:
    """The logged-in visitor's id, None for a guest: who acts, for the services' audit and ownership."""
    return current_user.id if current_user.is_authenticated else None


def current_supplier() -> Supplier | None:
    """The logged-in beneficiary's supplier profile, if they have made one."""
    if not current_user.is_authenticated:
        return None
    return db.session.scalar(db.select(Supplier).where(Supplier.user_id == current_user.id))
