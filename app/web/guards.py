"""Who may reach a view: decorators used by every blueprint (the object checks live in queries)."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from app.accounts.models import Role
from app.extensions import db, login_manager
from app.suppliers.models import Supplier

STAFF_ROLES = (Role.MODERATOR, Role.ADMIN)


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

        return wrapper

    return decorator


staff_required = roles_required(*STAFF_ROLES)
admin_required = roles_required(Role.ADMIN)
beneficiary_required = roles_required(Role.BENEFICIARY)


def current_supplier() -> Supplier | None:
    """The logged-in beneficiary's supplier profile, if they have made one."""
    if not current_user.is_authenticated:
        return None
    return db.session.scalar(db.select(Supplier).where(Supplier.user_id == current_user.id))
