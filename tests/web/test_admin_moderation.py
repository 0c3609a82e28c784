"""The moderation queue through HTTP: who may use it, decisions, races, bulk reports, emails."""
import re
from datetime import timedelta

import pytest

from app.accounts.models import Role
from app.audit.services import record
from app.catalog.models import ListingStatus, NameKind, Product, ReferenceName
from app.db import utcnow
from app.extensions import db
from app.mail import outbox_messages
from tests.factories import make_product, make_translation, make_user
from tests.helpers import count_queries, log_in_new_user, login_as


def pending(**kw):
    return make_product(status=ListingStatus.PENDING, submitted_at=utcnow() - timedelta(hours=2), **kw)


@pytest.fixture
def listing(app):
    with app.app_context():
        product = pending(title="Tajine de Safi")
        db.session.commit()
        return product.id


@pytest.fixture
def moderator(app, client):
    return log_in_new_user(app, client, Role.MODERATOR)


def mails_to(email):
    return [m for m in outbox_messages() if m["To"] == email]


def beneficiary_email(product_id):
    return db.session.get(Product, product_id).supplier.user.email


def status_of(app, product_id):
    with app.app_context():
        return db.session.get(Product, product_id).status


@pytest.mark.parametrize("role", [None, Role.SHOPPER, Role.BENEFICIARY, Role.GROUP_MANAGER, Role.OVERSIGHT])
def test_only_staff_reach_moderation(app, client, listing, role):
    if role:
        with app.app_context():
            login_as(client, make_user(role))
            db.session.commit()
    expected = {302} if role is None else {403}
    assert client.get("/admin/moderation").status_code in expected
    decision = client.post(f"/admin/moderation/{listing}/decision", data={"decision": "approve"})
    bulk = client.post("/admin/moderation/bulk", data={"decision": "approve", "ids": [listing]})
    assert decision.status_code in expected and bulk.status_code in expected
    assert status_of(app, listing) == ListingStatus.PENDING


def test_admin_home_lands_on_the_queue(client, moderator):
    response = client.get("/admin/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/moderation")


def test_queue_shows_the_listing_with_price_breakdown_and_supplier_state(app, client, listing, moderator):
    with app.app_context():
        make_translation(db.session.get(Product, listing), "ar", "طاجين آسفي", "<b>مصنوع</b> باليد")
        db.session.commit()
    page = client.get("/admin/moderation").get_data(as_text=True)
    assert "طاجين آسفي" in page and "<b>" not in page
    assert "Tajine de Safi" in page
    assert "150" in page  # 150 MAD
    assert 'name="ids"' in page and f'value="{listing}"' in page


def test_rejection_with_reason_mails_the_beneficiary_and_stays_out_of_the_shop(app, client, listing, moderator):
    response = client.post(f"/admin/moderation/{listing}/decision",
                           data={"decision": "reject", "reason": "Counterfeit brand logo"})
    assert response.status_code == 303
    assert status_of(app, listing) == ListingStatus.REJECTED
    with app.app_context():
        assert db.session.get(Product, listing).moderation_reason == "Counterfeit brand logo"
        [mail] = mails_to(beneficiary_email(listing))
    assert "Counterfeit brand logo" in mail.get_content()
    assert client.get(f"/products/{listing}").status_code == 404
    assert client.get(f"/products/{listing}-tajine-de-safi").status_code == 404
    with app.app_context():
        make_product(title="Tajine de Fès")  # published: the control that search and API do list
        db.session.commit()
    catalogue = client.get("/products?q=Tajine").get_data(as_text=True)
    api = client.get("/api/v1/products").get_data(as_text=True)
    assert "Tajine de Fès" in catalogue and "Tajine de Safi" not in catalogue
    assert "Tajine de F" in api and "Tajine de Safi" not in api


def test_rejection_without_reason_says_what_is_wrong(app, client, listing, moderator):
    response = client.post(f"/admin/moderation/{listing}/decision", data={"decision": "reject", "reason": " "})
    assert response.status_code == 422
    assert "Please give a reason" in response.get_data(as_text=True)
    assert status_of(app, listing) == ListingStatus.PENDING


