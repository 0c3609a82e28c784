"""The search glossary in the admin: staff add, edit and delete entries; a search follows at once."""
import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.catalog import glossary
from app.catalog.models import GlossaryEntry
from app.extensions import db
from tests.factories import make_product
from tests.helpers import log_in_new_user


@pytest.fixture
def admin(app, client):
    return log_in_new_user(app, client, Role.ADMIN)


def entry_named(app, name):
    with app.app_context():
        return db.session.scalar(select(GlossaryEntry.spellings).where(GlossaryEntry.name == name))


@pytest.mark.parametrize("role", [Role.SHOPPER, Role.BENEFICIARY, Role.MODERATOR, Role.OVERSIGHT])
def test_only_administrators_keep_the_glossary(app, client, role):
    log_in_new_user(app, client, role)
    assert client.get("/admin/glossary").status_code == 403
    assert client.post("/admin/glossary/new", data={"name": "x", "spellings": "x"}).status_code == 403


def test_staff_add_edit_and_delete_an_entry_and_the_search_follows(app, client, admin):
    with app.app_context():
        make_product(title="Khobz dar")
        db.session.commit()
    assert "Khobz dar" not in client.get("/products?q=pain").get_data(as_text=True)
    response = client.post("/admin/glossary/new", data={"name": "bread", "spellings": "pain\n  khobz \n\nخبز\npain"})
    assert response.status_code == 303
    assert entry_named(app, "bread") == "pain\nkhobz\nخبز"
    assert "Khobz dar" in client.get("/products?q=pain").get_data(as_text=True)
    page = client.get("/admin/glossary").get_data(as_text=True)
    assert "bread" in page and "خبز" in page
    with app.app_context():
        entry_id = db.session.scalar(select(GlossaryEntry.id).where(GlossaryEntry.name == "bread"))
    assert client.post(f"/admin/glossary/{entry_id}", data={"name": "bread", "spellings": "bread"}).status_code == 303
    assert "Khobz dar" not in client.get("/products?q=pain").get_data(as_text=True)
    assert client.post(f"/admin/glossary/{entry_id}/delete").status_code == 303
    assert entry_named(app, "bread") is None
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "glossary_entry")))
    assert actions == {"glossary.saved", "glossary.deleted"}


def test_a_wrong_entry_comes_back_explained(app, client, admin):
    with app.app_context():
        glossary.seed()
        db.session.commit()
    assert client.post("/admin/glossary/new", data={"name": "", "spellings": "x"}).status_code == 422
    response = client.post("/admin/glossary/new", data={"name": "other", "spellings": "* ' \""})
    assert response.status_code == 422 and "spelling" in response.get_data(as_text=True)
    response = client.post("/admin/glossary/new", data={"name": "argan", "spellings": "argan"})
    assert response.status_code == 422 and "already" in response.get_data(as_text=True)
    assert client.get("/admin/glossary/999999").status_code == 404
