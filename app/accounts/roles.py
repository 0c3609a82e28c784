"""Staff changes to accounts: roles and deactivation, always audited, never leaving the shop without an admin."""
from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, or_, select

from app.accounts import services as accounts
from app.accounts.models import Role, User
from app.audit.services import record
from app.errors import Conflict, NotFound
from app.extensions import db

log = logging.getLogger(__name__)


class LastAdmin(Conflict):
    """The change would leave no active administrator."""

    def __init__(self) -> None:
        super().__init__(_l("This is the last active administrator: make someone else an administrator first."))


class NotOnYourself(Conflict):
    def __init__(self) -> None:
        super().__init__(_l("You cannot deactivate your own account."))


def search_users(text: str = "", role: Role | None = None) -> Select:
    """Users whose email or name contains `text`, optionally of one role, by email."""
    stmt = select(User).order_by(User.email)
    if text.strip():
        pattern = f"%{text.strip().lower()}%"
        stmt = stmt.where(or_(func.lower(User.email).like(pattern), func.lower(User.name).like(pattern)))
    if role is not None:
        stmt = stmt.where(User.role == role)
    return stmt


def _get(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_l("This account does not exist."))
    return user


def _other_active_admins(user_id: int) -> int:
    # Locking the admin rows (PostgreSQL) makes two admins demoting each other at once take turns,
    # so they cannot both see "one other admin left" and leave none.
    ids = db.session.scalars(
        select(User.id).where(User.role == Role.ADMIN, User.active.is_(True), User.id != user_id)
        .with_for_update()
    ).all()
    return len(ids)


def _guard_last_admin(user: User) -> None:
    if user.role == Role.ADMIN and user.active and _other_active_admins(user.id) == 0:
        raise LastAdmin()


def change_role(user_id: int, role: Role, *, actor_id: int) -> User:
    """Give `role` to a user; refuses to demote the last active admin."""
    user = _get(user_id)
    if user.role == role:
        return user
    if role != Role.ADMIN:
        _guard_last_admin(user)
    previous = user.role
    user.role = role
    record("user.role_changed", "user", user.id, actor_id, previous=previous.value, new=role.value)
    log.info("role changed: user %s from %s to %s by %s", user.id, previous.value, role.value, actor_id)
    db.session.flush()
    return user


def set_active(user_id: int, active: bool, *, actor_id: int) -> User:
    """Deactivate (every session ends at once) or reactivate an account."""
    user = _get(user_id)
    if user.active == active:
        return user
    if active:
        return accounts.reactivate_user(user.id, actor_id)
    if user.id == actor_id:
        raise NotOnYourself()
    _guard_last_admin(user)
    log.info("account deactivated: user %s by %s", user.id, actor_id)
    return accounts.deactivate_user(user.id, actor_id)  # ends every session, audited
