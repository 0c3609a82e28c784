"""In-person sales at a stand: one stock with the web, the supplier's own takings, sent twice kept once."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.errors import Invalid, NotFound
from app.extensions import db
from app.fairs.models import FairSale, TakingsMethod
from app.fairs.services import SaleRefused, SaleRequest, record_sale
from app.portal.queries import earnings_of_supplier
from app.solidarity.ledger import balance
from app.solidarity.models import EntryKind, LedgerEntry
from tests.factories import make_fair, make_product, make_supplier, shop_today

TODAY = shop_today()


@pytest.fixture
def stand(app):
    """A supplier at a fair that is on today, with a rug (3 in stock) at 900 MAD."""
    with app.app_context():
        supplier = make_supplier()
        fair = make_fair(days_from_now=0, suppliers=(supplier,))
        product = make_product(supplier, stock=3, price_centimes=90000, title="Zarbiya Beni Ouarain")
        db.session.commit()
        yield supplier, fair, product


def sale(fair, product, quantity=1, price=85000, key="sale-0001-abcd", method=TakingsMethod.CASH):
    return SaleRequest(fair_id=fair.id, product_id=product.id, quantity=quantity, unit_price_centimes=price,
                       method=method, sale_key=key)


def test_a_sale_at_the_stand_takes_the_stock_the_web_sells_from(app, stand):
    supplier, fair, product = stand
    recorded = record_sale(supplier.id, sale(fair, product, quantity=2), actor_id=supplier.user_id, today=TODAY)
    db.session.commit()
    db.session.refresh(product)
    assert product.stock == 1
    assert (recorded.title, recorded.total_centimes, recorded.fee_centimes) == ("Zarbiya Beni Ouarain", 170000, 0)


def test_takings_are_the_suppliers_own_money_not_what_the_shop_owes(app, stand):
    supplier, fair, product = stand
    record_sale(supplier.id, sale(fair, product), actor_id=supplier.user_id, today=TODAY)
    db.session.commit()
    kinds = db.session.execute(select(LedgerEntry.kind, LedgerEntry.amount_centimes)).all()
    assert kinds == [(EntryKind.TAKINGS, 85000)]
    assert balance(supplier.id) == 0
    assert earnings_of_supplier(supplier.id).earned == 0


def test_a_configured_fair_fee_is_owed_to_the_platform(app, stand):
    supplier, fair, product = stand
    app.config["FAIR_SALE_FEE_BP"] = 300
    try:
        recorded = record_sale(supplier.id, sale(fair, product), actor_id=supplier.user_id, today=TODAY)
    finally:
        app.config["FAIR_SALE_FEE_BP"] = 0
    assert recorded.fee_centimes == 2550
    assert balance(supplier.id) == -2550


def test_the_same_sale_sent_twice_is_recorded_once(app, stand):
    supplier, fair, product = stand
    first = record_sale(supplier.id, sale(fair, product), actor_id=supplier.user_id, today=TODAY)
    again = record_sale(supplier.id, sale(fair, product), actor_id=supplier.user_id, today=TODAY)
    db.session.commit()
    db.session.refresh(product)
    assert again.id == first.id
    assert product.stock == 2
    assert db.session.scalar(select(func.count()).select_from(FairSale)) == 1


def test_a_sale_whose_stock_went_online_meanwhile_is_refused_with_what_is_left(app, stand):
    supplier, fair, product = stand
    product.stock = 1
    db.session.commit()
    with pytest.raises(SaleRefused) as refused:
        record_sale(supplier.id, sale(fair, product, quantity=2), actor_id=supplier.user_id, today=TODAY)
    assert "1 left" in str(refused.value.message)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(FairSale)) == 0


def test_a_sale_late_from_the_offline_queue_is_accepted_for_a_short_while_after_the_fair(app, stand):
    supplier, fair, product = stand
    after = fair.ends_on + timedelta(days=app.config["FAIR_SYNC_GRACE_DAYS"])
    assert record_sale(supplier.id, sale(fair, product), actor_id=supplier.user_id, today=after).id
    with pytest.raises(Invalid):
        record_sale(supplier.id, sale(fair, product, key="sale-0002-abcd"), actor_id=supplier.user_id,
                    today=after + timedelta(days=1))
    with pytest.raises(Invalid):
        record_sale(supplier.id, sale(fair, product, key="sale-0003-abcd"), actor_id=supplier.user_id,
                    today=fair.starts_on - timedelta(days=1))


def test_nobody_sells_at_a_stand_or_a_product_not_their_own(app, stand):
    supplier, fair, product = stand
    stranger = make_supplier()
    db.session.commit()
    with pytest.raises(NotFound):
        record_sale(stranger.id, sale(fair, product), actor_id=stranger.user_id, today=TODAY)
    make_fair(days_from_now=0, suppliers=(stranger,))
    other_fair = db.session.scalar(select(type(fair)).where(type(fair).id != fair.id))
    with pytest.raises(NotFound):
        record_sale(stranger.id, sale(other_fair, product), actor_id=stranger.user_id, today=TODAY)


@pytest.mark.parametrize(("quantity", "price"), [(0, 100), (100, 100), (1, 0), (1, -5), (1, 100_000_001)])
def test_impossible_quantities_and_prices_are_refused(app, stand, quantity, price):
    supplier, fair, product = stand
    with pytest.raises(Invalid):
        record_sale(supplier.id, sale(fair, product, quantity=quantity, price=price), actor_id=supplier.user_id,
                    today=TODAY)
