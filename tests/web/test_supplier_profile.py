"""The stand profile: a beneficiary opens their stand first, then edits it."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.extensions import db
from app.media.models import Image
from app.suppliers.models import Supplier
from tests.factories import make_supplier, make_user, photo_bytes
from tests.helpers import login_as

pytestmark = pytest.mark.usefixtures("english")

STAND = {"display_name": "Fatima Zahra", "trade_name": "Atelier Safi", "craft": "Poterie", "city": "Safi",
         "region": "Marrakech-Safi", "story": "Potière depuis l'enfance.", "story_ar": "خزافة منذ الطفولة",
         "story_en": ""}


@pytest.fixture
def newcomer(app, client):
    """A logged-in beneficiary who has no stand yet."""
    with app.app_context():
        user = make_user(Role.BENEFICIARY)
        login_as(client, user)
        db.session.commit()
        return user.id


def stand_of(app, user_id):
    with app.app_context():
        return db.session.scalar(select(Supplier).where(Supplier.user_id == user_id))


def test_a_beneficiary_without_a_stand_is_led_to_create_it(client, newcomer):
    for path in ("/supplier/", "/supplier/products", "/supplier/products/new"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/supplier/profile")
    page = client.get("/supplier/profile")
    assert page.status_code == 200
    assert "Open my stand" in page.text


def test_opening_a_stand_with_a_photo(app, client, newcomer):
    data = {**STAND, "photo": (io.BytesIO(photo_bytes(900, 900)), "me.jpg")}
    response = client.post("/supplier/profile", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/supplier/")
    with app.app_context():
        supplier = db.session.scalar(select(Supplier).where(Supplier.user_id == newcomer))
        assert supplier.slug == "atelier-safi"
        assert supplier.story_i18n == {"ar": "خزافة منذ الطفولة"}
        assert supplier.verification_state.value == "unverified"
        assert supplier.photo is not None and supplier.photo.renditions
    dashboard = client.get("/supplier/")
    assert dashboard.status_code == 200
    assert "Atelier Safi" in dashboard.text


def test_a_stand_needs_a_name_a_craft_and_a_city(app, client, newcomer):
    response = client.post("/supplier/profile", data={**STAND, "display_name": "", "city": ""})
    assert response.status_code == 422
    assert stand_of(app, newcomer) is None


def test_a_profile_photo_that_is_not_a_photo_is_refused_and_nothing_is_saved(app, client, newcomer):
    data = {**STAND, "photo": (io.BytesIO(b"<html><script>alert(1)</script></html>"), "me.jpg")}
    response = client.post("/supplier/profile", data=data, content_type="multipart/form-data")
    assert response.status_code == 415
    assert "JPEG, PNG, WebP or HEIC" in response.text
    assert stand_of(app, newcomer) is None
    with app.app_context():
        assert db.session.scalars(select(Image)).all() == []


def test_editing_the_stand_keeps_its_address(app, client):
    with app.app_context():
        supplier = make_supplier(slug="atelier-safi", story_i18n={"en": "Old"})
        login_as(client, supplier.user)
        db.session.commit()
        user_id = supplier.user_id
    page = client.get("/supplier/profile")
    assert "Old" in page.text  # the form shows what is stored
    response = client.post("/supplier/profile", data={**STAND, "trade_name": "Nouveau nom", "story_en": "New"})
    assert response.status_code == 302
    supplier = stand_of(app, user_id)
    assert (supplier.slug, supplier.trade_name) == ("atelier-safi", "Nouveau nom")
    assert supplier.story_i18n == {"ar": "خزافة منذ الطفولة", "en": "New"}


@pytest.mark.parametrize("role", [Role.SHOPPER, Role.MODERATOR, Role.ADMIN])
def test_only_beneficiaries_reach_the_portal(app, client, role):
    with app.app_context():
        login_as(client, make_user(role))
        db.session.commit()
    assert client.get("/supplier/profile").status_code == 403
    assert client.post("/supplier/profile", data=STAND).status_code == 403
    assert client.get("/supplier/").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, app):
    response = client.get("/supplier/")
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]
