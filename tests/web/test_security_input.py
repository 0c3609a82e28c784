"""Input no database can hold (NUL and other control characters, invalid UTF-8, over-long values) is
refused with a 400 on every route, in every query parameter, path segment and form field, never a 500.

Run with TEST_DATABASE_URL too: SQLite stores a NUL silently where PostgreSQL fails the query.
"""
from __future__ import annotations

import re

import pytest
from flask_wtf import FlaskForm
from werkzeug.routing import IntegerConverter
from wtforms.fields.core import UnboundField

from app.accounts.models import Role
from tests.helpers import log_in_new_user
from tests.web._routes import rules

# Query parameters the views read (catalogue filters, pagination, redirects, admin filters).
QUERY_NAMES = ("q", "category", "city", "hall", "region", "craft", "sort", "page", "per_page", "min_price",
               "max_price", "next", "status", "state", "kind", "role", "needs_refund", "session_id", "fair")
BAD_VALUES = {
    "nul": "a\x00b",
    "control": "a\x1bb",
    "c1 control": "a\x85b",
    "invalid utf-8": "%FF%FE",  # sent raw, percent-encoded bytes that are not UTF-8
}


def _form_field_names() -> set[str]:
    """Every field name of every form in the app (forms are imported with the app)."""
    names: set[str] = set()
    pending = list(FlaskForm.__subclasses__())
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        names.update(name for name in dir(form) if isinstance(getattr(form, name, None), UnboundField))
    return names


def _path(rule, segment: str) -> str:
    """The rule's path with `segment` in every string argument (ids stay 1, so the route matches)."""
    return _fill(rule, {name: "1" if isinstance(conv, IntegerConverter) else segment
                        for name, conv in rule._converters.items()})


def _fill(rule, values: dict[str, str]) -> str:
    return re.sub(r"<(?:[^>:]+:)?([^>]+)>", lambda m: values[m.group(1)], rule.rule)


def _encoded(value: str) -> str:
    return value if value.startswith("%") else "".join(f"%{b:02X}" for b in value.encode())


@pytest.fixture
def admin_client(app):
    client = app.test_client()
    log_in_new_user(app, client, Role.ADMIN)
    return client


def test_there_are_forms_and_routes_to_walk(app):
    assert len(_form_field_names()) > 30 and len(rules(app, "GET")) > 50


@pytest.mark.parametrize("kind", BAD_VALUES)
def test_every_query_parameter_of_every_route_refuses_unreadable_values(app, admin_client, kind):
    query = "&".join(f"{name}={_encoded(BAD_VALUES[kind])}" for name in QUERY_NAMES)
    wrong = {}
    for method in ("GET", "POST"):
        for rule in rules(app, method):
            response = admin_client.open(f"{_fill(rule, _ones(rule))}?{query}", method=method)
            if response.status_code != 400:
                wrong[f"{method} {rule.rule}"] = response.status_code
    assert wrong == {}


@pytest.mark.parametrize("kind", BAD_VALUES)
def test_a_parameter_name_is_checked_like_its_value(client, kind):
    assert client.get(f"/products?{_encoded(BAD_VALUES[kind])}=1").status_code == 400


@pytest.mark.parametrize("kind", BAD_VALUES)
def test_every_string_path_segment_refuses_unreadable_values(app, admin_client, kind):
    wrong = {}
    for method in ("GET", "POST"):
        for rule in rules(app, method):
            if all(isinstance(conv, IntegerConverter) for conv in rule._converters.values()):
                continue
            response = admin_client.open(_path(rule, _encoded(BAD_VALUES[kind])), method=method)
            if response.status_code not in (400, 404):  # 404: a converter (e.g. a path) refused it first
                wrong[f"{method} {rule.rule}"] = response.status_code
    assert wrong == {}


@pytest.mark.parametrize("kind", BAD_VALUES)
def test_every_form_field_of_every_post_route_refuses_unreadable_values(app, admin_client, kind):
    body = "&".join(f"{name}={_encoded(BAD_VALUES[kind])}" for name in sorted(_form_field_names()))
    wrong = {}
    for rule in rules(app, "POST"):
        response = admin_client.post(_fill(rule, _ones(rule)), data=body,
                                     content_type="application/x-www-form-urlencoded")
        if response.status_code != 400:
            wrong[rule.rule] = response.status_code
    assert wrong == {}


def test_a_multipart_form_field_is_checked_too(app, admin_client):
    response = admin_client.post("/account/register", data={"name": "Amina\x00", "email": "a@example.ma"},
                                 content_type="multipart/form-data")
    assert response.status_code == 400


def test_over_long_values_are_refused(app, client):
    query_limit, field_limit = app.config["INPUT_MAX_QUERY_CHARS"], app.config["INPUT_MAX_FIELD_CHARS"]
    assert client.get(f"/products?q={'a' * (query_limit + 1)}").status_code == 400
    assert client.get(f"/products/{'a' * (query_limit + 1)}").status_code == 400
    register = {"name": "Amina", "email": "amina@example.ma", "address": "x" * (field_limit + 1)}
    assert client.post("/account/register", data=register).status_code == 400


@pytest.mark.parametrize("url", ["/products?category=%00", "/products?city=%00", "/products?hall=%00",
                                 "/api/v1/products?category=%00", "/api/v1/suppliers/%00"])
def test_the_probes_urls_are_refused_without_a_server_error(client, url):
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert client.get("/products?category=%00").status_code == 400


def test_the_probes_registration_and_checkout_fields_are_refused(client):
    assert client.post("/account/register", data={"name": "\x00", "email": "a@example.ma",
                                                  "password": "x" * 12}).status_code == 400
    assert client.post("/checkout", data={"name": "\x00", "address": "\x00"}).status_code == 400


def test_ordinary_text_still_passes(client):
    """Arabic, accents, tabs and the CR LF a textarea sends are ordinary input."""
    assert client.get("/products?q=%D8%B2%D8%B1%D8%A8%D9%8A%D8%A9+caf%C3%A9").status_code == 200
    response = client.post("/account/register", data={"name": "Amina\tBennani", "email": "not-an-address",
                                                      "password": "x", "address": "1 rue\r\nSafi"})
    assert response.status_code != 400 and response.status_code < 500


def _ones(rule) -> dict[str, str]:
    return {name: "1" if isinstance(conv, IntegerConverter) else "x" for name, conv in rule._converters.items()}
