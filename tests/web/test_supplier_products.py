"""Listings through the portal: list, create, edit, submit, archive, restore."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.catalog.gallery import add_product_photo
from app.catalog.models import Category, ListingStatus, Product
from app.extensions import db
from app.suppliers.models import Supplier
from tests.factories import make_category, make_image, make_product, make_supplier
from tests.helpers import count_queries, login_as

pytestmark = pytest.mark.usefixtures("english")


def log_in_stand(app, client, verified=True):
    with app.app_context():
        supplier = make_supplier(verified=verified)
        category = make_category(name="Poterie")
        login_as(client, supplier.user)
        db.session.commit()
        return SimpleNamespace(supplier_id=supplier.id, category_id=category.id)


@pytest.fixture
def me(app, client):
    return log_in_stand(app, client)


def form(me, **kw):
    values = {"title": "Tajine de Safi", "description": "Terre cuite.\n\nPeint à la main.",
              "category": me.category_id, "price": "120,50", "stock": "4",
              "title_ar": "", "description_ar": "", "title_en": "", "description_en": ""}
    values.update(kw)
    return values


def listing(app, me, status=ListingStatus.DRAFT, photos=0, **kw):
    with app.app_context():
        category = db.session.get(Category, kw.pop("category_id")) if "category_id" in kw else None
        product = make_product(db.session.get_one(Supplier, me.supplier_id), category, status=status, **kw)
        for _ in range(photos):
            add_product_photo(product, make_image(160, 120))
        db.session.commit()
        return product.id


def product(app, product_id):
    with app.app_context():
        found = db.session.get(Product, product_id)
        db.session.expunge(found)
        return found


def test_creating_a_listing_makes_a_draft_and_leads_to_its_photos(app, client, me):
    response = client.post("/supplier/products/new", data=form(me, title_en="Safi tajine",
                                                                 description="<p>Ok</p><script>x()</script>"))
    assert response.status_code == 302
    with app.app_context():
        created = db.session.scalar(select(Product).where(Product.supplier_id == me.supplier_id))
        assert created.status == ListingStatus.DRAFT
        assert created.price_centimes == 12050
        assert created.stock == 4
        assert created.description == "<p>Ok</p>"
        assert [(t.locale, t.title) for t in created.translations] == [("en", "Safi tajine")]
        assert response.headers["Location"].endswith(f"/supplier/products/{created.id}/photos")


def test_a_listing_posted_without_the_translation_inputs_is_created_untranslated(app, client, me):
    """A script or an older page may leave the four inputs out: no translation, not a 500."""
    values = {k: v for k, v in form(me).items() if not k.endswith(("_ar", "_en"))}
    assert client.post("/supplier/products/new", data=values).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Product)).translations == []


@pytest.mark.parametrize("bad, message", [
    ({"price": "0"}, "more than 0"), ({"price": "douze"}, "Write the price in dirhams"),
    ({"price": "2000000"}, "at most 1,000,000 MAD"), ({"stock": "-1"}, "Number must be"),
    ({"stock": "1.5"}, "Not a valid integer"), ({"title": ""}, "This field is required"),
    ({"category": "0"}, "Please choose a category"),
    ({"description_en": "Only a description"}, "Give the title too"),
])
def test_bad_values_are_refused_with_a_clear_message(app, client, me, bad, message):
    response = client.post("/supplier/products/new", data=form(me, **bad))
    assert response.status_code == 422
    assert message in response.text
    with app.app_context():
        assert db.session.scalars(select(Product)).all() == []


def test_the_list_shows_only_my_listings_with_the_moderators_reason(app, client, me):
    listing(app, me, ListingStatus.CHANGES_REQUESTED, title="Tapis bleu", moderation_reason="Photo trop sombre")
    listing(app, me, ListingStatus.PUBLISHED, title="Tapis rouge")
    with app.app_context():
        make_product(title="Le tapis d'un autre")
        db.session.commit()
    page = client.get("/supplier/products").text
    assert "Tapis bleu" in page and "Tapis rouge" in page
    assert "Le tapis d&#39;un autre" not in page and "Le tapis d'un autre" not in page
    assert "Photo trop sombre" in page
    assert "Changes requested" in page and "Published" in page


def test_the_edit_page_shows_plain_text_and_the_rejection_reason(app, client, me):
    product_id = listing(app, me, ListingStatus.REJECTED, moderation_reason="Produit industriel",
                         description="<p>Ligne 1<br>Ligne 2</p>")
    page = client.get(f"/supplier/products/{product_id}").text
    assert "Produit industriel" in page and "Why it was rejected" in page
    assert "\nLigne 1\nLigne 2</textarea>" in page


def test_a_material_edit_of_a_published_listing_sends_it_back_to_review(app, client, me):
    product_id = listing(app, me, ListingStatus.PUBLISHED, title="Tajine de Safi", price_centimes=12050, stock=4)
    response = client.post(f"/supplier/products/{product_id}", data=form(me, title="Grand tajine"))
    assert response.status_code == 302
    assert product(app, product_id).status == ListingStatus.PENDING
    assert "hidden until a moderator checks" in client.get(response.headers["Location"]).text


def test_a_stock_edit_of_a_published_listing_keeps_it_published(app, client, me):
    product_id = listing(app, me, ListingStatus.PUBLISHED, title="Tajine de Safi", price_centimes=12050,
                         stock=4, category_id=me.category_id, description="Terre cuite.\n\nPeint à la main.")
    assert client.post(f"/supplier/products/{product_id}", data=form(me, stock="9")).status_code == 302
    found = product(app, product_id)
    assert (found.status, found.stock) == (ListingStatus.PUBLISHED, 9)


def test_a_verified_supplier_submits_a_listing_with_a_photo(app, client, me):
    product_id = listing(app, me, photos=1)
    response = client.post(f"/supplier/products/{product_id}/submit")
    assert response.status_code == 302
    assert product(app, product_id).status == ListingStatus.PENDING
    page = client.get(response.headers["Location"]).text
    assert "Waiting for review" in page


def test_an_unverified_supplier_prepares_drafts_but_cannot_submit(app, client):
    me = log_in_stand(app, client, verified=False)
    created = client.post("/supplier/products/new", data=form(me))
    assert created.status_code == 302
    with app.app_context():
        product_id = db.session.scalar(select(Product.id))
        add_product_photo(db.session.get(Product, product_id), make_image())
        db.session.commit()
    page = client.get(f"/supplier/products/{product_id}").text
    assert "Submit for review" not in page
    assert "not verified yet" in page and 'href="/supplier/verify"' in page
    refused = client.post(f"/supplier/products/{product_id}/submit")
    assert refused.status_code == 403
    assert "not verified yet" in refused.text
    assert product(app, product_id).status == ListingStatus.DRAFT


def test_a_listing_without_photo_cannot_be_submitted(app, client, me):
    product_id = listing(app, me)
    response = client.post(f"/supplier/products/{product_id}/submit")
    assert response.status_code == 422
    assert "at least one photo" in response.text
    assert product(app, product_id).status == ListingStatus.DRAFT


def test_submitting_twice_is_refused_without_changing_anything(app, client, me):
    product_id = listing(app, me, ListingStatus.PENDING, photos=1)
    response = client.post(f"/supplier/products/{product_id}/submit")
    assert response.status_code == 409
    assert product(app, product_id).status == ListingStatus.PENDING


def test_archive_and_restore(app, client, me):
    product_id = listing(app, me, ListingStatus.PUBLISHED)
    assert client.post(f"/supplier/products/{product_id}/archive").status_code == 302
    assert product(app, product_id).status == ListingStatus.ARCHIVED
    assert "Restore as a draft" in client.get(f"/supplier/products/{product_id}").text
    assert client.post(f"/supplier/products/{product_id}/restore").status_code == 302
    assert product(app, product_id).status == ListingStatus.DRAFT


def test_state_changes_refuse_get(app, client, me):
    product_id = listing(app, me)
    for action in ("submit", "archive", "restore"):
        assert client.get(f"/supplier/products/{product_id}/{action}").status_code == 405


def test_categories_are_offered_in_the_visitors_language(app, client, me):
    with app.app_context():
        make_category(name="Tapis", name_i18n={"ar": "زرابي", "en": "Carpets"})
        db.session.commit()
    assert ">Carpets</option>" in client.get("/supplier/products/new").text
    assert ">زرابي</option>" in client.get("/ar/supplier/products/new").text


def test_a_published_listing_links_to_its_shop_page(app, client, me):
    product_id = listing(app, me, ListingStatus.PUBLISHED, slug="tajine-de-safi")
    page = client.get(f"/supplier/products/{product_id}").text
    assert f'href="/products/{product_id}-tajine-de-safi"' in page


def test_the_list_costs_the_same_queries_for_2_or_12_listings(app, client, me):
    for _ in range(2):
        listing(app, me, photos=1)
    few = count_queries(app, client, "/supplier/products")
    for _ in range(10):
        listing(app, me, photos=1)
    many = count_queries(app, client, "/supplier/products")
    assert many == few


def test_the_dashboard_costs_the_same_queries_for_2_or_12_listings(app, client, me):
    for _ in range(2):
        listing(app, me, status=ListingStatus.PUBLISHED, stock=1)
    few = count_queries(app, client, "/supplier/")
    for _ in range(10):
        listing(app, me, status=ListingStatus.PUBLISHED, stock=0)
    assert count_queries(app, client, "/supplier/") == few
