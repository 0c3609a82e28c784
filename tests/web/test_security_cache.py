"""Pages with personal or staff data carry `Cache-Control: no-store` (routes are enumerated, so a
page added tomorrow is covered); public pages for anonymous visitors stay cacheable."""
from __future__ import annotations

import pytest

from app.accounts.models import Role
from tests.helpers import log_in_new_user
from tests.web._routes import dummy_url, rules

PRIVATE_AREAS = {
    Role.ADMIN: ("/admin/",),
    Role.BENEFICIARY: ("/supplier/",),
    Role.SHOPPER: ("/account", "/cart", "/checkout", "/orders"),
}


@pytest.mark.parametrize("role", list(PRIVATE_AREAS))
def test_every_private_page_is_never_stored(app, role):
    client = app.test_client()
    log_in_new_user(app, client, role)
    found = rules(app, "GET", PRIVATE_AREAS[role])
    assert found
    answers = {rule.rule: client.get(dummy_url(rule)) for rule in found}
    # Pages and data; the portal's service worker and manifest are the same for everyone.
    stored = {rule: answer.headers.get("Cache-Control") for rule, answer in answers.items()
              if answer.mimetype in ("text/html", "application/json", "text/csv")}
    assert len(stored) > len(found) / 2
    assert {rule: header for rule, header in stored.items() if header != "no-store"} == {}


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.OVERSIGHT, Role.GROUP_MANAGER])
def test_staff_pages_are_never_stored_for_any_staff_role(app, role):
    client = app.test_client()
    log_in_new_user(app, client, role)
    assert client.get("/admin/").headers.get("Cache-Control") == "no-store"


def test_a_shop_page_rendered_for_a_logged_in_visitor_is_not_stored(app):
    client = app.test_client()
    log_in_new_user(app, client)
    assert client.get("/products").headers.get("Cache-Control") == "no-store"


def test_public_pages_and_files_for_anonymous_visitors_stay_cacheable(client):
    assert "no-store" not in (client.get("/products").headers.get("Cache-Control") or "")
    assert "no-store" not in (client.get("/static/css/site.css").headers.get("Cache-Control") or "")
