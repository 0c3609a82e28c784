"""Checkout, the order status page (secret link or owner), the shopper's orders, card payment return."""
from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user
from sqlalchemy import select

from app.accounts.errors import InvalidCode
from app.accounts.forms import CodeForm
from app.cart.queries import load_cart, view_cart
from app.cart.services import CartAlreadyOrdered
from app.exhibition.models import PickupPoint
from app.exhibition.queries import today
from app.extensions import db
from app.orders import card_payments as card
from app.orders import queries as order_queries
from app.orders import services as orders
from app.orders.cash import CashBlocked, CashLimitReached, CashPhoneNotMobile
from app.orders.delivery import cities, home_delivery_fee
from app.orders.fair_delivery import FairDeliveryRefused, offer
from app.orders.forms import CheckoutForm
from app.orders.models import DeliveryMethod, Order, OrderStatus, PaymentMethod
from app.orders.status import CANCELLABLE
from app.payments.configured import card_enabled, get_gateway
from app.sms.jobs import send_sms
from app.web import fair_visit
from app.web.cart import current_cart
from app.web.guards import current_user_id, login_required
from app.web.order_mail import mail_cancellation, mail_confirmation
from app.web.pagination import paginate
from app.web.phone import code_sending_limits, limit_code_guessing, masked
from app.web.templating import money
from app.web.unit_of_work import Work, unit_of_work

log = logging.getLogger(__name__)
bp = Blueprint("checkout", __name__)


def _pickup_points() -> list[PickupPoint]:
    return list(db.session.scalars(
        select(PickupPoint).where(PickupPoint.active.is_(True)).order_by(PickupPoint.city, PickupPoint.name)
    ))


def _details(form: CheckoutForm) -> orders.CheckoutDetails:
    return orders.CheckoutDetails(
        name=form.name.data.strip(), email=form.email.data, phone=form.phone.data,
        delivery_method=form.method, payment_method=PaymentMethod(form.payment_method.data),
        city=form.delivery_city, address=(form.address.data or "").strip(),
        pickup_point_id=form.pickup_point.data or None, locale=str(get_locale() or "fr"),
        client_address=get_remote_address(),
        from_fair=form.from_fair, fair_id=fair_visit.fair_id() if form.from_fair else None,
    )


def status_url(order: Order, **kw) -> str:
    return url_for("checkout.order_status", number=order.number, token=order.token, **kw)


@bp.after_request
def _private(response):
    """Order links carry their secret in the query string: no page of this blueprint leaks its
    address as a referrer (app/security.py keeps them out of caches)."""
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _start_card_payment(order: Order):
    """Open (or reuse) the hosted checkout and send the shopper there; a slow gateway keeps the order."""
    with unit_of_work() as work:  # the attempt and its idempotency key survive a gateway timeout
        gateway = get_gateway()
        payment = card.prepare_payment(order, gateway.name)
    if not work.error:
        with unit_of_work() as work:
            url = card.open_checkout(
                order, payment, gateway,
                success_url=url_for("checkout.card_return", number=order.number, token=order.token, _external=True)
                + "&session_id={CHECKOUT_SESSION_ID}",
                cancel_url=status_url(order, _external=True),
            )
    if work.flash_error():
        return redirect(status_url(order), 303)
    return redirect(url, 303)


def _after_empty_cart():
    """A second tap on "Place my order" lands on the order the first tap made, not on an empty cart."""
    last = session.get("last_order")
    if request.method == "POST" and isinstance(last, list) and len(last) == 2:
        return redirect(url_for("checkout.order_status", number=last[0], token=last[1]), 303)
    flash(_("Your cart is empty."), "warning")
    return redirect(url_for("cart.show"), 303)