def test_second_moderator_gets_409_already_decided(app, client, listing, moderator):
    assert client.post(f"/admin/moderation/{listing}/decision", data={"decision": "approve"}).status_code == 303
    second = client.post(f"/admin/moderation/{listing}/decision",
                         data={"decision": "reject", "reason": "Too late"})
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    assert "already decided" in page and f'id="listing-{listing}"' not in page  # the refreshed queue
    assert status_of(app, listing) == ListingStatus.PUBLISHED


def test_bulk_approval_reports_each_listing_already_decided(app, client, moderator):
    with app.app_context():
        ids = [pending().id for _ in range(3)]
        decided = make_product(status=ListingStatus.PUBLISHED, title="Babouches").id
        db.session.commit()
    response = client.post("/admin/moderation/bulk", data={"decision": "approve", "ids": [*ids, decided]},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "3 listings approved" in page and "1 listing could not be decided" in page
    assert f"Listing #{decided} Babouches" in page and "already decided" in page
    assert all(status_of(app, i) == ListingStatus.PUBLISHED for i in ids)
    with app.app_context():
        assert [len(mails_to(beneficiary_email(i))) for i in [*ids, decided]] == [1, 1, 1, 0]


def test_bulk_rejection_needs_a_reason(app, client, listing, moderator):
    response = client.post("/admin/moderation/bulk", data={"decision": "reject", "ids": [listing]})
    assert response.status_code == 422
    assert status_of(app, listing) == ListingStatus.PENDING


def test_decisions_need_the_csrf_token(app_config, listing):
    from app import create_app

    csrf_app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    client = csrf_app.test_client()
    with csrf_app.app_context():
        login_as(client, make_user(Role.MODERATOR))
        db.session.commit()
    response = client.post(f"/admin/moderation/{listing}/decision", data={"decision": "approve"})
    assert response.status_code == 400
    assert status_of(csrf_app, listing) == ListingStatus.PENDING


def test_queue_costs_the_same_queries_for_two_or_twenty_listings(app, client, moderator):

    from app.catalog.models import ProductImage
    from tests.factories import make_group, make_image, make_supplier

    def add_listings(count):
        with app.app_context():
            group = make_group()
            for _ in range(count):
                product = pending(supplier=make_supplier(group_id=group.id))
                make_translation(product, "en", "Tajine")
                db.session.add(ProductImage(product_id=product.id, image_id=make_image().id))
            db.session.commit()

    add_listings(2)
    few = count_queries(app, client, "/admin/moderation")
    add_listings(18)
    assert count_queries(app, client, "/admin/moderation") == few


def test_bulk_ids_that_are_no_numbers_are_ignored(app, client, listing, moderator):
    response = client.post("/admin/moderation/bulk", data={"decision": "approve", "ids": ["²", "99999999999", "x"]},
                           follow_redirects=True)
    assert response.status_code == 200 and "Tick at least one listing." in response.get_data(as_text=True)


@pytest.mark.parametrize("lang, published, verified, city", [
    ("fr", "Annonce publiée", "Vérifié automatiquement avec le dossier de microcrédit", "Safi"),
    ("ar", "نُشر إعلان", "تم التحقق تلقائيا من سجل القرض الصغير", "آسفي"),
])
def test_the_supplier_s_history_in_the_queue_reads_as_words_not_codes(app, client, listing, moderator,
                                                                       lang, published, verified, city):
    with app.app_context():
        db.session.add(ReferenceName(kind=NameKind.CITY, name="Safi", name_i18n={"ar": "آسفي"}))
        product = db.session.get(Product, listing)
        earlier = make_product(product.supplier, title="Plat de Safi", status=ListingStatus.PUBLISHED)
        db.session.flush()
        record("verification.auto_approved", "supplier", product.supplier_id)
        record("listing.published", "product", earlier.id)
        db.session.commit()
    page = client.get(f"/{lang}/admin/moderation").get_data(as_text=True)
    assert published in page and verified in page
    assert f"· <bdi>{city}</bdi>" in page  # the stand's city in the reader's language, as the shop names it
    shown = re.sub(r'\stitle="[^"]*"', "", page)  # the code stays in a tooltip for staff who search the log
    assert "verification.auto_approved" not in shown and "listing.published" not in shown
