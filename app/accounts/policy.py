"""Who may do what: the one table that maps roles to permissions.

Views ask through app/web/guards.py (decorators) or `can()`; object-level rules
("a supplier touches only their own listings") live in the queries named for them.
"""
from __future__ import annotations

import enum

from app.accounts.models import Role


class Permission(enum.StrEnum):
    SELL = "sell"                      # the beneficiary portal: stand, listings, own order lines
    MANAGE_GROUP = "manage_group"      # a groupement's members, funders, commission, storefront
    MODERATE = "moderate"              # listings queue, verification review
    ADMINISTER = "administer"          # halls, fairs, pickup points, categories, imports, users and roles
    READ_REPORTS = "read_reports"      # solidarity report, ledger, payouts (read only)
    READ_AUDIT = "read_audit"          # the audit log
    ASSIST = "assist"                  # as a field agent, open a stand for a present, consenting beneficiary
    ORGANISE_FAIRS = "organise_fairs"  # a fair's dates, venue, stands and their numbers; who is present today
    READ_FAIR_REPORTS = "read_fair_reports"  # each fair's report and its CSV (read only)


PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.SHOPPER: frozenset(),
    Role.BENEFICIARY: frozenset({Permission.SELL}),
    Role.GROUP_MANAGER: frozenset({Permission.MANAGE_GROUP, Permission.ASSIST}),
    Role.MODERATOR: frozenset({Permission.MODERATE, Permission.READ_AUDIT, Permission.ASSIST}),
    # Admins run the platform; selling and running a groupement stay with the people concerned.
    Role.ADMIN: frozenset({Permission.MODERATE, Permission.ADMINISTER, Permission.READ_REPORTS, Permission.READ_AUDIT,
                           Permission.ASSIST, Permission.ORGANISE_FAIRS, Permission.READ_FAIR_REPORTS}),
    # Oversight bodies only check that solidarity principles are applied: they read, never act.
    Role.OVERSIGHT: frozenset({Permission.READ_REPORTS, Permission.READ_FAIR_REPORTS}),
    # Fair organisers run the fairs (stands, numbers, dates, venue) and read what each brought; nothing else.
    Role.ORGANISER: frozenset({Permission.ORGANISE_FAIRS, Permission.READ_FAIR_REPORTS}),
}

STAFF_ROLES: tuple[Role, ...] = (Role.MODERATOR, Role.ADMIN)
# Roles that reach other people's data or money: a password alone does not let them in.
SECOND_FACTOR_ROLES: frozenset[Role] = frozenset({Role.ADMIN, Role.MODERATOR, Role.OVERSIGHT, Role.GROUP_MANAGER,
                                                  Role.ORGANISER})
# Roles a visitor may give themselves at registration; every other role is granted by an admin.
SELF_SERVICE_ROLES: tuple[Role, ...] = (Role.SHOPPER, Role.BENEFICIARY)


def roles_with(permission: Permission) -> tuple[Role, ...]:
    """Every role that holds `permission`, in declaration order."""
    return tuple(role for role in Role if permission in PERMISSIONS[role])


def can(user: object, permission: Permission) -> bool:
    """True when `user` (a User, or an anonymous visitor) holds `permission`."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "active", False):
        return False
    return permission in PERMISSIONS.get(getattr(user, "role", None), frozenset())
