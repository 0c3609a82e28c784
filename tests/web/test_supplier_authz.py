"""Beneficiary A can neither read nor change anything of beneficiary B's, on any portal route;
and only beneficiaries reach the portal at all."""
from __future__ import annotations

import io
from types import SimpleNamespace

import pytest

from app.accounts.models import Role
from app.catalog.gallery import add_product_photo
from app.catalog.models import ListingStatus, Product
from app.extensions import db
from tests.factories import make_category, make_image, make_product, make_supplier, make_user, photo_bytes
from tests.helpers import login_as

# (method, path template, form data): every portal route that names a listing or a photo.
ROUTES = [
    ("GET", "/supplier/products/{p}", None),
    ("POST", "/supplier/products/{p}", "edit"),
    ("POST", "/supplier/products/{p}/submit", {}),
    ("POST", "/supplier/products/{p}/archive", {}),
    ("POST", "/supplier/products/{p}/restore", {}),
    ("GET", "/supplier/products/{p}/photos", None),
    ("POST", "/supplier/products/{p}/photos", "upload"),
    ("GET", "/supplier/products/{p}/photos/{ph}/status", None),
    ("POST", "/supplier/products/{p}/photos/{ph}/move", {"direction": "up"}),
    ("POST", "/supplier/products/{p}/photos/{ph}/move", {"direction": "down"}),
    ("POST", "/supplier/products/{p}/photos/{ph}/cover", {}),
    ("POST", "/supplier/products/{p}/photos/{ph}/delete", {}),
]


@pytest.fixture
def world(app, client):
    """A (logged in) and B, each with a listing of two photos; B's is published."""
    with app.app_context():
        category = make_category()
        a, b = make_supplier(), make_supplier()
        mine = make_product(a, category, status=ListingStatus.DRAFT)
        theirs = make_product(b, category, status=ListingStatus.PUBLISHED, title="Tapis de B", stock=3)
        for product in (mine, theirs):
            for _ in range(2):
                add_product_photo(product, make_image(160, 120))
        login_as(client, a.user)
        db.session.commit()
        return SimpleNamespace(category_id=category.id, mine=mine.id, mine_photo=mine.images[1].id,
                               theirs=theirs.id, theirs_photo=theirs.images[1].id)


def snapshot(app, product_id):
    with app.app_context():
        p = db.session.get(Product, product_id)
        return (p.title, p.status, p.stock, p.price_centimes, [(i.id, i.position) for i in p.images])


def request(client, method, path, data, category_id):
    if data is None:
        return client.get(path)
    if data == "edit":
        data = {"title": "Volé", "description": "x", "category": category_id, "price": "1", "stock": "0"}
    if data == "upload":
        return client.post(path, data={"photo": (io.BytesIO(photo_bytes(seed=31)), "a.jpg")},
                           content_type="multipart/form-data")
    return client.post(path, data=data)


@pytest.mark.parametrize("method, template, data", ROUTES, ids=[f"{m} {t} {d}" for m, t, d in ROUTES])
def test_another_suppliers_listing_is_not_found_and_unchanged(app, client, world, method, template, data):
    before = snapshot(app, world.theirs)
    path = template.format(p=world.theirs, ph=world.theirs_photo)
    response = request(client, method, path, data, world.category_id)
    assert response.status_code == 404
    assert "Tapis de B" not in response.text
    assert snapshot(app, world.theirs) == before


@pytest.mark.parametrize("template", [t for _, t, _ in ROUTES if "{ph}" in t])
def test_another_suppliers_photo_through_my_own_listing_is_not_found(app, client, world, template):
    before = snapshot(app, world.theirs)
    path = template.format(p=world.mine, ph=world.theirs_photo)
    response = client.get(path) if path.endswith("/status") else client.post(path, data={"direction": "up"})
    assert response.status_code == 404
    assert snapshot(app, world.theirs) == before


@pytest.mark.parametrize("method, template, data", ROUTES, ids=[f"{m} {t} {d}" for m, t, d in ROUTES])
def test_my_own_listing_answers_on_the_same_routes(app, client, world, method, template, data):
    """The same requests on A's own listing do not answer 404 (so the tests above mean something)."""
    path = template.format(p=world.mine, ph=world.mine_photo)
    assert request(client, method, path, data, world.category_id).status_code != 404


EVERY_PORTAL_PAGE = ["/supplier/", "/supplier/profile", "/supplier/products", "/supplier/products/new"]


@pytest.mark.parametrize("role", [Role.SHOPPER, Role.GROUP_MANAGER, Role.MODERATOR, Role.ADMIN, Role.OVERSIGHT])
def test_other_roles_are_forbidden_everywhere(app, client, world, role):
    with app.app_context():
        login_as(client, make_user(role))
        db.session.commit()
    before = snapshot(app, world.mine)
    for path in EVERY_PORTAL_PAGE:
        assert client.get(path).status_code == 403, path
    for method, template, data in ROUTES:
        path = template.format(p=world.mine, ph=world.mine_photo)
        assert request(client, method, path, data, world.category_id).status_code == 403, path
    assert snapshot(app, world.mine) == before


def test_anonymous_visitors_are_sent_to_log_in_everywhere(app, world):
    anonymous = app.test_client()
    for method, template, data in ROUTES:
        path = template.format(p=world.mine, ph=world.mine_photo)
        response = request(anonymous, method, path, data, world.category_id)
        assert response.status_code == 302 and "/account/login" in response.headers["Location"], path
