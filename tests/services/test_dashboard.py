"""Dashboard aggregates: computed by the database, in a fixed number of queries."""
from datetime import timedelta

import pytest
from sqlalchemy import event

from app.catalog.models import ListingStatus
from app.db import utcnow
from app.extensions import db
from app.orders.models import LineStatus, OrderStatus
from app.reports import dashboard
from tests.factories import make_category, make_product, make_sale, make_supplier


def sell(product, quantity=1, status=OrderStatus.PAID, days_ago=0, line_status=LineStatus.PENDING):
    return make_sale(product, quantity, status=status, days_ago=days_ago, line_status=line_status)


def test_only_paid_confirmed_shipped_and_delivered_orders_count_as_sales(app_ctx):
    product = make_product(price_centimes=10000)
    for status in OrderStatus:
        sell(product, status=status)
    sell(product, line_status=LineStatus.CANCELLED)
    assert dashboard.totals().amount == 4 * 10000


def test_sales_are_grouped_by_region_category_and_supplier(app_ctx):
    safi = make_supplier(region="Marrakech-Safi", trade_name="Poterie Safi")
    fes = make_supplier(region="Fès-Meknès")
    pottery, leather = make_category(name="Pottery"), make_category(name="Leather")
    sell(make_product(safi, pottery, price_centimes=30000), quantity=2)
    sell(make_product(fes, leather, price_centimes=20000))
    assert [(r.label, r.amount) for r in dashboard.sales_by_region()] == [("Marrakech-Safi", 60000),
                                                                           ("Fès-Meknès", 20000)]
    assert [(r.label, r.amount) for r in dashboard.sales_by_category()] == [("Pottery", 60000), ("Leather", 20000)]
    assert dashboard.top_suppliers()[0].label == "Poterie Safi"


def test_sales_by_week_fills_weeks_without_sales(app_ctx):
    product = make_product(price_centimes=5000)
    sell(product, days_ago=0)
    sell(product, days_ago=14)
    weeks = dashboard.sales_by_week()
    assert len(weeks) == dashboard.WEEKS_SHOWN
    assert weeks[-1].amount == 5000 and weeks[-3].amount == 5000 and weeks[-2].amount == 0
    assert sum(w.amount for w in weeks) == 10000


def test_waiting_listings_are_counted_by_age(app_ctx):
    for hours in (2, 30, 100, 500, 600):
        make_product(status=ListingStatus.PENDING, submitted_at=utcnow() - timedelta(hours=hours))
    make_product(status=ListingStatus.PUBLISHED)
    assert [r.amount for r in dashboard.waiting_listings_by_age()] == [1, 1, 1, 2]


def test_verification_backlog_counts_open_cases_and_flagged_suppliers(app_ctx):
    from app.suppliers.models import VerificationState
    from app.verification.models import RequestKind, VerificationRequest

    flagged = make_supplier()
    flagged.verification_state = VerificationState.FLAGGED
    db.session.add(VerificationRequest(supplier_id=flagged.id, kind=RequestKind.FLAG))
    db.session.add(VerificationRequest(supplier_id=make_supplier().id))
    db.session.flush()
    backlog = {r.label: r.amount for r in dashboard.verification_backlog()}
    assert backlog["request:flag"] == 1 and backlog["request:request"] == 1 and backlog["supplier:flagged"] == 1


@pytest.fixture
def count_queries(app_ctx):
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    yield statements
    event.remove(db.engine, "before_cursor_execute", count)


def test_each_figure_is_one_query(app_ctx, count_queries):
    sell(make_product())
    db.session.commit()
    for figure in (dashboard.sales_by_week, dashboard.sales_by_region, dashboard.sales_by_category,
                   dashboard.top_suppliers, dashboard.waiting_listings_by_age, dashboard.verification_backlog,
                   dashboard.totals):
        count_queries.clear()
        figure()
        assert len(count_queries) == 1, figure.__name__
