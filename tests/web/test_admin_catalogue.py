"""Catalogue management: categories, halls (order, cover), fairs, pickup points, groups; forms explain mistakes."""
import io

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.catalog.models import Category, ListingStatus
from app.exhibition import services
from app.exhibition.models import Fair, Hall, PickupPoint
from app.extensions import db
from app.suppliers.models import Group, Supplier
from tests.factories import (
    make_category,
    make_hall,
    make_product,
    make_supplier,
    make_user,
    photo_bytes,
)
from tests.helpers import log_in_new_user, login_as

KINDS = ["categories", "halls", "fairs", "pickup-points", "groups"]


@pytest.fixture
def admin(app, client):
    return log_in_new_user(app, client, Role.ADMIN)


def get(app, model, **where):
    with app.app_context():
        obj = db.session.scalar(select(model).filter_by(**where))
        if obj is not None:
            db.session.expunge(obj)
        return obj


@pytest.mark.parametrize("role", [None, Role.SHOPPER, Role.BENEFICIARY, Role.MODERATOR, Role.OVERSIGHT])
def test_management_is_for_admins_only(app, client, role):
    if role:
        with app.app_context():
            login_as(client, make_user(role))
            db.session.commit()
    expected = 302 if role is None else 403
    for kind in KINDS:
        assert client.get(f"/admin/catalogue/{kind}").status_code == expected
        assert client.post(f"/admin/catalogue/{kind}/new", data={"name": "X", "title": "X"}).status_code == expected
    assert client.post("/admin/catalogue/halls/1/products", data={"product_id": "1"}).status_code == expected
    with app.app_context():
        assert db.session.scalar(select(Category)) is None and db.session.scalar(select(Hall)) is None


def test_every_list_and_empty_form_renders(client, admin):
    for kind in KINDS:
        assert client.get(f"/admin/catalogue/{kind}").status_code == 200
        assert client.get(f"/admin/catalogue/{kind}/new").status_code == 200
    assert client.get("/admin/catalogue/nope").status_code == 404
    assert client.get("/admin/catalogue/halls/999").status_code == 404


def test_category_with_translations_is_created_and_audited(app, client, admin):
    response = client.post("/admin/catalogue/categories/new",
                           data={"name": "Poterie", "name_ar": "فخار", "name_en": "Pottery", "position": "2"})
    assert response.status_code == 303
    category = get(app, Category, name="Poterie")
    assert category.slug == "poterie" and category.name_i18n == {"ar": "فخار", "en": "Pottery"}
    assert get(app, AuditEntry, action="category.created").object_id == category.id
    client.post(f"/admin/catalogue/categories/{category.id}", data={"name": "Poterie de Safi", "name_ar": ""})
    assert get(app, Category, id=category.id).name_i18n == {}
    client.post("/admin/catalogue/categories/new", data={"name": "Poterie"})
    assert get(app, Category, name="Poterie").slug == "poterie-2" or get(app, Category, slug="poterie-2")


