"""Payment services against the gateway interface, without HTTP.

Stands in: RecordingGateway, a minimal second implementation of app.payments.gateway.CardGateway
(what a CMI gateway module would provide), so these tests also show the interface suffices.
The Stripe implementation itself is exercised against the stand-ins in tests/web/test_checkout_card.py.
"""
from dataclasses import dataclass, field

import pytest

from app.extensions import db
from app.orders import card_payments as services
from app.orders.models import OrderStatus
from app.payments.gateway import CheckoutState, GatewayUnavailable, HostedCheckout
from app.payments.models import PaymentState
from app.solidarity.ledger import balance
from tests.factories import make_product, place_test_order


@dataclass
class RecordingGateway:
    name: str = "cmi"
    livemode: bool = False
    down: bool = False
    created: list = field(default_factory=list)
    refunds: list = field(default_factory=list)

    def create_checkout(self, request):
        if self.down:
            raise GatewayUnavailable("down")
        self.created.append(request)
        return HostedCheckout(f"sess_{len(self.created)}", f"https://pay.example/{len(self.created)}")

    def retrieve_checkout(self, external_id):
        raise NotImplementedError

    def expire_checkout(self, external_id):
        if self.down:
            raise GatewayUnavailable("down")

    def refund(self, payment_reference, amount, idempotency_key):
        if self.down:
            raise GatewayUnavailable("down")
        self.refunds.append((payment_reference, amount, idempotency_key))
        return "rf_1"

    def verify_event(self, payload, signature):
        raise NotImplementedError


def _opened(gateway, **order_kw):
    order = place_test_order((make_product(price_centimes=10000), 1), payment="card", **order_kw)
    payment = services.prepare_payment(order, gateway.name)
    services.open_checkout(order, payment, gateway, "https://shop/ok", "https://shop/cancel")
    return order, payment


def _state(payment, order, **kw):
    values = dict(external_id=payment.external_id, order_number=order.number, status="complete", paid=True,
                  amount=order.total_centimes, currency="MAD", livemode=False, payment_reference="pay_1")
    return CheckoutState(**{**values, **kw})


def test_the_request_carries_the_exact_total_with_the_delivery_fee_as_a_line(app_ctx):
    gateway = RecordingGateway()
    order, _ = _opened(gateway)
    (request,) = gateway.created
    assert request.amount == order.total_centimes == 12500
    assert sum(line.unit_amount * line.quantity for line in request.lines) == request.amount
    assert request.idempotency_key == f"{order.number}-1"


def test_opening_again_reuses_the_stored_session(app_ctx):
    gateway = RecordingGateway()
    order, payment = _opened(gateway)
    again = services.prepare_payment(order, gateway.name)
    assert again.id == payment.id
    assert services.open_checkout(order, again, gateway, "a", "b") == payment.redirect_url
    assert len(gateway.created) == 1


def test_confirming_twice_pays_and_credits_once(app_ctx):
    gateway = RecordingGateway()
    order, payment = _opened(gateway)
    first = services.confirm_checkout(_state(payment, order), livemode=False)
    second = services.confirm_checkout(_state(payment, order), livemode=False)
    assert (first.newly_paid, second.changed) == (True, False)
    assert order.status == OrderStatus.PAID
    assert balance(order.lines[0].supplier_id) == order.lines[0].producer_share_centimes


def test_an_unpaid_state_changes_nothing(app_ctx):
    gateway = RecordingGateway()
    order, payment = _opened(gateway)
    assert not services.confirm_checkout(_state(payment, order, paid=False), livemode=False).changed
    assert order.status == OrderStatus.PENDING_PAYMENT


@pytest.mark.parametrize("change", [{"amount": 1}, {"currency": "EUR"}, {"livemode": True}])
def test_mismatches_flag_the_payment_and_leave_the_order_unpaid(app_ctx, change):
    gateway = RecordingGateway()
    order, payment = _opened(gateway)
    services.confirm_checkout(_state(payment, order, **change), livemode=False)
    assert payment.state == PaymentState.FLAGGED and order.status == OrderStatus.PENDING_PAYMENT


def test_a_refund_the_gateway_cannot_make_leaves_the_order_flagged_for_staff(app_ctx):
    gateway = RecordingGateway()
    order, payment = _opened(gateway)
    services.confirm_checkout(_state(payment, order), livemode=False)
    gateway.down = True
    services.cancel_and_refund(order, gateway)
    assert order.status == OrderStatus.CANCELLED and order.needs_refund
    assert payment.state == PaymentState.SUCCEEDED


def test_a_refund_goes_through_the_gateway_with_its_own_idempotency_key(app_ctx):
    gateway = RecordingGateway()
    order, payment = _opened(gateway)
    services.confirm_checkout(_state(payment, order), livemode=False)
    services.cancel_and_refund(order, gateway)
    assert gateway.refunds == [("pay_1", 12500, f"refund-{payment.idempotency_key}")]
    assert order.status == OrderStatus.REFUNDED and payment.state == PaymentState.REFUNDED
    assert balance(order.lines[0].supplier_id) == 0


def test_switching_to_cash_is_refused_while_the_gateway_cannot_close_the_session(app_ctx):
    gateway = RecordingGateway()
    order, payment = _opened(gateway)
    gateway.down = True
    with pytest.raises(GatewayUnavailable):
        services.switch_to_cash(order, gateway)
    db.session.rollback()


def test_a_cash_order_is_not_payable_by_card(app_ctx):
    order = place_test_order((make_product(), 1))
    with pytest.raises(services.NotPayable):
        services.prepare_payment(order, "cmi")
