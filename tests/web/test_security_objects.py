"""Beneficiary A cannot read, edit, submit, archive, re-photograph or ship anything of beneficiary B's:
every /supplier/ route that takes an object id is tried with B's ids (routes are enumerated, so a
route added tomorrow is covered too)."""
from __future__ import annotations

import re

import pytest

from app.catalog.models import ListingStatus, Product, ProductImage
from app.extensions import db
from app.media.models import Image, ImageState
from app.orders.models import OrderLine
from tests.factories import make_product, make_sale, make_supplier
from tests.helpers import login_as
from tests.web._routes import rules

REFUSED = (403, 404)


@pytest.fixture
def b_objects(app):
    """B's draft listing with a photo, B's published listing with an order line; A logged in elsewhere."""
    with app.app_context():
        b = make_supplier(slug="b-stand")
        draft = make_product(supplier=b, status=ListingStatus.DRAFT, title="B draft")
        sold = make_product(supplier=b, title="B sold")
        image = Image(content_hash="b" * 64, state=ImageState.READY)
        db.session.add(image)
        db.session.flush()
        photo = ProductImage(product_id=draft.id, image_id=image.id, position=0)
        db.session.add(photo)
        line = make_sale(sold).lines[0]
        db.session.commit()
        return {"draft": draft.id, "sold": sold.id, "photo": photo.id, "line": line.id}


@pytest.fixture
def a_client(app):
    client = app.test_client()
    with app.app_context():
        a = make_supplier(slug="a-stand")
        client.a_product = make_product(supplier=a, status=ListingStatus.DRAFT, title="A draft").id
        login_as(client, a.user)
        db.session.commit()
    return client


def _urls(app, method: str, b: dict) -> list[str]:
    """Every /supplier/ route with an id in it, filled with B's ids (both listings where a product is asked)."""
    values = {"product_id": (b["draft"], b["sold"]), "photo_id": (b["photo"],), "line_id": (b["line"],)}
    urls = []
    for rule in rules(app, method, ("/supplier/",)):
        names = re.findall(r"<(?:[^:>]+:)?([^>]+)>", rule.rule)
        if not names:
            continue
        for product in values["product_id"]:
            filled = {name: (product if name == "product_id" else values.get(name, ("x",))[0]) for name in names}
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m, f=filled: str(f[m.group(1)]), rule.rule)
            urls.append(path)
    return sorted(set(urls))


def _snapshot(app, b: dict) -> tuple:
    with app.app_context():
        products = [(p.title, p.status, p.stock, p.price_centimes)
                    for p in db.session.scalars(db.select(Product).order_by(Product.id))]
        photos = db.session.scalars(db.select(ProductImage.id).where(ProductImage.product_id == b["draft"])).all()
        line = db.session.get(OrderLine, b["line"]).status
        return products, photos, line


def test_there_are_object_routes_to_try(app, b_objects):
    assert _urls(app, "GET", b_objects) and _urls(app, "POST", b_objects)


def test_control_a_reaches_their_own_listing_through_the_same_routes(app, a_client, b_objects):
    own = {"draft": a_client.a_product, "sold": a_client.a_product, "photo": 0, "line": 0}
    reached = [url for url in _urls(app, "GET", own) if "/photos/" not in url]
    assert reached and all(a_client.get(url).status_code == 200 for url in reached)


def test_a_cannot_read_any_of_bs_objects(app, a_client, b_objects):
    wrong = {url: a_client.get(url).status_code for url in _urls(app, "GET", b_objects)}
    assert {url: status for url, status in wrong.items() if status not in REFUSED} == {}


def test_a_cannot_change_any_of_bs_objects(app, a_client, b_objects):
    before = _snapshot(app, b_objects)
    form = {"title": "Taken by A", "description": "x", "price": "1", "stock": "0", "category": "1",
            "direction": "up", "quantity": "0"}
    wrong = {url: a_client.post(url, data=form).status_code for url in _urls(app, "POST", b_objects)}
    assert {url: status for url, status in wrong.items() if status not in REFUSED} == {}
    assert _snapshot(app, b_objects) == before


def test_the_listing_page_of_a_shows_none_of_bs_listings(app, a_client, b_objects):
    page = a_client.get("/supplier/products").text
    assert "B draft" not in page and "B sold" not in page


def test_a_group_manager_cannot_read_or_change_another_group(app):
    from app.accounts.models import Role
    from app.suppliers.models import Group
    from tests.factories import make_group, make_user

    client = app.test_client()
    with app.app_context():
        manager = make_user(Role.GROUP_MANAGER)
        mine = make_group(slug="mine", manager_id=manager.id)
        other = make_group(slug="theirs", name="Their group", commission_bp=1000)
        login_as(client, manager)
        db.session.commit()
        other_id, mine_id = other.id, mine.id
    routes = [rule for method in ("GET", "POST") for rule in rules(app, method, ("/admin/",))
              if "group_id" in rule.arguments
              and Role.GROUP_MANAGER in getattr(app.view_functions[rule.endpoint], "allowed_roles", ())]
    assert routes, "no group-manager route takes a group id"
    for rule in routes:
        own = re.sub(r"<(?:[^:>]+:)?group_id>", str(mine_id), rule.rule)
        assert client.get(own).status_code == 200, "control: the manager's own group opens"
        path = re.sub(r"<(?:[^:>]+:)?group_id>", str(other_id), rule.rule)
        assert client.get(path).status_code in REFUSED
        assert client.post(path, data={"name": "Taken", "commission": "19", "commission_bp": "1900"}).status_code \
            in REFUSED
    with app.app_context():
        group = db.session.get(Group, other_id)
        assert (group.name, group.commission_bp) == ("Their group", 1000)