@bp.route("/checkout", methods=["GET", "POST"])
def checkout():
    """Checkout form; totals come from the server only. Cash confirms at once, card goes to Stripe."""
    cart = current_cart()
    view = view_cart(load_cart(cart.id) if cart else None)
    if view.is_empty:
        return _after_empty_cart()
    fair = offer(fair_visit.fair_id(), {line.product.supplier_id for line in view.lines}, today())
    form = CheckoutForm().setup(_pickup_points(), card_enabled(), money, fair)
    if request.method == "GET" and current_user.is_authenticated:
        form.name.data = form.name.data or current_user.name
        form.email.data = form.email.data or current_user.email
        form.phone.data = form.phone.data or current_user.phone
    changed = request.method == "POST" and form.prices_changed(view.subtotal)
    if changed:
        flash(_("A price changed since you opened this page. Please check the new total and confirm again."),
              "warning")
    form.seen_subtotal.data = str(view.subtotal)
    if not form.validate_on_submit() or view.has_problems or changed:
        status = 200 if request.method == "GET" else 409 if view.has_problems or changed else 422
        return _checkout_page(form, view, status)
    with unit_of_work() as work:
        order = orders.place_order(cart.id, _details(form), current_user_id())
        code = orders.phone_code(order) if order.status == OrderStatus.AWAITING_PHONE else None
    if isinstance(work.error, CartAlreadyOrdered):
        return _after_empty_cart()
    if isinstance(work.error, CashLimitReached | CashBlocked | CashPhoneNotMobile):
        # The form again, filled in, with the reason under "Payment": card payment is still open.
        # 429 for a limit (it passes tomorrow), 403 for a blocked number, 422 for a landline that
        # cannot receive the code; nothing was written.
        card_too = f" {_('You can also pay by card.')}" if card_enabled() else ""
        form.payment_method.errors = [f"{work.error.message}{card_too}"]
        return _checkout_page(form, view, work.error.status)
    if isinstance(work.error, FairDeliveryRefused):  # said beside the delivery methods, the cart kept
        form.delivery_method.errors = [str(work.error.message)]
        return _checkout_page(form, view, 422)
    if work.flash_error():
        return redirect(url_for("cart.show"), 303)
    session["last_order"] = [order.number, order.token]
    if order.payment_method == PaymentMethod.CARD:
        return _start_card_payment(order)
    if code:
        return _code_sent(order, code)
    mail_confirmation(order)
    if order.delivery_method == DeliveryMethod.STAND:
        flash(_("Thank you! Your order is confirmed; you pay when you collect it at the stand."), "success")
    else:
        flash(_("Thank you! Your order is confirmed; you pay on delivery."), "success")
    return redirect(status_url(order), 303)


def _checkout_page(form: CheckoutForm, view, status: int):
    fees = {city: home_delivery_fee(city) for city in cities()} | {"other": home_delivery_fee("")}
    return render_template("checkout/checkout.html", form=form, view=view, fees=fees), status


def _shopper_order(number: str) -> Order:
    token = request.values.get("token")
    user_id = current_user_id()
    order = order_queries.order_for_shopper(number, token, user_id)
    if order is None:
        abort(404)
    return order


@bp.get("/orders/<number>")
def order_status(number: str):
    """Order status by secret link or owner login; anything else is a 404."""
    order = _shopper_order(number)
    return _order_page(order, CodeForm())


def _order_page(order: Order, code_form: CodeForm) -> str:
    return render_template("checkout/order.html", order=order, token=order.token, card=card_enabled(),
                           cancellable=order.status in CANCELLABLE and not order.needs_refund,
                           code_form=code_form, phone=masked(order.phone))


@bp.get("/checkout/return/<number>")
def card_return(number: str):
    """Back from the hosted page: confirm with the gateway (same logic as the webhook) or say it is coming."""
    order = _shopper_order(number)
    session_id = request.args.get("session_id", "")
    if order.status == OrderStatus.PENDING_PAYMENT and session_id:
        with unit_of_work() as work:  # a gateway that does not answer: the webhook will tell
            gateway = get_gateway()
            state = gateway.retrieve_checkout(session_id)
            outcome = card.confirm_checkout(state, gateway.livemode) if state.order_number == order.number \
                else None
        if not work.error and outcome and outcome.newly_paid:
            mail_confirmation(order)
        db.session.refresh(order)
    if order.status == OrderStatus.PAID:
        flash(_("Thank you! Your payment is confirmed."), "success")
    elif order.status == OrderStatus.PENDING_PAYMENT:
        flash(_("Your payment is being confirmed. This page will show it in a moment."), "warning")
    return redirect(status_url(order), 303)


