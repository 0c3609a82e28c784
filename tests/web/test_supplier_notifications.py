"""Suppliers are told by SMS without an e-mail address (else by e-mail), in their language; each notice recorded."""
from __future__ import annotations

import os
import uuid

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from rq import Queue, SimpleWorker
from sqlalchemy import select

from app.accounts.models import Role
from app.catalog.models import ListingStatus
from app.db import utcnow
from app.extensions import db
from app.mail import outbox_messages
from app.notifications import services as notification_services
from app.notifications.models import Channel, DeliveryState, NoticeKind, Notification
from app.sms.outbox import outbox_sms
from app.verification.services import request_verification
from tests.factories import make_microcredit_record, make_phone_user, make_pickup_point, make_product, make_supplier
from tests.helpers import fill_cart, log_in_new_user, login_as, the_order
from tests.sms_standin import sms_provider

PHONE = "+212612345678"
FORM = {"name": "Amina Benali", "email": "amina@example.ma", "phone": "0661000000", "delivery_method": "home",
        "city": "Rabat", "address": "3 rue Souika", "payment_method": "cash"}


@pytest.fixture(autouse=True)
def _empty_outbox(outbox):
    """Each test reads only what it sent."""


def phone_supplier(locale: str | None = None, **kw):
    return make_supplier(user=make_phone_user(PHONE, locale=locale), **kw)


def save(*objects) -> None:
    """Commit and load each object's id, so it can be passed to the cart helpers after the context ends."""
    db.session.commit()
    for obj in objects:
        assert obj.id


def notices(app) -> list[Notification]:
    with app.app_context():
        rows = list(db.session.scalars(select(Notification).order_by(Notification.id)))
        db.session.expunge_all()
        return rows


def sms_to(app, phone=PHONE) -> list[str]:
    with app.app_context():
        return [m["body"] for m in outbox_sms(phone)]


def test_a_supplier_without_e_mail_gets_an_sms_when_a_shopper_orders(app, client):
    with app.app_context():
        supplier = phone_supplier()
        save(supplier)
    fill_cart(app, client, {"supplier": supplier, "title": "Tajine de Safi"}, quantity=2)
    client.post("/checkout", data=FORM)
    number = the_order(app).number

    [body] = sms_to(app)
    assert number in body and "2 x Tajine de Safi" in body
    assert "3 rue Souika" in body and "Rabat" in body  # where to send it
    assert "/supplier/orders" in body
    [notice] = notices(app)
    assert (notice.kind, notice.channel, notice.recipient, notice.state) == (
        NoticeKind.NEW_ORDER, Channel.SMS, PHONE, DeliveryState.SENT)
    assert notice.sent_at is not None


def test_a_pickup_order_tells_the_supplier_which_pickup_point(app, client):
    with app.app_context():
        supplier = phone_supplier()
        point = make_pickup_point(city="Salé", name="Espace solidaire de Salé", address="Avenue Mohammed V")
        save(supplier, point)
        point_id = point.id
    fill_cart(app, client, {"supplier": supplier})
    client.post("/checkout", data={**FORM, "delivery_method": "pickup", "pickup_point": point_id})
    [body] = sms_to(app)
    assert "Espace solidaire de Salé" in body and "Avenue Mohammed V" in body and "3 rue Souika" not in body


def test_a_supplier_with_an_e_mail_address_is_told_by_e_mail_and_it_is_recorded(app, client):
    with app.app_context():
        supplier = make_supplier()
        save(supplier)
        address = supplier.user.email
    fill_cart(app, client, {"supplier": supplier, "title": "Argan de Tiznit"})
    client.post("/checkout", data=FORM)
    with app.app_context():
        mails = [m for m in outbox_messages() if m["To"] == address]
    assert len(mails) == 1 and "Argan de Tiznit" in mails[0].get_content()
    assert sms_to(app) == []
    [notice] = notices(app)
    assert (notice.channel, notice.recipient, notice.state) == (Channel.EMAIL, address, DeliveryState.SENT)


