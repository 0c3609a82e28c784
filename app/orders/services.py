"""Placing an order is one service call in one transaction; so are cancelling and shipping.

Services flush, never commit: the view, webhook or command around them owns the transaction,
so a failure anywhere leaves no half-placed order and no stock taken.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select, update

from app.accounts import phone_codes
from app.accounts.models import CodePurpose
from app.audit.services import record
from app.cart.models import Cart
from app.cart.queries import is_buyable, load_cart
from app.cart.services import claim_items
from app.catalog.models import ListingStatus, Product
from app.db import utcnow
from app.errors import Conflict, Invalid
from app.exhibition import services as exhibition
from app.exhibition.models import PickupPoint
from app.exhibition.queries import today
from app.extensions import db
from app.orders import cash, numbers
from app.orders.delivery import home_delivery_fee
from app.orders.fair_delivery import fair_of_order
from app.orders.models import DeliveryMethod, LineStatus, Order, OrderLine, OrderStatus, PaymentMethod
from app.orders.status import CANCELLABLE, RESERVED, transition
from app.solidarity import ledger
from app.solidarity.pricing import SolidarityRules, product_breakdown

log = logging.getLogger(__name__)


class EmptyCart(Invalid):
    """Nothing to order."""


class OutOfStock(Conflict):
    """Somebody else bought the last items first (or the listing left the shop)."""


class NotCancellable(Conflict):
    """The order has started its journey."""


class NotAwaitingCode(Conflict):
    """The order was confirmed, cancelled or expired meanwhile: no code is asked any more."""


@dataclass(frozen=True)
class CheckoutDetails:
    """What the shopper typed at checkout, already validated by the form."""

    name: str
    email: str
    phone: str
    delivery_method: DeliveryMethod
    payment_method: PaymentMethod
    city: str = ""
    address: str = ""
    pickup_point_id: int | None = None
    locale: str = "fr"
    client_address: str | None = None  # the shopper's IP: only its keyed hash is kept (app/orders/cash.py)
    # A fair method was chosen (collect at the stand, home delivery from the fair), and the fair whose stand
    # QR code the shopper came through: app.orders.fair_delivery decides whether the order may have it.
    from_fair: bool = False
    fair_id: int | None = None

    @property
    def home(self) -> bool:
        return self.delivery_method == DeliveryMethod.HOME


def delivery_fee(details: CheckoutDetails) -> int:
    return home_delivery_fee(details.city) if details.home else 0


def reservation_end(now: datetime) -> datetime:
    """When an order that is not confirmed yet gives its stock back."""
    return now + timedelta(minutes=current_app.config["RESERVATION_MINUTES"])


def _unique_number() -> str:
    while True:
        number = numbers.new_number()
        if not db.session.scalar(select(exists().where(Order.number == number))):
            return number


def reserve_stock(quantities: dict[int, int]) -> None:
    """Take stock for every product or fail as a whole (the caller's transaction rolls back).

    One conditional UPDATE per product, checked by its row count: the database decides who gets
    the last item, on SQLite (one writer at a time) as on PostgreSQL (row locks). Products are
    taken in ascending id order so two orders sharing products lock them in the same order and
    cannot deadlock each other. CHECK (stock >= 0) on products stays the last line of defence.
    """
    for product_id in sorted(quantities):
        quantity = quantities[product_id]
        result = db.session.execute(
            update(Product)
            .where(Product.id == product_id, Product.stock >= quantity, Product.status == ListingStatus.PUBLISHED)
            .values(stock=Product.stock - quantity)
            .execution_options(synchronize_session=False)
        )
        _forget_stock(product_id)
        if result.rowcount != 1:
            title = db.session.scalar(select(Product.title).where(Product.id == product_id)) or ""
            raise OutOfStock(_l("Sorry, %(title)s has just sold out or has fewer items left.", title=title),
                             product_id=product_id)


def _forget_stock(product_id: int) -> None:
    """The stock changed behind the ORM's back: a loaded product must re-read it."""
    product = db.session.identity_map.get(db.session.identity_key(Product, product_id))
    if product is not None:
        db.session.expire(product, ["stock"])


def release_stock(order: Order) -> None:
    """Give back the stock of every line not yet given back (products deleted since are skipped)."""
    for line in sorted(order.lines, key=lambda ln: ln.product_id or 0):
        if line.product_id is not None and line.status != LineStatus.CANCELLED:
            db.session.execute(
                update(Product).where(Product.id == line.product_id)
                .values(stock=Product.stock + line.quantity).execution_options(synchronize_session=False)
            )
            _forget_stock(line.product_id)
        line.status = LineStatus.CANCELLED


def _snapshot_lines(cart: Cart) -> list[OrderLine]:
    rules = SolidarityRules.from_config()
    lines = []
    for item in sorted(cart.items, key=lambda i: i.product_id):
        product = item.product
        if not is_buyable(product):
            raise OutOfStock(_l("%(title)s is no longer for sale.", title=product.title), product_id=product.id)
        unit = product_breakdown(product, rules)
        total = unit.times(item.quantity)
        lines.append(OrderLine(
            product_id=product.id, supplier_id=product.supplier_id, title=product.title,
            title_i18n=product.title_i18n,
            unit_price_centimes=unit.price, quantity=item.quantity, line_total_centimes=total.price,
            producer_share_centimes=total.producer, group_commission_centimes=total.group_commission,
            platform_fee_centimes=total.platform_fee, status=LineStatus.PENDING,
        ))
    return lines


def place_order(cart_id: int, details: CheckoutDetails, user_id: int | None = None,
                now: datetime | None = None, screened: bool = True) -> Order:
    """Turn a cart into an order: cart emptied, prices re-read now, stock reserved, lines snapshotted.

    Cash on delivery is confirmed at once and credits the suppliers' ledger; a card order waits
    in pending_payment, holding its stock until `reservation_expires_at`. A cash order is first
    screened (blocked number, daily limits: app/orders/cash.py); one from a number never delivered
    to waits in awaiting_phone, holding its stock the same way, until `confirm_phone` (the edge
    sends the code from `phone_code`). Only the demo seeder skips the screen.
    """
    now = now or utcnow()
    cart = load_cart(cart_id)
    if cart is None or not cart.items:
        raise EmptyCart(_l("Your cart is empty."))
    keys = cash.CashKeys(details.phone, cash.address_key(details.city, details.address) if details.home else None,
                         cash.client_key(details.client_address))
    cash_order = details.payment_method == PaymentMethod.CASH
    lines = _snapshot_lines(cart)
    fair_id = fair_of_order(details.delivery_method, details.from_fair, details.fair_id,
                            {line.supplier_id for line in lines}, today())
    claim_items(cart)  # first: a double submit stops here, before touching any stock
    held = False
    if cash_order and screened:  # after a first write (see cash.admit); a refusal rolls it back
        cash.admit(keys, now)
        # Collected and paid at a fair's stand: no parcel leaves, no courier waits at a door.
        held = details.delivery_method != DeliveryMethod.STAND and cash.needs_phone_code(details.phone, user_id)
    reserve_stock({line.product_id: line.quantity for line in lines})
    subtotal = sum(line.line_total_centimes for line in lines)
    fee = delivery_fee(details)
    order = Order(
        number=_unique_number(), token=numbers.new_token(), user_id=user_id,
        status=_first_status(cash_order, held),
        customer_name=details.name, email=details.email, phone=details.phone,
        delivery_method=details.delivery_method,
        delivery_city=details.city if details.home else "", delivery_address=details.address if details.home else "",
        address_key=keys.address, client_key=keys.client,
        pickup_point_id=details.pickup_point_id if details.delivery_method == DeliveryMethod.PICKUP else None,
        fair_id=fair_id,
        payment_method=details.payment_method, subtotal_centimes=subtotal, delivery_fee_centimes=fee,
        total_centimes=subtotal + fee, currency="MAD", locale=details.locale, lines=lines,
        reservation_expires_at=None if cash_order and not held else reservation_end(now),
    )
    db.session.add(order)
    db.session.flush()
    if order.status == OrderStatus.CONFIRMED:
        ledger.credit_order(order)
    record("order.placed", "order", order.id, user_id, number=order.number, payment=details.payment_method.value,
           total=order.total_centimes, delivery=details.delivery_method.value, fair=fair_id)
    log.info("order %s placed: %d lines, %d centimes, %s", order.number, len(lines), order.total_centimes,
             details.payment_method.value)
    return order


def _first_status(cash_order: bool, held: bool) -> OrderStatus:
    if not cash_order:
        return OrderStatus.PENDING_PAYMENT
    return OrderStatus.AWAITING_PHONE if held else OrderStatus.CONFIRMED


def phone_code(order: Order) -> str:
    """A new code for an order awaiting its phone (the previous one stops working), in clear to send."""
    if order.status != OrderStatus.AWAITING_PHONE:
        raise NotAwaitingCode(_l("This order is not waiting for a code."))
    return phone_codes.issue(order.phone, CodePurpose.CASH_ORDER)


def confirm_phone(order: Order, code: str, actor_id: int | None = None) -> Order:
    """The code sent to the order's phone was typed: the order is confirmed and goes to its suppliers.

    A wrong code raises InvalidCode and counts against the code (the caller commits the refusal)."""
    order = lock_order(order.id)
    if order.status != OrderStatus.AWAITING_PHONE:
        raise NotAwaitingCode(_l("This order is not waiting for a code."))
    phone_codes.redeem(order.phone, CodePurpose.CASH_ORDER, code)
    transition(order, OrderStatus.CONFIRMED, actor_id=actor_id, reason="phone confirmed by SMS code")
    order.reservation_expires_at = None
    ledger.credit_order(order, actor_id)
    db.session.flush()
    return order


def lock_order(order_id: int) -> Order:
    """The order row locked for the rest of the transaction (FOR UPDATE on PostgreSQL).

    SQLite has no row locks and ignores FOR UPDATE: a no-op write takes its database write lock
    instead, so nothing read after this can change under us before we commit.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(update(Order).where(Order.id == order_id).values(id=Order.id)
                           .execution_options(synchronize_session=False))
    return db.session.scalar(
        select(Order).where(Order.id == order_id).with_for_update().execution_options(populate_existing=True)
    )


def switch_to_cash(order: Order, actor_id: int | None = None) -> Order:
    """An unpaid card order becomes cash on delivery: confirmed, stock kept, ledger credited.

    Screened like a cash order placed now, counted by the keys stored when it was placed; a number
    never delivered to waits for its code (awaiting_phone, the reservation starting again)."""
    now = utcnow()
    cash.admit(cash.CashKeys(order.phone, order.address_key, order.client_key), now)
    if order.delivery_method != DeliveryMethod.STAND and cash.needs_phone_code(order.phone, order.user_id):
        transition(order, OrderStatus.AWAITING_PHONE, actor_id=actor_id, reason="switched to cash on delivery")
        order.payment_method = PaymentMethod.CASH
        order.reservation_expires_at = reservation_end(now)
        db.session.flush()
        return order
    transition(order, OrderStatus.CONFIRMED, actor_id=actor_id, reason="switched to cash on delivery")
    order.payment_method = PaymentMethod.CASH
    order.reservation_expires_at = None
    ledger.credit_order(order, actor_id)
    db.session.flush()
    return order


def cancel_order(order: Order, actor_id: int | None = None, reason: str = "") -> Order:
    """Cancel before anything was shipped: stock goes back, earnings are reversed.

    Refunding a paid order is app.orders.card_payments.cancel_and_refund's job.
    """
    if order.status not in CANCELLABLE or any(line.status != LineStatus.PENDING for line in order.lines):
        raise NotCancellable(_l("This order can no longer be cancelled."))
    transition(order, OrderStatus.CANCELLED, actor_id=actor_id, reason=reason)
    release_stock(order)
    order.reservation_expires_at = None
    ledger.reverse_order(order, actor_id)
    db.session.flush()
    return order


def expired_reservations(now: datetime) -> list[int]:
    """Ids of unpaid card orders, and cash orders whose code never came, whose reservation has run out."""
    return list(db.session.scalars(
        select(Order.id).where(Order.status.in_(RESERVED), Order.reservation_expires_at < now).order_by(Order.id)
    ))


def expire_reservation(order_id: int, now: datetime) -> Order | None:
    """Cancel one order past its reservation and release its stock; None if it moved on."""
    order = lock_order(order_id)
    if order.status not in RESERVED or not order.reservation_expires_at \
            or order.reservation_expires_at >= now:
        return None
    cancel_order(order, reason="reservation expired")
    log.info("order %s: reservation expired, stock released", order.number)
    return order


def mark_line_shipped(line: OrderLine, actor_id: int | None) -> OrderLine:
    """A supplier ships their line; the order is shipped when every live line is."""
    order = lock_order(line.order_id)
    if not order.status.to_ship or line.status != LineStatus.PENDING:
        raise Conflict(_l("This line cannot be marked as shipped now."))
    line.status = LineStatus.SHIPPED
    line.shipped_at = utcnow()
    db.session.flush()
    record("order_line.shipped", "order_line", line.id, actor_id, number=order.number)
    _advance(order, actor_id)
    return line


def _advance(order: Order, actor_id: int | None) -> None:
    """Shipped once every live line has left its workshop; delivered once every one has arrived."""
    statuses = {ln.status for ln in order.lines} - {LineStatus.CANCELLED}
    if order.status.to_ship and statuses <= {LineStatus.SHIPPED,
                                                                                   LineStatus.DELIVERED}:
        transition(order, OrderStatus.SHIPPED, actor_id=actor_id)
    if order.status == OrderStatus.SHIPPED and statuses <= {LineStatus.DELIVERED}:
        transition(order, OrderStatus.DELIVERED, actor_id=actor_id)


def mark_line_delivered(line: OrderLine, actor_id: int | None) -> OrderLine:
    """A line reached the shopper; the order is delivered when every live line is."""
    order = lock_order(line.order_id)
    if line.status != LineStatus.SHIPPED:
        raise Conflict(_l("This line cannot be marked as delivered now."))
    line.status = LineStatus.DELIVERED
    db.session.flush()
    record("order_line.delivered", "order_line", line.id, actor_id, number=order.number)
    _advance(order, actor_id)
    return line


def mark_refused(order: Order, actor_id: int | None) -> Order:
    """Staff record that the shopper did not take a cash parcel at the door (the courier's report):
    the goods go back to their workshops' stock and the suppliers' earnings are reversed."""
    order = lock_order(order.id)
    if order.payment_method != PaymentMethod.CASH:
        raise Conflict(_l("Only a cash-on-delivery order can be refused at the door."))
    transition(order, OrderStatus.REFUSED, actor_id=actor_id, reason="refused at the door")
    release_stock(order)
    ledger.reverse_order(order, actor_id)
    db.session.flush()
    return order


def mark_delivered(order: Order, actor_id: int | None) -> Order:
    """Staff confirm the whole order reached the shopper."""
    transition(order, OrderStatus.DELIVERED, actor_id=actor_id)
    for line in order.lines:
        if line.status == LineStatus.SHIPPED:
            line.status = LineStatus.DELIVERED
    db.session.flush()
    return order


def delete_pickup_point(point_id: int, *, actor_id: int) -> None:
    """Delete a pickup point no order chose; one that orders chose stays (it can be closed instead)."""
    if db.session.scalar(select(Order.id).where(Order.pickup_point_id == point_id).limit(1)) is not None:
        raise exhibition.InUse(_l("Orders were collected here: close the pickup point instead of deleting it."))
    exhibition.delete(PickupPoint, point_id, actor_id=actor_id)
