"""The last rug, sold at the stand and online in the same instant: exactly one sale wins, never both.

Real parts as in test_orders_concurrency: the app served by a threaded server on the test
database, clients with their own cookie jars, all released at once by a barrier.
"""
from functools import partial

import requests
from sqlalchemy import func, select

from app.catalog.models import Product
from app.extensions import db
from app.fairs.models import FairSale
from app.orders.models import Order
from tests.factories import make_fair, make_product, make_supplier
from tests.helpers import DEFAULT_PASSWORD, all_at_once
from tests.web.test_orders_concurrency import FORM, _serve, _served_app

SHOPPERS = 8


def test_the_last_item_is_sold_once_between_the_stand_and_the_web(app, app_config):
    with app.app_context():
        supplier = make_supplier()
        fair = make_fair(days_from_now=0, suppliers=(supplier,))
        product_id = make_product(supplier, stock=1, price_centimes=90000).id
        fair_id, email = fair.id, supplier.user.email
        db.session.commit()
    server, base = _serve(_served_app(app_config))
    try:
        stand = requests.Session()
        assert stand.post(f"{base}/account/login", data={"email": email, "password": DEFAULT_PASSWORD},
                          allow_redirects=False).status_code in (302, 303)
        shoppers = [requests.Session() for _ in range(SHOPPERS)]
        for shopper in shoppers:
            shopper.post(f"{base}/cart/items", data={"product_id": product_id, "quantity": "1"}, allow_redirects=False)
        answers: list[int] = []

        def sell_at_stand():
            answers.append(stand.post(f"{base}/supplier/fair/sales", headers={"Accept": "application/json"},
                                      data={"fair_id": fair_id, "product_id": product_id, "quantity": "1",
                                            "price": "900", "method": "cash", "sale_key": "stand-sale-0001"},
                                      timeout=60).status_code)

        def buy_online(shopper):
            shopper.post(f"{base}/checkout", data=FORM, allow_redirects=False, timeout=60)

        all_at_once(sell_at_stand, *(partial(buy_online, s) for s in shoppers))
    finally:
        server.shutdown()
    with app.app_context():
        sold_at_stand = db.session.scalar(select(func.count()).select_from(FairSale))
        sold_online = db.session.scalar(select(func.count()).select_from(Order))
        stock = db.session.scalar(select(Product.stock).where(Product.id == product_id))
    assert sold_at_stand + sold_online == 1
    assert stock == 0
    assert answers == [201] if sold_at_stand else answers == [409]