def test_the_sms_is_written_in_the_suppliers_language(app, client):
    with app.app_context():
        supplier = phone_supplier(locale="ar")
        save(supplier)
    fill_cart(app, client, {"supplier": supplier, "title": "Tajine"})
    client.post("/checkout", data=FORM, headers={"Accept-Language": "fr"})
    [body] = sms_to(app)
    assert "طلب جديد" in body
    assert "/ar/supplier/orders" in body  # the link opens the portal in the notice's language


def test_a_listing_decision_links_each_supplier_to_the_portal_in_their_own_language(app, client):
    with app.app_context():
        product = make_product(supplier=phone_supplier(locale="ar"), title="Panier", status=ListingStatus.PENDING,
                               submitted_at=utcnow())
        db.session.commit()
        product_id = product.id
    log_in_new_user(app, client, Role.MODERATOR)  # the moderator reads French
    client.post(f"/admin/moderation/{product_id}/decision", data={"decision": "approve"})
    [body] = sms_to(app)
    assert "/ar/supplier/products" in body


def test_stock_running_out_is_told_once_when_an_order_crosses_the_alert_level(app, client):
    with app.app_context():
        supplier = phone_supplier()
        save(supplier)
    [product_id] = fill_cart(app, client, {"supplier": supplier, "title": "Tapis", "stock": 3})
    client.post("/checkout", data=FORM)  # 3 -> 2: the alert level
    other = app.test_client()
    other.post("/cart/items", data={"product_id": product_id, "quantity": "1"})
    other.post("/checkout", data=FORM)  # 2 -> 1: already told
    kinds = [n.kind for n in notices(app)]
    assert kinds.count(NoticeKind.LOW_STOCK) == 1 and kinds.count(NoticeKind.NEW_ORDER) == 2
    assert any("Tapis" in body and "2" in body for body in sms_to(app) if "running" in body or "left" in body)


def test_a_rejected_listing_is_told_by_sms_with_its_reason(app, client):
    with app.app_context():
        product = make_product(supplier=phone_supplier(), title="Panier", status=ListingStatus.PENDING,
                               submitted_at=utcnow())
        db.session.commit()
        product_id = product.id
    log_in_new_user(app, client, Role.MODERATOR)
    client.post(f"/admin/moderation/{product_id}/decision", data={"decision": "reject", "reason": "Photo floue"})
    [body] = sms_to(app)
    assert "Panier" in body and "Photo floue" in body
    assert notices(app)[0].kind == NoticeKind.LISTING_DECISION


def test_a_verification_decision_is_told(app, client):
    with app.app_context():
        make_microcredit_record(loan_reference="LR-1", national_id="AB123456", status="written_off")
        supplier = phone_supplier(verified=False)
        case_id = request_verification(supplier.id, "AB123456", "Al Amana", "LR-1").request.id
        db.session.commit()
    log_in_new_user(app, client, Role.MODERATOR)
    client.post(f"/admin/verifications/{case_id}/decision", data={"decision": "refuse", "reason": "Prêt radié"})
    [body] = sms_to(app)
    assert "Prêt radié" in body
    assert notices(app)[0].kind == NoticeKind.VERIFICATION_DECISION


def test_a_message_the_provider_refuses_is_recorded_as_failed_and_shown_in_the_portal(app, client):
    with app.app_context():
        supplier = phone_supplier()
        save(supplier)
        user = supplier.user
    fill_cart(app, client, {"supplier": supplier})
    with sms_provider() as provider:
        provider.script = [400]
        app.config.update(SMS_BACKEND="http", SMS_API_BASE=provider.url, SMS_API_KEY="k")
        try:
            client.post("/checkout", data=FORM)
        finally:
            app.config.update(SMS_BACKEND="outbox", SMS_API_BASE="", SMS_API_KEY="")
    [notice] = notices(app)
    assert notice.state == DeliveryState.FAILED and "400" in notice.error
    portal = app.test_client()
    with app.app_context():
        login_as(portal, user)
    page = portal.get("/supplier/notifications", headers={"Accept-Language": "en"}).text
    assert "Not delivered" in page and f"New order {the_order(app).number}" in page


