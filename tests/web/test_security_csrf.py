"""Every state-changing route refuses a POST without a valid CSRF token (routes are enumerated,
so a route added tomorrow is covered too). Only Stripe's webhooks, which are signed, are exempt."""
from __future__ import annotations

import re

import pytest

from app import create_app
from app.accounts.models import Role
from app.extensions import db
from tests.factories import make_product, make_user
from tests.helpers import login_as
from tests.web._routes import dummy_url, rules

CSRF_REFUSED = "This form has expired or was not sent from our site"
EN = {"Accept-Language": "en"}


@pytest.fixture(scope="module")
def csrf_app(app, app_config):
    return create_app({**app_config, "WTF_CSRF_ENABLED": True})


@pytest.fixture
def admin_client(csrf_app):
    """A client logged in as an administrator, so no guard answers before the CSRF check would."""
    client = csrf_app.test_client()
    with csrf_app.app_context():
        login_as(client, make_user(Role.ADMIN))
        db.session.commit()
    return client


def _token(client) -> str:
    page = client.get("/account/login", follow_redirects=True).text
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def _post_rules(csrf_app):
    found = rules(csrf_app, "POST", exclude=("/webhooks/",))
    assert {"/account/login", "/account/logout", "/account/register"} <= {r.rule for r in found}
    return found


def test_every_post_route_refuses_a_request_without_a_csrf_token(csrf_app, admin_client):
    accepted = []
    for rule in _post_rules(csrf_app):
        response = admin_client.post(dummy_url(rule), data={"anything": "1"}, headers=EN)
        if response.status_code != 400 or CSRF_REFUSED not in response.text:
            accepted.append(f"{rule.rule} -> {response.status_code}")
    assert accepted == []


def test_every_post_route_refuses_a_wrong_csrf_token(csrf_app, admin_client):
    _token(admin_client)  # the session now holds a real token
    accepted = []
    for rule in _post_rules(csrf_app):
        response = admin_client.post(dummy_url(rule), data={"csrf_token": "forged"}, headers=EN)
        if response.status_code != 400 or CSRF_REFUSED not in response.text:
            accepted.append(f"{rule.rule} -> {response.status_code}")
    assert accepted == []


def test_a_token_from_another_visitors_session_is_refused(csrf_app, admin_client):
    attacker = csrf_app.test_client()
    stolen = _token(attacker)
    _token(admin_client)
    response = admin_client.post("/account/logout", data={"csrf_token": stolen}, headers=EN)
    assert response.status_code == 400 and CSRF_REFUSED in response.text
    assert admin_client.get("/account/").status_code == 200, "still logged in"


def test_a_token_in_the_header_is_refused_when_wrong(csrf_app, admin_client):
    _token(admin_client)
    response = admin_client.post("/account/logout", headers={"X-CSRFToken": "forged", **EN})
    assert response.status_code == 400


def test_the_right_token_is_accepted(csrf_app, admin_client):
    """The control: the refusals above are about the token, not about the requests themselves."""
    token = _token(admin_client)
    assert admin_client.post("/account/logout", data={"csrf_token": token}).status_code == 302
    assert admin_client.get("/account/").status_code == 302


def test_webhooks_are_the_only_routes_without_csrf(csrf_app):
    exempt = [r.rule for r in rules(csrf_app, "POST", prefixes=("/webhooks/",))]
    assert all(path.startswith("/webhooks/") for path in exempt)


# -- a visitor without a session: the public pages' forms carry no token, the browser's origin is checked --

OURS = "http://localhost"


@pytest.fixture
def first_visit(csrf_app):
    """A visitor's first page: a product, which sets no cookie and whose forms carry no token."""
    with csrf_app.app_context():
        product_id = make_product(stock=5, title="Tajine of the first visit").id
        db.session.commit()
    client = csrf_app.test_client()
    page = client.get(f"/products/{product_id}", headers=EN)
    assert page.status_code == 200 and "Set-Cookie" not in page.headers
    assert re.findall(r'name="csrf_token" value="([^"]*)"', page.text) == ["", ""]  # add to cart, language
    return client, product_id


def _add_to_cart(client, product_id, **headers):
    return client.post("/cart/items", data={"product_id": product_id, "quantity": 1, "csrf_token": ""},
                       headers={**EN, **headers})


@pytest.mark.parametrize("headers", [{"Origin": OURS}, {"Sec-Fetch-Site": "same-origin"},
                                     {"Sec-Fetch-Site": "same-origin", "Origin": OURS}],
                         ids=["origin", "fetch metadata", "both"])
def test_a_form_sent_from_our_page_without_a_session_is_accepted(first_visit, headers):
    client, product_id = first_visit
    assert _add_to_cart(client, product_id, **headers).status_code == 303
    assert "Tajine of the first visit" in client.get("/cart", headers=EN).text


@pytest.mark.parametrize("headers", [
    {},  # an old browser or a script: neither header
    {"Origin": "https://evil.example"},
    {"Origin": "null"},  # a sandboxed frame, a data: page
    {"Origin": "http://localhost.evil.example"},
    {"Sec-Fetch-Site": "cross-site", "Origin": OURS},  # the browser's own verdict wins
    {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain
], ids=["none", "other origin", "null", "lookalike", "cross-site", "same-site"])
def test_a_form_sent_from_elsewhere_without_a_session_is_refused_and_nothing_is_written(first_visit, headers):
    client, product_id = first_visit
    refused = _add_to_cart(client, product_id, **headers)
    assert refused.status_code == 400 and CSRF_REFUSED in refused.text
    # The refusal gave the visitor a session: the page they reload carries a real token.
    again = client.get(f"/products/{product_id}", headers=EN)
    assert re.search(r'name="csrf_token" value="[^"]+"', again.text)
    assert "Tajine of the first visit" not in client.get("/cart", headers=EN).text


def test_every_post_route_refuses_a_visitor_without_a_session_sent_from_another_site(csrf_app):
    accepted = []
    for rule in _post_rules(csrf_app):
        for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site", "Origin": OURS}):
            response = csrf_app.test_client().post(dummy_url(rule), data={"csrf_token": ""}, headers={**EN, **headers})
            if response.status_code != 400 or CSRF_REFUSED not in response.text:
                accepted.append(f"{rule.rule} {headers} -> {response.status_code}")
    assert accepted == []


def test_a_form_rendered_before_the_session_got_a_secret_is_judged_by_the_headers(first_visit):
    """While the page was open, another page (a missing photo's error page, another tab) gave the visitor
    a session with a CSRF secret: the form they send still carries no token, and is not refused for it."""
    client, product_id = first_visit
    client.get("/account/login", headers=EN)  # a page rendered outside the public pages: a secret minted
    refused = _add_to_cart(client, product_id, Origin="https://evil.example")
    assert refused.status_code == 400 and CSRF_REFUSED in refused.text
    assert _add_to_cart(client, product_id, **{"Sec-Fetch-Site": "same-origin"}).status_code == 303
    assert "Tajine of the first visit" in client.get("/cart", headers=EN).text


def test_a_token_sent_must_be_right_even_from_our_own_page(first_visit):
    client, product_id = first_visit
    client.get("/account/login", headers=EN)
    wrong = client.post("/cart/items", data={"product_id": product_id, "quantity": 1, "csrf_token": "forged"},
                        headers={**EN, "Origin": OURS, "Sec-Fetch-Site": "same-origin"})
    assert wrong.status_code == 400 and CSRF_REFUSED in wrong.text