def test_category_without_name_says_so(client, admin):
    response = client.post("/admin/catalogue/categories/new", data={"name": "", "position": "-1"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "This field is required" in page and "Number must be" in page


def test_fair_cannot_end_before_it_starts(app, client, admin):
    response = client.post("/admin/catalogue/fairs/new", headers={"Accept-Language": "en"}, data={
        "name": "Foire de Salé", "city": "Salé", "starts_on": "2026-06-10", "ends_on": "2026-06-09"})
    assert response.status_code == 422
    assert "on or after the first day" in response.get_data(as_text=True)
    assert get(app, Fair, name="Foire de Salé") is None


def test_fair_with_participating_suppliers(app, client, admin):
    with app.app_context():
        ids = [make_supplier().id, make_supplier().id]
        unverified = make_supplier(verified=False).id
        db.session.commit()
    page = client.get("/admin/catalogue/fairs/new").get_data(as_text=True)
    assert f'value="{unverified}"' not in page
    response = client.post("/admin/catalogue/fairs/new", data={
        "name": "Foire de Salé", "city": "Salé", "venue": "Bab Lamrissa", "starts_on": "2026-06-10",
        "ends_on": "2026-06-12", "suppliers": ids})
    assert response.status_code == 303
    with app.app_context():
        fair = db.session.scalar(select(Fair))
        assert sorted(s.supplier_id for s in fair.stands) == ids
    refused = client.post(f"/admin/catalogue/fairs/{fair.id}", data={
        "name": "Foire de Salé", "city": "Salé", "starts_on": "2026-06-10", "ends_on": "2026-06-12",
        "suppliers": [unverified]})
    assert refused.status_code == 422


def test_pickup_point_needs_address_and_hours(app, client, admin):
    bad = client.post("/admin/catalogue/pickup-points/new", data={"name": "Espace Salé", "kind": "solidarity_space",
                                                                   "city": "Salé"})
    assert bad.status_code == 422
    good = client.post("/admin/catalogue/pickup-points/new", data={
        "name": "Espace Salé", "kind": "proximity_shop", "city": "Salé", "address": "1 rue de Fès",
        "opening_hours": "Lun-Sam 9h-19h", "active": "y"})
    assert good.status_code == 303
    point = get(app, PickupPoint, name="Espace Salé")
    assert point.kind.value == "proximity_shop" and point.active


def test_group_commission_is_capped(app, client, admin):
    response = client.post("/admin/catalogue/groups/new", data={"name": "Coop", "commission": "25",
                                                                "manager_id": "0"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "platform cap" in response.get_data(as_text=True)
    assert get(app, Group, name="Coop") is None


def test_group_with_manager_funders_and_members(app, client, admin):
    with app.app_context():
        manager = make_user(Role.GROUP_MANAGER).id
        members = [make_supplier().id, make_supplier().id]
        db.session.commit()
    response = client.post("/admin/catalogue/groups/new", data={
        "name": "Coopérative Tiwizi", "city": "Agadir", "commission": "12.5", "manager_id": str(manager),
        "description_ar": "تعاونية",
        "funders": "Fondation Banque Populaire; funder\nChambre de commerce; professional", "members": members})
    assert response.status_code == 303
    with app.app_context():
        group = db.session.scalar(select(Group))
        assert (group.commission_bp, group.manager_id, group.description_i18n) == (1250, manager, {"ar": "تعاونية"})
        assert [(f.name, f.kind) for f in group.funders] == [("Fondation Banque Populaire", "funder"),
                                                            ("Chambre de commerce", "professional")]
        assert sorted(s.id for s in group.members) == members
    client.post(f"/admin/catalogue/groups/{group.id}", data={
        "name": "Coopérative Tiwizi", "commission": "10", "manager_id": "0", "members": members[:1]})
    assert get(app, Supplier, id=members[1]).group_id is None


def test_group_funder_lines_are_checked(client, admin):
    response = client.post("/admin/catalogue/groups/new", headers={"Accept-Language": "en"}, data={
        "name": "Coop", "commission": "5", "manager_id": "0", "funders": "Banque; banker"})
    assert response.status_code == 422
    assert "Line 1" in response.get_data(as_text=True)


def test_group_manager_must_have_the_role(app_ctx):
    from app.errors import Invalid

    shopper = make_user(Role.SHOPPER)
    with pytest.raises(Invalid):
        services.save_group(None, services.GroupInput("Coop", "", "", 500, shopper.id), actor_id=None)


def test_hall_selection_is_chosen_and_ordered(app, client, admin):
    with app.app_context():
        first, second, third = (make_product(title=t).id for t in ("Argan", "Amlou", "Savon"))
        draft = make_product(status=ListingStatus.DRAFT).id
        hall = make_hall(title="Terroir").id
        db.session.commit()
    for product_id in (first, second, third):
        assert client.post(f"/admin/catalogue/halls/{hall}/products", data={"product_id": product_id}
                           ).status_code == 303
    client.post(f"/admin/catalogue/halls/{hall}/products/{third}/up")
    client.post(f"/admin/catalogue/halls/{hall}/products/{first}/remove")
    client.post(f"/admin/catalogue/halls/{hall}/products", data={"product_id": draft})
    with app.app_context():
        assert [e.product_id for e in services.hall_entries(hall)] == [third, second]
    page = client.get(f"/admin/catalogue/halls/{hall}").get_data(as_text=True)
    assert page.index("Savon") < page.index("Amlou")
    found = client.get(f"/admin/catalogue/halls/{hall}?q=arg").get_data(as_text=True)
    assert f'<option value="{first}">' in found


def test_hall_cover_goes_through_the_photo_pipeline(app, client, admin):
    response = client.post("/admin/catalogue/halls/new", content_type="multipart/form-data", data={
        "title": "Tapis", "title_ar": "زرابي", "intro": "Tissés à la main", "featured": "y",
        "cover": (io.BytesIO(photo_bytes(900, 600)), "cover.jpg")})
    assert response.status_code == 303
    hall = get(app, Hall, title="Tapis")
    assert hall.cover_id is not None and hall.featured and hall.title_i18n == {"ar": "زرابي"}
    bad = client.post(f"/admin/catalogue/halls/{hall.id}", content_type="multipart/form-data", data={
        "title": "Tapis", "cover": (io.BytesIO(b"not an image"), "cover.jpg")})
    assert bad.status_code in (415, 422)
    assert get(app, Hall, id=hall.id).cover_id == hall.cover_id


def test_categories_list_in_order(app, client, admin):
    with app.app_context():
        make_category(name="Zellige", position=0)
        make_category(name="Broderie", position=1)
        db.session.commit()
    page = client.get("/admin/catalogue/categories").get_data(as_text=True)
    assert page.index("Zellige") < page.index("Broderie")


def test_deleting_keeps_history_meaningful(app, client, admin):
    with app.app_context():
        used = make_category(name="Used").id
        make_product(category=db.session.get(Category, used))
        unused = make_category(name="Unused").id
        hall = make_hall(products=(make_product(),)).id
        db.session.commit()
    refused = client.post(f"/admin/catalogue/categories/{used}/delete")
    assert refused.status_code == 409 and "Products still use this category" in refused.get_data(as_text=True)
    assert client.post(f"/admin/catalogue/categories/{unused}/delete").status_code == 303
    assert client.post(f"/admin/catalogue/halls/{hall}/delete").status_code == 303
    assert get(app, Category, id=unused) is None and get(app, Hall, id=hall) is None
    assert get(app, Category, id=used) is not None
    assert get(app, AuditEntry, action="category.deleted").object_id == unused
    assert get(app, AuditEntry, action="hall.deleted").object_id == hall


@pytest.mark.parametrize("product_id", ["", "abc", "²", "99999999999"])
def test_adding_a_product_that_is_no_number_to_a_hall_is_explained(app, client, admin, product_id):
    with app.app_context():
        hall = make_hall(title="Terroir").id
        db.session.commit()
    response = client.post(f"/admin/catalogue/halls/{hall}/products", data={"product_id": product_id},
                           follow_redirects=True)
    assert response.status_code == 200 and "Choose a product to add." in response.get_data(as_text=True)
