"""Who is at her stand today (issue 16, item 3): present once she opened fair mode, sold at the stand or
handed an order over that day; the organisers' stands page says so per stand with her last activity and
the day's sales, from one query whatever the number of stands and sales."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert, select, update

from app.accounts.models import Role, User
from app.catalog.models import Product
from app.db import utcnow
from app.exhibition.models import FairStand
from app.extensions import db
from app.fairs.models import FairSale, TakingsMethod
from app.fairs.services import SaleRequest, hand_over, record_sale
from tests.factories import make_fair, make_product, make_supplier, make_user, place_test_order, shop_today
from tests.helpers import get_counting_queries, log_in_new_user, login_as

URL = "/admin/fairs/souk-tiznit/stands"


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def fair_now(app):
    """Souk Tiznit, on today: Khadija (A1), Youssef (A2), Salma (A3) and Amina (A4), each selling amlou."""
    with app.app_context():
        people = [make_supplier(display_name=name) for name in ("Khadija", "Youssef", "Salma", "Amina")]
        fair = make_fair(slug="souk-tiznit", days_from_now=0, suppliers=people, name="Souk Tiznit")
        products = [make_product(s, stock=50, price_centimes=12000, title="Amlou").id for s in people]
        db.session.commit()
        stands = dict(db.session.execute(select(FairStand.supplier_id, FairStand.id)).all())
        return {"fair": fair.id, "suppliers": [s.id for s in people], "users": [s.user_id for s in people],
                "products": products, "stands": [stands[s.id] for s in people]}


def row(page: str, stand_id: int) -> str:
    return page.split(f'id="stand-{stand_id}"')[1].split("</tr>")[0]


def test_opening_fair_mode_selling_or_handing_over_today_makes_her_present(app, client, fair_now):
    khadija, youssef, salma, amina = fair_now["suppliers"]
    with app.app_context():
        login_as(client, db.session.get(User, fair_now["users"][0]))
    assert client.get("/supplier/fair").status_code == 200  # Khadija opens fair mode
    with app.app_context():
        for n in range(2):  # Youssef's phone only sent two sales (fair mode opened before the fair)
            record_sale(youssef, SaleRequest(fair_now["fair"], fair_now["products"][1], 1, 12000,
                                             TakingsMethod.CASH, f"youssef-{n:04d}"), actor_id=None, today=shop_today())
        order = place_test_order((db.session.get(Product, fair_now["products"][2]), 1), delivery="stand",
                                 from_fair=True, fair_id=fair_now["fair"])
        hand_over(salma, order.number, actor_id=None, today=shop_today())  # Salma handed an order over
        db.session.commit()
    log_in_new_user(app, client, Role.ORGANISER)
    page = client.get(URL).get_data(as_text=True)
    assert "Present today: 3 of 4 stands" in page
    rows = [row(page, stand) for stand in fair_now["stands"]]
    assert ['data-present="yes"' in r for r in rows] == [True, True, True, False]
    assert "Not seen yet" in rows[3] and "–" in rows[3]
    assert [r.split('class="num">')[1].split("<")[0] for r in rows] == ["0", "2", "0", "0"]  # sales today
    assert [r.split('class="num">')[2].split("<")[0] for r in rows] == ["0", "0", "1", "0"]  # handed over


def test_yesterdays_visit_and_sales_do_not_count_today(app, client, fair_now):
    yesterday = utcnow() - timedelta(days=1, hours=1)
    with app.app_context():
        db.session.execute(update(FairStand).where(FairStand.id == fair_now["stands"][0])
                           .values(last_seen_at=yesterday))
        db.session.execute(insert(FairSale), [{
            "fair_id": fair_now["fair"], "supplier_id": fair_now["suppliers"][1], "product_id": None, "title": "Amlou",
            "quantity": 1, "unit_price_centimes": 100, "total_centimes": 100, "fee_centimes": 0,
            "method": TakingsMethod.CASH, "sale_key": "yesterday-0001", "sold_at": yesterday}])
        db.session.commit()
    log_in_new_user(app, client, Role.ADMIN)
    page = client.get(URL).get_data(as_text=True)
    assert "Present today: 0 of 4 stands" in page


def test_fair_mode_stamps_the_stand_at_most_every_few_minutes(app, client, fair_now):
    with app.app_context():
        login_as(client, db.session.get(User, fair_now["users"][0]))

    def seen():
        with app.app_context():
            return db.session.get(FairStand, fair_now["stands"][0]).last_seen_at

    assert seen() is None
    client.get("/supplier/fair")
    first = seen()
    assert first is not None and utcnow() - first < timedelta(minutes=1)
    client.get("/supplier/fair")
    assert seen() == first  # again within five minutes: no new write
    with app.app_context():
        db.session.execute(update(FairStand).where(FairStand.id == fair_now["stands"][0])
                           .values(last_seen_at=first - timedelta(minutes=6)))
        db.session.commit()
    client.get("/supplier/fair")
    assert seen() > first


def test_before_the_fair_the_page_says_presence_shows_on_its_days(app, client):
    with app.app_context():
        make_fair(slug="souk-tiznit", days_from_now=5, suppliers=(make_supplier(display_name="Khadija"),))
        db.session.commit()
    log_in_new_user(app, client, Role.ORGANISER)
    page = client.get(URL).get_data(as_text=True)
    assert "Who is present shows here on the days of the fair." in page and "data-present" not in page


def test_the_stands_page_costs_the_same_queries_with_many_stands_and_sales(app, client, fair_now):
    with app.app_context():
        login_as(client, make_user(Role.ORGANISER))
        db.session.commit()
    few = get_counting_queries(app, client, URL)[1]
    with app.app_context():
        more = [make_supplier(display_name=f"Stand {n}") for n in range(30)]
        db.session.add_all(FairStand(fair_id=fair_now["fair"], supplier_id=s.id, stand_label=f"B{n}",
                                     last_seen_at=utcnow()) for n, s in enumerate(more))
        db.session.execute(insert(FairSale), [
            {"fair_id": fair_now["fair"], "supplier_id": more[n % 30].id, "product_id": None, "title": "Amlou",
             "quantity": 1, "unit_price_centimes": 100, "total_centimes": 100, "fee_centimes": 0,
             "method": TakingsMethod.CASH, "sale_key": f"bulk-{n:06d}"} for n in range(3000)])
        db.session.commit()
    response, many = get_counting_queries(app, client, URL)
    assert many == few
    page = response.get_data(as_text=True)
    assert "Present today: 30 of 34 stands" in page
    assert ">100<" in page  # 3 000 sales over 30 stands
