"""Dashboard through HTTP: charts are pygal SVG images, for an empty shop and a busy one,
with the same number of queries whatever the number of orders."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from app.accounts.models import Role
from app.db import utcnow
from app.extensions import db
from app.orders.models import Order, OrderLine, OrderStatus
from app.reports.charts import CHARTS
from tests.factories import make_category, make_product, make_supplier, make_user
from tests.helpers import get_counting_queries, log_in_new_user, login_as

# 100 000 lines take a few seconds on SQLite and PostgreSQL alike (one executemany per table).
ORDERS, LINES_PER_ORDER = 5_000, 20
CHART_URLS = [f"/admin/dashboard/chart/{name}.svg" for name in CHARTS]


@pytest.fixture
def moderator(app, client):
    log_in_new_user(app, client, Role.MODERATOR)


def bulk_sales(app):
    """ORDERS orders of LINES_PER_ORDER lines spread over suppliers, categories and half a year."""
    with app.app_context():
        products = [make_product(make_supplier(region=f"Region {i % 6}"), make_category(name=f"Craft {i % 5}"))
                    for i in range(12)]
        now = utcnow()
        statuses = [OrderStatus.PAID, OrderStatus.CONFIRMED, OrderStatus.DELIVERED, OrderStatus.CANCELLED]
        db.session.execute(insert(Order), [
            {"number": f"B{i:08d}", "token": f"bulk-{i}", "status": statuses[i % 4], "customer_name": "Bulk",
             "email": "bulk@example.ma", "phone": "+212600000000", "delivery_method": "home",
             "payment_method": "cash", "subtotal_centimes": 0, "total_centimes": 0,
             "created_at": now - timedelta(hours=i % (24 * 180)), "updated_at": now}
            for i in range(ORDERS)])
        first_id = db.session.scalar(select(func.min(Order.id)))
        db.session.execute(insert(OrderLine), [
            {"order_id": first_id + i // LINES_PER_ORDER, "product_id": p.id, "supplier_id": p.supplier_id,
             "title": p.title, "unit_price_centimes": 1000, "quantity": 1, "line_total_centimes": 1000,
             "producer_share_centimes": 750, "status": "pending"}
            for i in range(ORDERS * LINES_PER_ORDER) for p in [products[i % len(products)]]])
        db.session.commit()
        assert db.session.scalar(select(func.count(OrderLine.id))) == ORDERS * LINES_PER_ORDER


@pytest.mark.parametrize("role", [None, Role.SHOPPER, Role.BENEFICIARY, Role.OVERSIGHT])
def test_dashboard_is_for_staff_only(app, client, role):
    if role:
        with app.app_context():
            login_as(client, make_user(role))
            db.session.commit()
    for url in ["/admin/dashboard", CHART_URLS[0]]:
        assert client.get(url).status_code == (302 if role is None else 403)


def test_charts_are_svg_images_without_script(client, moderator):
    for url in CHART_URLS:
        response = client.get(url)
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        body = response.get_data(as_text=True)
        assert "<svg" in body and "<script" not in body
        assert "script-src" not in response.headers["Content-Security-Policy"]


def test_dashboard_page_shows_charts_as_images(client, moderator):
    page = client.get("/admin/dashboard").get_data(as_text=True)
    for url in CHART_URLS:
        assert f'src="{url}"' in page
    # The charts need no script: the page loads only the site's own files (form helpers), nothing inline.
    assert all('src="/static/' in tag for tag in re.findall(r"<script[^>]*>", page))


def test_charts_render_for_a_busy_shop_with_as_many_queries_as_for_an_empty_one(app, client, moderator):
    empty = {url: get_counting_queries(app, client, url)[1] for url in [*CHART_URLS, "/admin/dashboard"]}
    bulk_sales(app)
    for url, expected in empty.items():
        response, queries = get_counting_queries(app, client, url)
        assert queries == expected, url
    sales = client.get("/admin/dashboard/chart/sales-by-region.svg").get_data(as_text=True)
    assert "Region 0" in sales
    page = client.get("/admin/dashboard", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "75,000" in page  # 3 of 4 orders sold: 75 000 lines, in the visitor's locale


def test_numbers_follow_the_visitors_locale(app, client, moderator):
    with app.app_context():
        from tests.factories import make_sale

        make_sale(make_product(price_centimes=123456), quantity=10)
        db.session.commit()
    french = client.get("/fr/admin/dashboard").get_data(as_text=True)
    english = client.get("/admin/dashboard").get_data(as_text=True)
    assert "12\u202f345,60" in french or "12 345,60" in french
    assert "12,345.60" in english
