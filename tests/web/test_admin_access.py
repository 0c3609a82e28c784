"""One test over every /admin route: non-staff are refused, oversight reaches only the solidarity report,
a group manager only their own groupement's page, a fair organiser only the fairs."""
import pytest
from werkzeug.routing.converters import NumberConverter

from app.accounts.models import Role
from app.extensions import db
from tests.factories import make_user
from tests.helpers import log_in_new_user, login_as

# What oversight may open (read only): the landing redirect, the solidarity report with its exports,
# and each fair's report (issue 16: a read-only view for the oversight role).
OVERSIGHT_ENDPOINTS = {"admin.index", "admin.solidarity_report", "admin.solidarity_suppliers_csv",
                       "admin.solidarity_groups_csv", "admin.solidarity_ledger", "admin.fair_report_page",
                       "admin.fair_report_csv", "admin.fair_scans_chart", "admin.fairs_list"}
# A fair organiser: the fairs' list, each fair's settings, stands and numbers, and its report; nothing else.
ORGANISER_ENDPOINTS = {"admin.index", "admin.fairs_list", "admin.fair_edit", "admin.fair_stands",
                       "admin.fair_stand_numbers", "admin.fair_report_page", "admin.fair_report_csv",
                       "admin.fair_scans_chart"}
GROUP_MANAGER_ENDPOINTS = {"admin.group_manage", "admin.group_manage_edit"}  # object check: tested apart


def admin_routes(app):
    """(endpoint, method, url) for every admin rule, with placeholder arguments."""
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("admin."):
            continue
        args = {name: (1 if isinstance(conv, NumberConverter) else "x")
                for name, conv in rule._converters.items()}
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **args)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((rule.endpoint, method, url))
    return routes


@pytest.mark.parametrize("role", [None, Role.SHOPPER, Role.BENEFICIARY, Role.GROUP_MANAGER, Role.OVERSIGHT,
                                  Role.ORGANISER])
def test_every_admin_route_refuses_non_staff(app, client, role):
    if role:
        with app.app_context():
            login_as(client, make_user(role))
            db.session.commit()
    routes = admin_routes(app)
    assert len(routes) > 20
    for endpoint, method, url in routes:
        if (role == Role.OVERSIGHT and endpoint in OVERSIGHT_ENDPOINTS
                or role == Role.GROUP_MANAGER and endpoint in GROUP_MANAGER_ENDPOINTS
                or role == Role.ORGANISER and endpoint in ORGANISER_ENDPOINTS):
            continue
        response = client.open(url, method=method)
        expected = (302, 401) if role is None else (403,)
        assert response.status_code in expected, (endpoint, method, url, response.status_code)
        if role is None and response.status_code == 302:
            assert "/account/login" in response.headers["Location"]


@pytest.mark.parametrize("url", ["/admin/catalogue/halls/99999999999", "/admin/solidarity/suppliers/99999999999",
                                 "/admin/imports/99999999999", "/admin/verifications/99999999999"])
def test_an_id_beyond_any_database_id_is_not_found_for_staff(app, client, url):
    log_in_new_user(app, client, Role.ADMIN)
    assert client.get(url).status_code == 404
