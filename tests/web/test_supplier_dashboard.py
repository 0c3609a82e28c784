"""The portal's dashboard: verification state, listings by state, stock alerts."""
from __future__ import annotations

import pytest

from app.accounts.models import Role
from app.catalog.models import ListingStatus
from app.extensions import db
from app.suppliers.models import VerificationState
from tests.factories import make_product, make_sale, make_supplier, make_user
from tests.helpers import login_as

pytestmark = pytest.mark.usefixtures("english")


def log_in_stand(app, client, **kw):
    with app.app_context():
        supplier = make_supplier(**kw)
        login_as(client, supplier.user)
        db.session.commit()
        return supplier.id


def test_an_unverified_beneficiary_is_pointed_to_verification(app, client):
    log_in_stand(app, client, verified=False)
    page = client.get("/supplier/")
    assert page.status_code == 200
    assert 'href="/supplier/verify"' in page.text
    assert "Not verified" in page.text


def test_a_verified_beneficiary_is_told_they_can_submit(app, client):
    log_in_stand(app, client, verified=True)
    page = client.get("/supplier/").text
    assert "Verified" in page
    assert "you can submit listings" in page


@pytest.mark.parametrize("state", [VerificationState.PENDING, VerificationState.FLAGGED, VerificationState.SUSPENDED])
def test_every_verification_state_has_its_words(app, client, state):
    supplier_id = log_in_stand(app, client, verified=False)
    with app.app_context():
        from app.suppliers.models import Supplier

        db.session.get(Supplier, supplier_id).verification_state = state
        db.session.commit()
    assert client.get("/supplier/").status_code == 200


def test_listing_counts_and_stock_alerts(app, client):
    with app.app_context():
        supplier = make_supplier()
        make_product(supplier, status=ListingStatus.DRAFT, stock=0, title="Brouillon vide")
        make_product(supplier, status=ListingStatus.PUBLISHED, stock=1, title="Tapis bleu")
        make_product(supplier, status=ListingStatus.PUBLISHED, stock=9, title="Tapis rouge")
        make_product(status=ListingStatus.PUBLISHED, stock=0, title="Pas le mien")
        login_as(client, supplier.user)
        db.session.commit()
    page = client.get("/supplier/").text
    assert '<li class="state-count state-published"><strong>2</strong>' in page
    assert '<li class="state-count state-draft"><strong>1</strong>' in page
    assert "<strong>2</strong> <span>published listings</span>" in page  # the label agrees with its number
    assert "<strong>1</strong> <span>draft</span>" in page
    assert "Tapis bleu" in page and "1 left" in page
    assert "Tapis rouge" not in page and "Pas le mien" not in page
    assert "Brouillon vide" not in page  # a draft is not for sale: no alert


def test_recent_orders_and_earnings_are_the_suppliers_own(app, client):
    from app.solidarity.ledger import credit_order
    from app.solidarity.payouts import record_payout

    with app.app_context():
        supplier = make_supplier()
        mine = make_product(supplier, title="Tapis bleu", price_centimes=40000)
        theirs = make_product(title="Tapis d'ailleurs", price_centimes=90000)
        credit_order(make_sale(mine, quantity=2))  # my share: 75 % of 800 MAD = 600 MAD
        credit_order(make_sale(theirs))
        admin = make_user(Role.ADMIN)
        record_payout(supplier.id, 25000, actor_id=admin.id)
        login_as(client, supplier.user)
        db.session.commit()
    page = client.get("/supplier/").text
    assert "2 × <bdi>Tapis bleu</bdi>" in page
    assert "Tapis d&#39;ailleurs" not in page and "Tapis d'ailleurs" not in page
    earned = page.index("Earned (your share")
    assert "600.00" in page[earned:earned + 200]
    paid = page.index("Paid to you")
    assert "250.00" in page[paid:paid + 120]
    owed = page.index("Still owed to you")
    assert "350.00" in page[owed:owed + 150]
