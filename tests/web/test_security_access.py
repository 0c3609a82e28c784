"""Every /admin and /supplier route refuses whoever the policy does not let in (routes are
enumerated, so a route added tomorrow is covered too)."""
from __future__ import annotations

import pytest

from app.accounts.models import Role
from app.accounts.policy import Permission, roles_with
from app.extensions import db
from tests.factories import make_user
from tests.helpers import login_as
from tests.web._routes import dummy_url, rules

ADMIN = ("/admin/",)
SUPPLIER = ("/supplier/",)
# Oversight bodies read reports; they must never reach moderation or verification decisions.
MODERATION_WORDS = ("moderat", "verif", "listing", "queue", "import", "users", "audit")


def _client_as(app, role: Role | None):
    client = app.test_client()
    if role is not None:
        with app.app_context():
            login_as(client, make_user(role))
            db.session.commit()
    return client


def _allowed_roles(app, rule) -> frozenset | None:
    return getattr(app.view_functions[rule.endpoint], "allowed_roles", None)


def _answers(app, client, method: str, prefixes: tuple[str, ...]) -> dict[str, tuple[int, str]]:
    call = client.get if method == "GET" else client.post
    answers = {}
    for rule in rules(app, method, prefixes):
        response = call(dummy_url(rule))
        answers[f"{method} {rule.rule}"] = (response.status_code, response.location or "")
    return answers


def test_the_areas_have_routes_to_check(app):
    assert rules(app, "GET", ADMIN) and rules(app, "GET", SUPPLIER)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_anonymous_visitor_is_sent_to_the_login_page_everywhere_in_admin_and_supplier(app, method):
    client = _client_as(app, None)
    wrong = {route: answer for route, answer in _answers(app, client, method, ADMIN + SUPPLIER).items()
             if answer[0] != 302 or not answer[1].startswith("/account/login?next=")}
    assert wrong == {}


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("role", [Role.SHOPPER])
def test_a_shopper_gets_403_everywhere_in_admin_and_supplier(app, method, role):
    client = _client_as(app, role)
    wrong = {r: a for r, a in _answers(app, client, method, ADMIN + SUPPLIER).items() if a[0] != 403}
    assert wrong == {}


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_beneficiaries_get_403_everywhere_in_admin(app, method):
    client = _client_as(app, Role.BENEFICIARY)
    wrong = {r: a for r, a in _answers(app, client, method, ADMIN).items() if a[0] != 403}
    assert wrong == {}


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("role", [Role.GROUP_MANAGER, Role.OVERSIGHT, Role.ORGANISER])
def test_group_managers_and_oversight_get_403_on_every_admin_route_not_meant_for_them(app, method, role):
    client = _client_as(app, role)
    call = client.get if method == "GET" else client.post
    wrong = {rule.rule: status for rule in rules(app, method, ADMIN)
             if role not in (_allowed_roles(app, rule) or frozenset())
             and (status := call(dummy_url(rule)).status_code) != 403}
    assert wrong == {}


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN, Role.OVERSIGHT, Role.GROUP_MANAGER, Role.ORGANISER])
def test_only_beneficiaries_reach_the_supplier_portal(app, method, role):
    client = _client_as(app, role)
    wrong = {r: a for r, a in _answers(app, client, method, SUPPLIER).items() if a[0] != 403}
    assert wrong == {}


@pytest.mark.parametrize("role", [Role.OVERSIGHT, Role.GROUP_MANAGER, Role.ORGANISER])
def test_oversight_and_group_managers_can_never_reach_moderation_or_verification(app, role):
    reachable = [rule.rule for rule in rules(app, "GET", ADMIN) + rules(app, "POST", ADMIN)
                 if any(word in rule.rule or word in rule.endpoint for word in MODERATION_WORDS)
                 and role in (_allowed_roles(app, rule) or frozenset())]
    assert reachable == []


def test_every_admin_and_supplier_view_goes_through_a_guard(app):
    unguarded = [f"{rule.rule} ({rule.endpoint})" for rule in rules(app, "GET", ADMIN + SUPPLIER)
                 + rules(app, "POST", ADMIN + SUPPLIER) if _allowed_roles(app, rule) is None]
    assert unguarded == []


def test_guards_admit_exactly_the_roles_the_policy_names(app):
    """A view that widens its roles beyond the policy (e.g. oversight on a moderation page) is caught here."""
    staff = set(roles_with(Permission.MODERATE)) | set(roles_with(Permission.READ_REPORTS)) | \
        set(roles_with(Permission.ADMINISTER)) | set(roles_with(Permission.READ_AUDIT)) | \
        set(roles_with(Permission.MANAGE_GROUP)) | set(roles_with(Permission.ORGANISE_FAIRS)) | \
        set(roles_with(Permission.READ_FAIR_REPORTS))
    too_wide = [rule.rule for rule in rules(app, "GET", ADMIN) + rules(app, "POST", ADMIN)
                if not (_allowed_roles(app, rule) or frozenset()) <= staff]
    assert too_wide == []
    sellers = set(roles_with(Permission.SELL))
    assert [rule.rule for rule in rules(app, "GET", SUPPLIER) + rules(app, "POST", SUPPLIER)
            if not (_allowed_roles(app, rule) or frozenset()) <= sellers] == []


def test_oversight_reads_only_every_admin_post_is_refused(app):
    client = _client_as(app, Role.OVERSIGHT)
    wrong = {route: answer for route, answer in _answers(app, client, "POST", ADMIN).items() if answer[0] != 403}
    assert wrong == {}


def test_oversight_reaches_the_solidarity_report(app):
    client = _client_as(app, Role.OVERSIGHT)
    assert client.get("/admin/").location.endswith("/admin/solidarity")
    assert client.get("/admin/solidarity").status_code == 200


def test_scripts_asking_for_json_get_a_401_instead_of_the_login_page(app):
    response = app.test_client().get("/supplier/products", headers={"Accept": "application/json"})
    assert response.status_code == 401 and response.get_json()["error"]["status"] == 401
