"""`?next=` only ever leads to a page of this site."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from app.extensions import db
from app.web.redirects import safe_next
from tests.factories import make_user
from tests.helpers import login_as

ATTACKS = [
    "https://evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example", "///evil.example",
    "/\t/evil.example", " //evil.example", "https:/evil.example", "javascript:alert(1)",
    "/\r\nSet-Cookie: stolen=1", "http://localhost@evil.example",
]


def _refused_or_lands_on_the_site(response) -> bool:
    """A control character in the query string is refused at the edge (400); anything else redirects home."""
    return response.status_code == 400 or (response.status_code == 302 and _lands_on_the_site(response.location))


def _lands_on_the_site(location: str) -> bool:
    parts = urlsplit(location)
    return (location.startswith("/") and not location.startswith("//") and "\\" not in location
            and not parts.netloc and not parts.scheme and "evil" not in location)


@pytest.mark.parametrize("target", ATTACKS)
def test_next_after_login_never_leaves_the_site(client, app, auth, target):
    with app.app_context():
        make_user(email="amina@example.ma")
        db.session.commit()
    response = auth.login("amina@example.ma", next=target)
    assert response.status_code == 302 and _lands_on_the_site(response.location)


@pytest.mark.parametrize("target", ATTACKS)
def test_next_in_the_query_string_of_the_login_page_never_leaves_the_site(client, app, target):
    with app.app_context():
        login_as(client, make_user())
        db.session.commit()
    response = client.get("/account/login", query_string={"next": target})
    assert _refused_or_lands_on_the_site(response)


@pytest.mark.parametrize("target", ATTACKS)
def test_next_after_registration_never_leaves_the_site(client, target):
    response = client.post("/account/register", data={
        "name": "A", "email": "a@example.ma", "password": "a long enough secret", "next": target})
    assert response.status_code == 302 and _lands_on_the_site(response.location)


@pytest.mark.parametrize("target", ATTACKS)
def test_next_of_the_language_switch_never_leaves_the_site(client, target):
    response = client.post("/language", data={"lang": "ar", "next": target})
    assert response.status_code == 302 and _lands_on_the_site(response.location)


@pytest.mark.parametrize("target", ["/products?page=2", "/account/", "/suppliers/fatima-safi"])
def test_a_path_on_the_site_is_kept(target):
    assert safe_next(target) == target
