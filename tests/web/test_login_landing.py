"""After login each role lands where it works: the portal, /admin/, or back where a shopper was."""
from __future__ import annotations

import pytest

from app.accounts.models import Role
from app.extensions import db
from tests.factories import make_user


def _account(app, role: Role) -> str:
    with app.app_context():
        email = make_user(role).email
        db.session.commit()
        return email


@pytest.mark.parametrize("role, landing", [
    (Role.BENEFICIARY, "/supplier/"), (Role.MODERATOR, "/admin/"), (Role.ADMIN, "/admin/"),
    (Role.SHOPPER, "/account/"), (Role.GROUP_MANAGER, "/account/"),
])
def test_each_role_lands_where_it_works(app, auth, role, landing):
    assert auth.login(_account(app, role)).location == landing


@pytest.mark.parametrize("role", [Role.SHOPPER, Role.BENEFICIARY, Role.ADMIN])
def test_the_page_asked_for_comes_first(app, auth, role):
    assert auth.login(_account(app, role), next="/products?q=tajine").location == "/products?q=tajine"


def test_a_foreign_next_is_ignored(app, auth):
    assert auth.login(_account(app, Role.BENEFICIARY), next="//evil.example/").location == "/supplier/"


def test_the_log_in_link_brings_a_shopper_back_to_the_page_they_read(client):
    page = client.get("/products?q=argan").text
    assert 'href="/account/login?next=/products?q%3Dargan"' in page or \
        'href="/account/login?next=%2Fproducts%3Fq%3Dargan"' in page


def test_an_already_logged_in_beneficiary_opening_the_login_page_goes_to_the_portal(app, client, auth):
    auth.login(_account(app, Role.BENEFICIARY))
    assert client.get("/account/login").location == "/supplier/"
