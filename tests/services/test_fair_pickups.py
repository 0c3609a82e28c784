"""The rules of ordering at a fair and of handing over at the stand, at the service level: the web
layer only passes what the shopper or the beneficiary sent, so every refusal must hold here."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.errors import Conflict, Invalid, NotFound
from app.extensions import db
from app.fairs.services import hand_over
from app.notifications.suppliers import delivery_details
from app.orders.fair_delivery import FairDeliveryRefused
from app.orders.models import DeliveryMethod, LineStatus, OrderStatus
from app.orders.services import cancel_order
from tests.factories import make_fair, make_product, make_supplier, place_test_order, shop_today


@pytest.fixture
def fair(app):
    """A fair on today where Khadija exhibits (amlou); Salma exhibits elsewhere (soap)."""
    with app.app_context():
        khadija, salma = make_supplier(), make_supplier()
        on = make_fair(days_from_now=0, suppliers=(khadija,), name="Souk Tiznit")
        other = make_fair(days_from_now=0, suppliers=(salma,), name="Souk Agadir")
        amlou = make_product(khadija, stock=10, price_centimes=12000)
        soap = make_product(salma, stock=10, price_centimes=5000)
        db.session.commit()
        yield {"fair": on, "other": other, "khadija": khadija, "salma": salma, "amlou": amlou, "soap": soap}


def at_stand(item, fair_id, **kw):
    return place_test_order((item, 1), delivery="stand", from_fair=True, fair_id=fair_id, **kw)


def test_an_order_from_the_fair_keeps_it_and_pays_no_fee_at_the_stand(app, fair):
    order = at_stand(fair["amlou"], fair["fair"].id)
    assert (order.delivery_method, order.fair_id, order.delivery_fee_centimes) == (DeliveryMethod.STAND,
                                                                                   fair["fair"].id, 0)
    assert delivery_details(order).startswith("Collected at your stand at Souk Tiznit today by Amina Benali")
    home = place_test_order((fair["amlou"], 1), from_fair=True, fair_id=fair["fair"].id)
    assert (home.delivery_method, home.fair_id, home.delivery_fee_centimes > 0) == (DeliveryMethod.HOME,
                                                                                     fair["fair"].id, True)


def test_a_fair_where_the_items_supplier_has_no_stand_is_refused(app, fair):
    with pytest.raises(FairDeliveryRefused, match="None of these items comes from a stand at Souk Agadir"):
        at_stand(fair["amlou"], fair["other"].id)
    with pytest.raises(FairDeliveryRefused, match="Only items from the stands of Souk Tiznit"):
        place_test_order((fair["amlou"], 1), (fair["soap"], 1), delivery="stand", from_fair=True,
                         fair_id=fair["fair"].id)


def test_a_fair_not_on_today_is_refused(app, fair):
    fair["fair"].starts_on, fair["fair"].ends_on = shop_today() + timedelta(days=1), shop_today() + timedelta(days=2)
    db.session.flush()
    with pytest.raises(FairDeliveryRefused, match="This fair is not on today"):
        at_stand(fair["amlou"], fair["fair"].id)
    with pytest.raises(FairDeliveryRefused, match="This fair is not on today"):
        at_stand(fair["amlou"], 987654)


def test_a_forged_method_is_refused(app, fair):
    with pytest.raises(FairDeliveryRefused, match="only possible after scanning"):
        place_test_order((fair["amlou"], 1), delivery="stand")  # no fair at all
    with pytest.raises(FairDeliveryRefused, match="not available for your order"):
        place_test_order((fair["amlou"], 1), delivery="pickup", from_fair=True, fair_id=fair["fair"].id)


def test_handing_over_delivers_her_lines_only_and_the_order_once_every_supplier_has(app, fair):
    both = make_fair(days_from_now=0, suppliers=(fair["khadija"], fair["salma"]))
    db.session.flush()
    order = place_test_order((fair["amlou"], 1), (fair["soap"], 1), delivery="stand", from_fair=True,
                             fair_id=both.id)
    hand_over(fair["khadija"].id, order.number, actor_id=None, today=shop_today())
    assert order.status == OrderStatus.CONFIRMED
    assert {line.supplier_id: line.status for line in order.lines} == {fair["khadija"].id: LineStatus.DELIVERED,
                                                                       fair["salma"].id: LineStatus.PENDING}
    hand_over(fair["salma"].id, order.number, actor_id=None, today=shop_today())
    assert order.status == OrderStatus.DELIVERED


def test_another_suppliers_order_or_a_home_order_is_not_found(app, fair):
    order = at_stand(fair["amlou"], fair["fair"].id)
    with pytest.raises(NotFound):
        hand_over(fair["salma"].id, order.number, actor_id=None, today=shop_today())
    home = place_test_order((fair["amlou"], 1))
    with pytest.raises(NotFound):
        hand_over(fair["khadija"].id, home.number, actor_id=None, today=shop_today())
    with pytest.raises(NotFound):
        hand_over(fair["khadija"].id, "SS-NOPE0000", actor_id=None, today=shop_today())
    assert order.status == OrderStatus.CONFIRMED and home.status == OrderStatus.CONFIRMED


def test_an_unpaid_or_cancelled_order_is_not_handed_over(app, fair):
    unpaid = at_stand(fair["amlou"], fair["fair"].id, payment="card")
    with pytest.raises(Conflict, match="waiting for its card payment"):
        hand_over(fair["khadija"].id, unpaid.number, actor_id=None, today=shop_today())
    cancelled = cancel_order(at_stand(fair["amlou"], fair["fair"].id))
    with pytest.raises(NotFound):  # its lines are cancelled: nothing of hers left to hand over
        hand_over(fair["khadija"].id, cancelled.number, actor_id=None, today=shop_today())


def test_after_the_fair_and_its_grace_days_nothing_is_handed_over(app, fair):
    order = at_stand(fair["amlou"], fair["fair"].id)
    later = shop_today() + timedelta(days=30)
    with pytest.raises(Invalid, match="This fair is not on today"):
        hand_over(fair["khadija"].id, order.number, actor_id=None, today=later)
    assert order.status == OrderStatus.CONFIRMED
