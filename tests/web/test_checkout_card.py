# ruff: noqa: F811  (pytest fixtures imported from tests.stripe_fakes.fixtures arrive as arguments)
"""Card checkout through HTTP against Stripe stand-ins, with the real `stripe` library.

Stands in: CheckoutStandIn (tests/stripe_fakes) for Stripe Checkout Sessions and the hosted page;
localstripe (bound to 127.0.0.1) for PaymentIntents and Refunds. Webhooks are signed like Stripe's.
"""
from sqlalchemy import select

from app import create_app
from app.catalog.models import Product
from app.extensions import db
from app.orders.models import OrderStatus
from app.payments.models import Payment, PaymentState
from tests.helpers import fill_cart, the_order
from tests.stripe_fakes.fixtures import (  # noqa: F401  (fixtures)
    STRIPE_TIMEOUT,
    _standin_server,
    card_app,
    card_client,
    card_config,
    free_port,
    localstripe_url,
    standin,
)

FORM = {"name": "Youssef Alami", "email": "youssef@example.ma", "phone": "0661234567",
        "delivery_method": "home", "city": "Marrakech", "address": "Derb Sidi Bouloukat", "payment_method": "card"}


def _payments(app) -> list[Payment]:
    with app.app_context():
        payments = list(db.session.scalars(select(Payment).order_by(Payment.id)))
        db.session.expunge_all()
        return payments


def test_card_checkout_opens_a_session_for_the_exact_server_total(card_app, card_client, standin):
    fill_cart(card_app, card_client, {"price_centimes": 12000, "title": "Plateau en thuya"}, {"price_centimes": 3050},
              quantity=2)
    response = card_client.post("/checkout", data={**FORM, "total": "1"})
    order = the_order(card_app)
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.total_centimes == 2 * 12000 + 2 * 3050 + 3500  # Marrakech is zone B
    (session,) = standin.sessions.values()
    assert response.status_code == 303 and response.headers["Location"] == session["url"]
    assert session["amount_total"] == order.total_centimes and session["currency"] == "mad"
    assert session["metadata"] == {"order_number": order.number}
    assert session["client_reference_id"] == order.number
    titles = [li["price_data"]["product_data"]["name"] for li in session["line_items_requested"]]
    assert "Plateau en thuya" in titles and len(titles) == 3  # two products and the delivery fee
    assert session["success_url"].endswith("session_id={CHECKOUT_SESSION_ID}")


def test_the_csp_lets_the_checkout_form_redirect_to_the_payment_page(card_app, card_client, standin):
    csp = card_client.get("/cart").headers["Content-Security-Policy"]
    assert f"form-action 'self' {standin.url}" in csp
    assert "script-src 'self';" in csp  # and no third-party script at all


def test_card_is_offered_when_the_gateway_is_configured(card_app, card_client, standin):
    fill_cart(card_app, card_client, {}, quantity=2)
    assert 'value="card"' in card_client.get("/checkout").get_data(as_text=True)


def test_retrying_payment_reuses_the_open_session(card_app, card_client, standin):
    fill_cart(card_app, card_client, {}, quantity=2)
    first = card_client.post("/checkout", data=FORM).headers["Location"]
    order = the_order(card_app)
    again = card_client.post(f"/orders/{order.number}/pay", data={"token": order.token})
    assert again.status_code == 303 and again.headers["Location"] == first
    assert standin.session_count() == 1 and len(_payments(card_app)) == 1