def test_the_portal_lists_only_my_own_notices(app, client):
    with app.app_context():
        mine, other = phone_supplier(), make_supplier(user=make_phone_user("+212700000001"))
        save(mine, other)
        me = mine.user
    fill_cart(app, client, {"supplier": other, "title": "Someone else's"})
    client.post("/checkout", data=FORM)
    portal = app.test_client()
    with app.app_context():
        login_as(portal, me)
    page = portal.get("/supplier/notifications", headers={"Accept-Language": "en"})
    assert page.status_code == 200 and "No messages yet." in page.text


@pytest.fixture
def sms_queue(app):
    """With Redis: an SMS queue (and a default queue) of this test's own, deleted afterwards."""
    connection = Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        connection.ping()
    except RedisConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not running on 127.0.0.1:6379: CI must start it")
        pytest.skip(reason="Redis is not running on 127.0.0.1:6379")
    prefix = f"test-notices-{uuid.uuid4().hex[:10]}"
    app.config.update(REDIS_URL="redis://127.0.0.1:6379/0", SMS_QUEUE=f"{prefix}-sms",
                      DEFAULT_QUEUE=f"{prefix}-default")
    queues = [Queue(f"{prefix}-{name}", connection=connection) for name in ("sms", "default")]
    yield queues[0]
    app.config.update(REDIS_URL="", SMS_QUEUE="sms", DEFAULT_QUEUE="default")
    for queue in queues:
        for registry in (queue.finished_job_registry, queue.failed_job_registry):
            for job_id in registry.get_job_ids():
                registry.remove(job_id, delete_job=True)
        queue.delete(delete_jobs=True)
    connection.close()


def test_the_request_that_places_the_order_never_calls_the_sms_provider(app, client, sms_queue):
    with app.app_context():
        supplier = phone_supplier()
        save(supplier)
    fill_cart(app, client, {"supplier": supplier})
    with sms_provider() as provider:
        app.config.update(SMS_BACKEND="http", SMS_API_BASE=provider.url, SMS_API_KEY="k")
        try:
            assert client.post("/checkout", data=FORM).status_code == 303
            assert provider.requests == [] and len(sms_queue) == 1
            assert notices(app)[0].state == DeliveryState.QUEUED
            with app.app_context():
                SimpleWorker([sms_queue], connection=sms_queue.connection).work(burst=True)
        finally:
            app.config.update(SMS_BACKEND="outbox", SMS_API_BASE="", SMS_API_KEY="")
    assert len(provider.requests) == 1 and provider.requests[0]["json"]["to"] == PHONE
    assert notices(app)[0].state == DeliveryState.SENT


def test_an_unavailable_provider_is_retried_by_the_worker_then_recorded_as_sent(app, client, sms_queue,
                                                                                 monkeypatch):
    monkeypatch.setattr(notification_services, "RETRY_INTERVALS", (0, 0, 0))
    with app.app_context():
        supplier = phone_supplier()
        save(supplier)
    fill_cart(app, client, {"supplier": supplier})
    with sms_provider() as provider:
        provider.script = [503]
        app.config.update(SMS_BACKEND="http", SMS_API_BASE=provider.url, SMS_API_KEY="k")
        try:
            client.post("/checkout", data=FORM)
            with app.app_context():
                SimpleWorker([sms_queue], connection=sms_queue.connection).work(burst=True)
        finally:
            app.config.update(SMS_BACKEND="outbox", SMS_API_BASE="", SMS_API_KEY="")
    [notice] = notices(app)
    assert len(provider.requests) == 2
    assert (notice.state, notice.attempts) == (DeliveryState.SENT, 2)
