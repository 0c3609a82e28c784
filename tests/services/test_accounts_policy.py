"""The policy table: who may do what."""
from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

import app.models  # noqa: F401  (every mapper registered: a User is built here without an app)
from app.accounts.models import Role, User
from app.accounts.policy import PERMISSIONS, Permission, can, roles_with


@pytest.mark.parametrize(("role", "allowed"), [
    (Role.SHOPPER, set()),
    (Role.BENEFICIARY, {Permission.SELL}),
    (Role.GROUP_MANAGER, {Permission.MANAGE_GROUP, Permission.ASSIST}),
    (Role.MODERATOR, {Permission.MODERATE, Permission.READ_AUDIT, Permission.ASSIST}),
    (Role.ADMIN, {Permission.MODERATE, Permission.ADMINISTER, Permission.READ_REPORTS, Permission.READ_AUDIT,
                  Permission.ASSIST, Permission.ORGANISE_FAIRS, Permission.READ_FAIR_REPORTS}),
    (Role.OVERSIGHT, {Permission.READ_REPORTS, Permission.READ_FAIR_REPORTS}),
    (Role.ORGANISER, {Permission.ORGANISE_FAIRS, Permission.READ_FAIR_REPORTS}),
])
def test_each_role_holds_exactly_its_permissions(role, allowed):
    user = User(email="x@example.ma", password_hash="x", role=role, active=True)
    assert {p for p in Permission if can(user, p)} == allowed


def test_every_role_is_in_the_table():
    assert set(PERMISSIONS) == set(Role)


def test_oversight_only_reads():
    assert roles_with(Permission.MODERATE) == (Role.MODERATOR, Role.ADMIN)
    assert Role.OVERSIGHT not in roles_with(Permission.ADMINISTER)


def test_anonymous_and_deactivated_users_may_do_nothing():
    gone = User(email="x@example.ma", password_hash="x", role=Role.ADMIN, active=False)
    assert not any(can(AnonymousUserMixin(), p) or can(gone, p) for p in Permission)