def test_stripe_unreachable_keeps_the_order_pending_with_a_clear_message(card_app, app_config, standin):
    closed = create_app(card_config(app_config, f"http://127.0.0.1:{free_port()}"))
    client = closed.test_client()
    fill_cart(closed, client, {"stock": 3}, quantity=2)
    response = client.post("/checkout", data=FORM, headers={"Accept-Language": "en"})
    order = the_order(closed)
    assert response.status_code == 303 and response.headers["Location"].startswith(f"/orders/{order.number}?")
    page = client.get(response.headers["Location"], headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "card payment service is not answering" in page
    assert order.status == OrderStatus.PENDING_PAYMENT
    (payment,) = _payments(closed)
    assert payment.state == PaymentState.CREATED and payment.external_id is None
    # Stripe is back: the retry uses the same attempt and idempotency key, one session only.
    card_client = card_app.test_client()
    retry = card_client.post(f"/orders/{order.number}/pay", data={"token": order.token})
    assert retry.status_code == 303 and retry.headers["Location"].startswith(standin.url)
    assert standin.session_count() == 1
    assert [p.idempotency_key for p in _payments(card_app)] == [payment.idempotency_key]


def test_stripe_slow_past_the_timeout_then_retry_gets_the_same_session(card_app, card_client, standin):
    fill_cart(card_app, card_client, {}, quantity=2)
    standin.delay_after_create = STRIPE_TIMEOUT + 2  # the session is made; its answer comes after our timeout
    response = card_client.post("/checkout", data=FORM, headers={"Accept-Language": "en"})
    standin.delay_after_create = 0
    order = the_order(card_app)
    assert response.headers["Location"].startswith(f"/orders/{order.number}?")
    assert order.status == OrderStatus.PENDING_PAYMENT
    retry = card_client.post(f"/orders/{order.number}/pay", data={"token": order.token})
    (session,) = standin.sessions.values()
    assert retry.headers["Location"] == session["url"]
    assert standin.calls["create"] == 2 and standin.session_count() == 1


def test_return_page_confirms_with_the_gateway_like_the_webhook(card_app, card_client, standin):
    (pid,) = fill_cart(card_app, card_client, {"stock": 5}, quantity=2)
    card_client.post("/checkout", data=FORM)
    (session_id,) = standin.sessions
    standin.pay(session_id)
    order = the_order(card_app)
    response = card_client.get(f"/checkout/return/{order.number}?token={order.token}&session_id={session_id}")
    assert response.status_code == 303 and response.headers["Referrer-Policy"] == "no-referrer"
    assert the_order(card_app).status == OrderStatus.PAID
    with card_app.app_context():
        assert db.session.get(Product, pid).stock == 3


def test_return_page_before_payment_says_it_is_being_confirmed(card_app, card_client, standin):
    fill_cart(card_app, card_client, {}, quantity=2)
    card_client.post("/checkout", data=FORM)
    (session_id,) = standin.sessions
    order = the_order(card_app)
    response = card_client.get(f"/checkout/return/{order.number}?token={order.token}&session_id={session_id}",
                               headers={"Accept-Language": "en"}, follow_redirects=True)
    assert "being confirmed" in response.get_data(as_text=True)
    assert the_order(card_app).status == OrderStatus.PENDING_PAYMENT


def test_switching_to_cash_expires_the_session(card_app, card_client, standin):
    fill_cart(card_app, card_client, {}, quantity=2)
    card_client.post("/checkout", data=FORM)
    order = the_order(card_app)
    card_client.post(f"/orders/{order.number}/cash", data={"token": order.token})
    assert the_order(card_app).status == OrderStatus.CONFIRMED
    (session,) = standin.sessions.values()
    assert session["status"] == "expired"
    assert _payments(card_app)[0].state == PaymentState.EXPIRED


def test_cancelling_a_paid_order_refunds_it_through_the_refund_api(card_app, card_client, standin):
    (pid,) = fill_cart(card_app, card_client, {"stock": 2}, quantity=2)
    card_client.post("/checkout", data=FORM)
    (session_id,) = standin.sessions
    standin.pay(session_id)
    order = the_order(card_app)
    card_client.get(f"/checkout/return/{order.number}?token={order.token}&session_id={session_id}")
    assert the_order(card_app).status == OrderStatus.PAID
    card_client.post(f"/orders/{order.number}/cancel", data={"token": order.token})
    assert the_order(card_app).status == OrderStatus.REFUNDED
    (payment,) = _payments(card_app)
    assert payment.state == PaymentState.REFUNDED and payment.refund_reference.startswith("re_")
    with card_app.app_context():
        assert db.session.get(Product, pid).stock == 2
