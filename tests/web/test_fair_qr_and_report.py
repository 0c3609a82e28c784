"""A fair's stands online: the counted QR address, the stand in the fair's context, the print sheet,
the organisers' report (figures from GROUP BY queries, constant in number) and the public totals."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from app.accounts.models import Role
from app.catalog.models import Product
from app.exhibition.models import Fair
from app.extensions import db
from app.fairs.models import FairSale, StandScan, TakingsMethod
from app.fairs.services import SaleRequest, hand_over, record_sale
from app.orders.models import DeliveryMethod, LineStatus, Order, OrderLine, OrderStatus, PaymentMethod
from app.solidarity.models import EntryKind, LedgerEntry
from tests.factories import make_fair, make_product, make_supplier, make_user, place_test_order, shop_today
from tests.helpers import get_counting_queries, login_as

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def fair_now(app):
    """A fair on today with two stands; the first sells amlou."""
    with app.app_context():
        first, second = make_supplier(display_name="Khadija"), make_supplier(display_name="Youssef")
        fair = make_fair(slug="souk-tiznit", days_from_now=0, suppliers=(first, second), name="Souk Tiznit")
        amlou = make_product(first, stock=20, price_centimes=12000, title="Amlou 250 g")
        db.session.commit()
        return fair.id, first.slug, first.id, amlou.id


def test_a_scan_is_counted_per_stand_and_day_without_a_cookie(app, client, fair_now):
    _, slug, supplier_id, _ = fair_now
    client.delete_cookie("lang")
    answers = [client.get(f"/f/souk-tiznit/{slug}") for _ in range(3)]
    assert {a.status_code for a in answers} == {302}
    assert all("Set-Cookie" not in a.headers for a in answers)
    assert answers[0].headers["Cache-Control"] == "no-store"
    assert answers[0].headers["Location"].endswith(f"/suppliers/{slug}?fair=souk-tiznit")
    with app.app_context():
        assert db.session.execute(select(StandScan.day, StandScan.count)).all() == [(shop_today(), 3)]
    assert client.get("/f/souk-tiznit/nobody-here").status_code == 404


def test_the_stand_opened_from_the_fair_says_where_to_find_it_while_the_fair_is_on(app, client, fair_now):
    _, slug, _, _ = fair_now
    page = client.get(f"/suppliers/{slug}?fair=souk-tiznit").get_data(as_text=True)
    assert "At the fair now: Souk Tiznit, stand A1." in page
    assert "At the fair now" not in client.get(f"/suppliers/{slug}").get_data(as_text=True)
    assert "At the fair now" not in client.get(f"/suppliers/{slug}?fair=another").get_data(as_text=True)


def test_the_qr_code_holds_the_counted_short_address(app, client, fair_now):
    _, slug, _, _ = fair_now
    page = client.get(f"/fairs/souk-tiznit/qr/{slug}").get_data(as_text=True)
    assert f"/f/souk-tiznit/{slug}" in page


def test_the_print_sheet_puts_eight_stands_on_each_a4_page_in_french_and_arabic(app, client):
    with app.app_context():
        make_fair(slug="big-fair", days_from_now=3, suppliers=tuple(make_supplier() for _ in range(9)))
        db.session.commit()
    page = client.get("/fairs/big-fair/qr-sheet").get_data(as_text=True)
    assert page.count('class="qr-page"') == 2
    assert page.count('class="qr-cell"') == 9
    assert "Scannez pour voir le stand" in page and "امسحوا الرمز" in page


def sell(supplier_id, fair_id, product_id, quantity, key):
    return record_sale(supplier_id, SaleRequest(fair_id, product_id, quantity, 11000, TakingsMethod.CASH, key),
                       actor_id=None, today=shop_today())


def test_the_report_counts_orders_from_the_qr_codes_and_pickups_handed_over(app, client, fair_now):
    fair_id, slug, supplier_id, amlou_id = fair_now
    with app.app_context():
        amlou = db.session.get(Product, amlou_id)
        collected = place_test_order((amlou, 2), delivery="stand", from_fair=True, fair_id=fair_id)
        place_test_order((amlou, 1), delivery="stand", from_fair=True, fair_id=fair_id)  # not collected yet
        place_test_order((amlou, 1), from_fair=True, fair_id=fair_id)  # home delivery from the fair
        place_test_order((amlou, 1))  # an ordinary order: not from the fair
        hand_over(supplier_id, collected.number, actor_id=None, today=shop_today())
        login_as(client, make_user(Role.ADMIN))
        db.session.commit()
    page = client.get("/admin/fairs/souk-tiznit/report").get_data(as_text=True)
    cells = page.split(f'data-supplier="{supplier_id}"')[1].split("</tr>")[0].split("<td")[-3:]
    assert [cell.split(">", 1)[1].split("<")[0] for cell in cells][::2] == ["3", "1"]  # three orders, one pickup
    assert "480" in cells[1]  # 2 + 1 + 1 amlou at 120 MAD
    csv = client.get("/admin/fairs/souk-tiznit/report.csv").get_data(as_text=True)
    assert csv.splitlines()[0].endswith("orders from the QR codes,orders from the QR codes MAD,"
                                        "pickups handed over at the stand")
    assert any(line.startswith("A1,Khadija,") and line.endswith(",3,480.0,1") for line in csv.splitlines())


def test_the_report_shows_scans_sales_and_online_earnings_matching_the_ledger(app, client, fair_now):
    fair_id, slug, supplier_id, amlou_id = fair_now
    client.get(f"/f/souk-tiznit/{slug}")
    with app.app_context():
        sell(supplier_id, fair_id, amlou_id, 2, "k-report-0001")
        order = place_test_order((db.session.get(Product, amlou_id), 1))
        db.session.commit()
        online_share = order.lines[0].producer_share_centimes
        takings = db.session.scalar(select(func.sum(LedgerEntry.amount_centimes))
                                    .where(LedgerEntry.kind == EntryKind.TAKINGS))
        login_as(client, make_user(Role.OVERSIGHT))
        db.session.commit()
    page = client.get("/admin/fairs/souk-tiznit/report")
    assert page.status_code == 200
    row = page.get_data(as_text=True).split(f'data-supplier="{supplier_id}"')[1].split("</tr>")[0]
    assert ">1<" in row and ">2<" in row  # one scan, two items sold in person
    assert takings == 22000
    assert "220" in row
    assert online_share > 0
    csv = client.get("/admin/fairs/souk-tiznit/report.csv").get_data(as_text=True)
    assert f"A1,Khadija,1,2,220.0,{online_share / 100}" in csv


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.BENEFICIARY, Role.SHOPPER, Role.GROUP_MANAGER])
def test_only_admins_organisers_and_oversight_read_the_report(app, client, fair_now, role):
    with app.app_context():
        login_as(client, make_user(role))
        db.session.commit()
    assert client.get("/admin/fairs/souk-tiznit/report").status_code in (403, 404)
    assert client.get("/admin/fairs/souk-tiznit/report.csv").status_code in (403, 404)


def test_the_report_costs_the_same_queries_at_100000_sales(app, client, fair_now):
    fair_id, slug, supplier_id, amlou_id = fair_now
    with app.app_context():
        login_as(client, make_user(Role.ADMIN))
        db.session.commit()
    few = get_counting_queries(app, client, "/admin/fairs/souk-tiznit/report")[1]
    with app.app_context():
        db.session.execute(insert(FairSale), [
            {"fair_id": fair_id, "supplier_id": supplier_id, "product_id": amlou_id, "title": "Amlou 250 g",
             "quantity": 1, "unit_price_centimes": 100, "total_centimes": 100, "fee_centimes": 0,
             "method": TakingsMethod.CASH, "sale_key": f"bulk-{n:08d}"} for n in range(100_000)])
        first = db.session.scalar(select(func.coalesce(func.max(Order.id), 0))) + 1
        db.session.execute(insert(Order), [  # 2 000 orders from the QR codes, every other one collected at the stand
            {"id": first + n, "number": f"QR{n:08d}", "token": f"token-{n:08d}", "status": OrderStatus.DELIVERED,
             "customer_name": "A", "email": "a@example.ma", "phone": "+212612345678", "fair_id": fair_id,
             "delivery_method": DeliveryMethod.STAND if n % 2 else DeliveryMethod.HOME,
             "payment_method": PaymentMethod.CASH, "subtotal_centimes": 100, "total_centimes": 100}
            for n in range(2000)])
        db.session.execute(insert(OrderLine), [
            {"order_id": first + n, "product_id": amlou_id, "supplier_id": supplier_id, "title": "Amlou 250 g",
             "unit_price_centimes": 100, "quantity": 1, "line_total_centimes": 100, "producer_share_centimes": 90,
             "status": LineStatus.DELIVERED} for n in range(2000)])
        db.session.commit()
    response, many = get_counting_queries(app, client, "/admin/fairs/souk-tiznit/report")
    assert many == few
    page = response.get_data(as_text=True).replace(",", "").replace("\u202f", "")
    assert "100000" in page
    row = page.split(f'data-supplier="{supplier_id}"')[1].split("</tr>")[0]
    assert ">2000<" in row and ">1000<" in row  # orders from the QR codes, pickups handed over


def test_after_the_fair_its_public_page_tells_what_it_brought_without_names(app, client, fair_now):
    fair_id, slug, supplier_id, amlou_id = fair_now
    with app.app_context():
        sell(supplier_id, fair_id, amlou_id, 3, "k-public-0001")
        fair = db.session.get(Fair, fair_id)
        fair.starts_on, fair.ends_on = shop_today() - timedelta(days=10), shop_today() - timedelta(days=7)
        db.session.commit()
    page = client.get("/fairs/souk-tiznit").get_data(as_text=True)
    assert "2 beneficiaries exhibited." in page
    assert "They sold 3 items at their stands" in page
    assert "330" in page
