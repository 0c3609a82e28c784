"""Ordering from a stand's QR code at a fair that is on: collect at the stand today (free) or home
delivery from the fair; the beneficiary hands a stand order over in fair mode. Refusals: no fair
context, a fair not on today, items from elsewhere, a forged method, another supplier's order."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.audit.models import AuditEntry
from app.catalog.models import Product
from app.exhibition.models import Fair
from app.extensions import db
from app.orders.models import DeliveryMethod, LineStatus, Order, OrderStatus
from tests.factories import make_fair, make_product, make_supplier, place_test_order, shop_today
from tests.helpers import login_as, the_order

FORM = {"name": "Amina Benali", "email": "amina@example.ma", "phone": "06 12 34 56 78", "payment_method": "cash"}
STAND = {**FORM, "delivery_method": "stand", "city": "", "address": ""}
FAIR_HOME = {**FORM, "delivery_method": "fair_home", "city": "Rabat", "address": "3 rue Souika"}


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def fair(app):
    """Souk Tiznit, on today: Khadija (stand A1) sells amlou, Youssef (A2) rugs; Salma is not there."""
    with app.app_context():
        khadija, youssef, salma = (make_supplier(display_name=name) for name in ("Khadija", "Youssef", "Salma"))
        found = make_fair(slug="souk-tiznit", days_from_now=0, suppliers=(khadija, youssef), name="Souk Tiznit")
        ids = {"fair": found.id, "khadija": khadija.slug, "amlou": make_product(khadija, stock=5, price_centimes=12000,
                                                                                 title="Amlou 250 g").id,
               "rug": make_product(youssef, stock=1, price_centimes=90000, title="Boucherouite rug").id,
               "elsewhere": make_product(salma, stock=3, price_centimes=5000, title="Argan soap").id,
               "khadija_user": khadija.user_id, "youssef_user": youssef.user_id}
        db.session.commit()
        return ids


def scan_and_fill(client, fair, *products):
    """The visitor scans Khadija's stand code (which opens her stand page) and puts products in the cart."""
    assert client.get(f"/f/souk-tiznit/{fair['khadija']}", follow_redirects=True).status_code == 200
    for name in products:
        client.post("/cart/items", data={"product_id": fair[name], "quantity": "1"})


def test_a_visitor_from_the_qr_code_sees_the_two_fair_methods_with_the_stand_numbers(app, client, fair):
    scan_and_fill(client, fair, "amlou", "rug")
    page = client.get("/checkout").get_data(as_text=True)
    assert "Collect at the stand today, free: Souk Tiznit, stand A1, A2" in page
    assert "Home delivery from Souk Tiznit, for what is too heavy to carry" in page


def test_without_the_qr_code_checkout_has_no_fair_method(app, client, fair):
    client.post("/cart/items", data={"product_id": fair["amlou"], "quantity": "1"})
    page = client.get("/checkout").get_data(as_text=True)
    assert 'value="stand"' not in page and 'value="fair_home"' not in page


def test_collect_at_the_stand_is_free_and_the_order_keeps_its_fair(app, client, fair):
    scan_and_fill(client, fair, "amlou")
    response = client.post("/checkout", data=STAND)
    assert response.status_code == 303
    order = the_order(app)
    assert (order.delivery_method, order.fair_id, order.status) == (DeliveryMethod.STAND, fair["fair"],
                                                                     OrderStatus.CONFIRMED)
    assert (order.delivery_fee_centimes, order.total_centimes) == (0, 12000)
    status_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Collect at the stand at Souk Tiznit:" in status_page and "stand A1" in status_page
    assert "you pay when you collect it at the stand" in status_page


def test_home_delivery_from_the_fair_pays_the_home_fee_and_is_recorded_as_from_the_fair(app, client, fair):
    scan_and_fill(client, fair, "rug", "elsewhere")  # a heavy rug, and soap from a supplier not at the fair
    assert client.post("/checkout", data=FAIR_HOME).status_code == 303
    order = the_order(app)
    assert (order.delivery_method, order.fair_id, order.delivery_city) == (DeliveryMethod.HOME, fair["fair"], "Rabat")
    assert order.delivery_fee_centimes == 2500 and order.total_centimes == 95000 + 2500  # Rabat is zone A


def refused(app, client, data: dict, reason: str) -> None:
    """The checkout says why beside the delivery methods (422) and orders nothing."""
    response = client.post("/checkout", data=data)
    assert response.status_code == 422
    assert reason in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Order)) is None


def test_only_items_from_the_fairs_stands_can_be_collected_there(app, client, fair):
    scan_and_fill(client, fair, "amlou", "elsewhere")
    assert 'value="stand"' not in client.get("/checkout").get_data(as_text=True)
    refused(app, client, STAND, "Only items from the stands of Souk Tiznit can be collected there")


def test_collecting_at_a_stand_without_coming_from_a_fair_is_refused(app, client, fair):
    client.post("/cart/items", data={"product_id": fair["amlou"], "quantity": "1"})
    for data in (STAND, FAIR_HOME):
        refused(app, client, data, "only possible after scanning a stand")


