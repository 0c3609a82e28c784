"""Fair mode in the portal: the till on a fair's days, a sale in two taps, nothing on other days."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.fairs.models import FairSale
from tests.factories import make_fair, make_product, make_supplier
from tests.helpers import login_as

pytestmark = pytest.mark.usefixtures("english")


def at_fair(app, client, days_from_now=0):
    with app.app_context():
        supplier = make_supplier()
        fair = make_fair(days_from_now=days_from_now, suppliers=(supplier,), name="Souk Tiznit")
        product = make_product(supplier, stock=2, price_centimes=12000, title="Amlou 250 g")
        login_as(client, supplier.user)
        db.session.commit()
        return fair.id, product.id


def test_on_a_fair_day_the_till_lists_what_can_be_sold(app, client):
    at_fair(app, client)
    page = client.get("/supplier/fair").get_data(as_text=True)
    assert "Souk Tiznit" in page and "Amlou 250 g" in page
    assert 'value="cash"' in page and 'value="card_terminal"' in page


def test_a_sale_in_two_taps_is_recorded_and_listed(app, client):
    fair_id, product_id = at_fair(app, client)
    answer = client.post("/supplier/fair/sales", data={"fair_id": fair_id, "product_id": product_id, "quantity": "1",
                                                       "price": "110", "method": "card_terminal",
                                                       "sale_key": "k-1234567890"})
    assert answer.status_code == 303
    page = client.get("/supplier/fair").get_data(as_text=True)
    assert "Sale recorded" in page and "Sold at this fair" in page
    with app.app_context():
        assert db.session.scalar(select(FairSale.total_centimes)) == 11000


def test_a_sale_the_web_won_is_refused_in_json_for_the_queue(app, client):
    fair_id, product_id = at_fair(app, client)
    data = {"fair_id": fair_id, "product_id": product_id, "quantity": "3", "price": "120", "method": "cash",
            "sale_key": "k-2234567890"}
    answer = client.post("/supplier/fair/sales", data=data, headers={"Accept": "application/json"})
    assert answer.status_code == 409
    assert "2 left" in answer.json["error"]["message"]


def test_a_recorded_sale_answers_what_is_left_for_the_till_to_show(app, client):
    fair_id, product_id = at_fair(app, client)  # 2 in stock
    data = {"fair_id": fair_id, "product_id": product_id, "quantity": "1", "price": "120", "method": "cash"}
    first = client.post("/supplier/fair/sales", data={**data, "sale_key": "k-4234567890"},
                        headers={"Accept": "application/json"})
    assert first.status_code == 201
    assert (first.json["sale"]["product_id"], first.json["sale"]["left"], first.json["sale"]["left_text"]) == (
        product_id, 1, "1 left")
    last = client.post("/supplier/fair/sales", data={**data, "sale_key": "k-5234567890"},
                       headers={"Accept": "application/json"})
    assert (last.json["sale"]["left"], last.json["sale"]["left_text"]) == (0, "0 left")


@pytest.mark.parametrize("bad", [{"method": "bitcoin"}, {"price": "abc"}, {"quantity": "0"}, {"sale_key": "../x"}])
def test_an_unreadable_sale_is_a_clear_422(app, client, bad):
    fair_id, product_id = at_fair(app, client)
    data = {"fair_id": fair_id, "product_id": product_id, "quantity": "1", "price": "120", "method": "cash",
            "sale_key": "k-3234567890", **bad}
    assert client.post("/supplier/fair/sales", data=data, headers={"Accept": "application/json"}).status_code == 422


def test_on_other_days_fair_mode_says_when_the_next_fair_is(app, client):
    at_fair(app, client, days_from_now=5)
    page = client.get("/supplier/fair").get_data(as_text=True)
    assert "No fair you exhibit at is on today" in page and "Souk Tiznit" in page
