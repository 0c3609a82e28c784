"""The supplier ledger: each sold line credited exactly once, reversed at most once."""
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.solidarity import ledger
from app.solidarity.models import EntryKind, LedgerEntry
from tests.factories import make_product, place_test_order


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(LedgerEntry))


def test_crediting_twice_credits_once(app_ctx):
    order = place_test_order((make_product(), 1), (make_product(), 1))
    assert _count() == 2
    assert ledger.credit_order(order) == []
    assert _count() == 2


def test_the_database_refuses_a_second_earning_for_a_line(app_ctx):
    order = place_test_order((make_product(), 1))
    line = order.lines[0]
    db.session.add(LedgerEntry(supplier_id=line.supplier_id, order_line_id=line.id, kind=EntryKind.EARNING,
                               amount_centimes=1))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_reversal_happens_once_and_balances_to_zero(app_ctx):
    product = make_product(price_centimes=20000)
    order = place_test_order((product, 2))
    earned = ledger.balance(product.supplier_id)
    assert earned == order.lines[0].producer_share_centimes > 0
    assert len(ledger.reverse_order(order)) == 1
    assert ledger.reverse_order(order) == []
    assert ledger.balance(product.supplier_id) == 0


def test_an_unpaid_card_order_credits_nothing_and_reverses_nothing(app_ctx):
    order = place_test_order((make_product(), 1), payment="card")
    assert ledger.reverse_order(order) == []
    assert _count() == 0