def test_a_fair_no_longer_on_is_refused_with_its_reason(app, client, fair):
    scan_and_fill(client, fair, "amlou")
    with app.app_context():
        ended = db.session.get(Fair, fair["fair"])
        ended.starts_on, ended.ends_on = shop_today() - timedelta(days=3), shop_today() - timedelta(days=1)
        db.session.commit()
    assert 'value="stand"' not in client.get("/checkout").get_data(as_text=True)
    refused(app, client, STAND, "This fair is not on today")


def test_a_forged_delivery_method_is_refused(app, client, fair):
    scan_and_fill(client, fair, "amlou")
    refused(app, client, {**FORM, "delivery_method": "drone"}, "This delivery method is not available for your order.")
    with client.session_transaction() as session:
        session["fair_visit"] = fair["fair"] + 1000  # a fair that does not exist
    refused(app, client, STAND, "This fair is not on today")


def place_stand_order(app, client, fair, *products):
    scan_and_fill(client, fair, *products)
    assert client.post("/checkout", data=STAND).status_code == 303
    return the_order(app).number


def test_the_beneficiary_hands_a_stand_order_over_and_it_is_delivered(app, client, fair):
    number = place_stand_order(app, client, fair, "amlou")
    with app.app_context():
        login_as(client, db.session.get(User, fair["khadija_user"]))
    page = client.get("/supplier/fair").get_data(as_text=True)
    assert f'id="pickup-{number}"' in page and "To collect in cash: " in page and "120" in page
    response = client.post(f"/supplier/fair/pickups/{number}")
    assert response.status_code == 303
    with app.app_context():
        order = db.session.scalar(select(Order))
        assert order.status == OrderStatus.DELIVERED and {ln.status for ln in order.lines} == {LineStatus.DELIVERED}
        moves = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "order",
                                                                   AuditEntry.object_id == order.id)).all()
    assert moves == ["order.placed", "order.shipped", "order.delivered"]  # through the status table
    assert client.post(f"/supplier/fair/pickups/{number}").status_code == 303  # a second tap changes nothing
    assert 'data-state="done"' in client.get("/supplier/fair").get_data(as_text=True)


def test_a_beneficiary_cannot_hand_over_another_suppliers_order(app, client, fair):
    number = place_stand_order(app, client, fair, "amlou")
    with app.app_context():
        login_as(client, db.session.get(User, fair["youssef_user"]))
    assert f"pickup-{number}" not in client.get("/supplier/fair").get_data(as_text=True)
    response = client.post(f"/supplier/fair/pickups/{number}")
    assert response.status_code == 404
    assert "This order was not found." in response.get_data(as_text=True)
    assert the_order(app).status == OrderStatus.CONFIRMED


def test_a_card_order_waiting_for_its_payment_is_shown_without_the_hand_over_button(app, client, fair):
    with app.app_context():
        unpaid = place_test_order((db.session.get(Product, fair["amlou"]), 1), payment="card", delivery="stand",
                                  from_fair=True, fair_id=fair["fair"])
        db.session.commit()
        number = unpaid.number
        login_as(client, db.session.get(User, fair["khadija_user"]))
    page = client.get("/supplier/fair").get_data(as_text=True)
    mine = page.split(f'id="pickup-{number}"')[1].split("</section>")[0]
    assert "Waiting for the card payment" in mine and "/supplier/fair/pickups/" not in mine


def test_the_orders_page_sends_a_stand_order_to_fair_mode_instead_of_shipping_it(app, client, fair):
    place_stand_order(app, client, fair, "amlou")
    with app.app_context():
        line_id = db.session.scalar(select(Order)).lines[0].id
        login_as(client, db.session.get(User, fair["khadija_user"]))
    line = client.get("/supplier/orders").get_data(as_text=True).split(f'id="line-{line_id}"')[1].split("</li>")[0]
    assert "Hand over in fair mode" in line and 'href="/supplier/fair"' in line
    assert "Mark as shipped" not in line and f"/supplier/orders/lines/{line_id}/shipped" not in line
    response = client.post(f"/supplier/orders/lines/{line_id}/shipped")  # a forged form: refused, nothing moves
    assert (response.status_code, response.headers["Location"]) == (303, "/supplier/fair")
    assert "hand it over in fair mode" in client.get("/supplier/fair").get_data(as_text=True)
    with app.app_context():
        assert {ln.status for ln in db.session.scalar(select(Order)).lines} == {LineStatus.PENDING}


def test_the_orders_page_still_offers_shipping_for_a_home_delivery_from_the_fair(app, client, fair):
    scan_and_fill(client, fair, "amlou")
    assert client.post("/checkout", data=FAIR_HOME).status_code == 303
    with app.app_context():
        login_as(client, db.session.get(User, fair["khadija_user"]))
    page = client.get("/supplier/orders").get_data(as_text=True)
    assert "Mark as shipped" in page and "Hand over in fair mode" not in page