@bp.post("/orders/<number>/pay")
def retry_card(number: str):
    """Pay an unpaid order by card again (reuses the open session when there is one)."""
    order = _shopper_order(number)
    if order.status != OrderStatus.PENDING_PAYMENT:
        flash(_("This order is not waiting for a payment."), "warning")
        return redirect(status_url(order), 303)
    order.payment_method = PaymentMethod.CARD
    return _start_card_payment(order)


@bp.post("/orders/<number>/cash")
def switch_to_cash(number: str):
    """Give up the card payment and pay on delivery instead."""
    order = _shopper_order(number)
    with unit_of_work() as work:
        gateway = get_gateway() if card_enabled() else None
        card.switch_to_cash(order, gateway, current_user_id())
    if work.flash_error():
        return redirect(status_url(order), 303)
    if order.status == OrderStatus.AWAITING_PHONE:
        with unit_of_work():
            code = orders.phone_code(order)
        return _code_sent(order, code)
    mail_confirmation(order)
    flash(_("Your order is confirmed; you pay on delivery."), "success")
    return redirect(status_url(order), 303)


def _code_sent(order: Order, code: str):
    """Text the code to the order's phone (after the commit) and show the order page where it is typed."""
    send_sms(order.phone, _("%(code)s is your Souk Solidaire code to confirm order %(number)s, paid on delivery. "
                            "Never give it to anyone.", code=code, number=order.number))
    flash(_("One step left: type the code we sent by SMS to %(phone)s to confirm your order.",
            phone=masked(order.phone)), "warning")
    return redirect(status_url(order), 303)


def _order_number_key() -> str:
    return "order-code:" + (request.view_args or {}).get("number", "")


@bp.post("/orders/<number>/code")
@limit_code_guessing
def confirm_code(number: str):
    """The shopper types the code sent to the order's phone: the order is confirmed and reaches its suppliers."""
    order = _shopper_order(number)
    form = CodeForm()
    if not form.validate_on_submit():
        g.attempt_failed = True
        return _order_page(order, form), 422
    with unit_of_work(keep=(InvalidCode,)) as work:  # a wrong guess counts against the code: committed
        orders.confirm_phone(order, form.code.data, current_user_id())
    if isinstance(work.error, InvalidCode):
        g.attempt_failed = True
        form.code.errors.append(str(work.error.message))
        return _order_page(order, form), 422
    return _back_to_order(order, work, mail_confirmation, _("Thank you! Your order is confirmed; you pay on delivery."))


@bp.post("/orders/<number>/code/resend")
@code_sending_limits(_order_number_key)
def resend_code(number: str):
    """A new code for an order awaiting its phone (the old one stops working)."""
    order = _shopper_order(number)
    with unit_of_work() as work:
        code = orders.phone_code(order)
    if work.flash_error():
        return redirect(status_url(order), 303)
    return _code_sent(order, code)


@bp.post("/orders/<number>/cancel")
def cancel(number: str):
    """The shopper cancels before anything was shipped; a card payment is refunded."""
    order = _shopper_order(number)
    with unit_of_work() as work:
        gateway = get_gateway() if card_enabled() else None
        card.cancel_and_refund(order, gateway, current_user_id(),
                               reason="cancelled by the shopper")
    return _back_to_order(order, work, mail_cancellation, _("Your order is cancelled."))


def _back_to_order(order: Order, work: Work, mail: Callable[[Order], None], done: str):
    """The order page again: with the refusal when the action was refused, else after its mail, saying so."""
    if not work.flash_error():
        mail(order)
        flash(done, "success")
    return redirect(status_url(order), 303)


@bp.get("/account/orders")
@login_required
def history():
    """The logged-in shopper's orders, newest first."""
    page = paginate(order_queries.orders_of_user(current_user.id), 20)
    return render_template("checkout/history.html", page=page)
