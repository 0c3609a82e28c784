"""A few months of demo sales, placed through the real cart and order services.

They give the dashboard its charts, the oversight report its figures and the suppliers their
earnings: cash-on-delivery orders spread over the last five months, most delivered, some on
their way, one cancelled, and a few payouts already made.
"""
from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app.accounts.models import Role
from app.cart.services import add_item, new_cart
from app.catalog.models import ListingStatus, Product
from app.db import utcnow
from app.demo import data
from app.exhibition.models import PickupPoint
from app.extensions import db
from app.orders.models import DeliveryMethod, Order, PaymentMethod
from app.orders.services import CheckoutDetails, cancel_order, mark_line_delivered, mark_line_shipped, place_order
from app.solidarity.ledger import balance
from app.solidarity.payouts import record_payout
from app.suppliers.models import Supplier

if TYPE_CHECKING:
    from app.demo.services import Demo

MAX_ORDERS = 60
KEEP_IN_STOCK = 2  # past sales leave a few of each piece: a demo full of "sold out" badges looks closed
CLIENTS_DOMAIN = f"clients.{data.DOMAIN}"
CUSTOMERS = [
    ("Salma Benjelloun", "Casablanca"), ("Youssef Amrani", "Rabat"), ("Imane Tazi", "Fès"),
    ("Karim Alaoui", "Marrakech"), ("Sara El Fassi", "Tanger"), ("Mehdi Berrada", "Agadir"),
    ("Hind Chraibi", "Salé"), ("Anas Kabbaj", "Meknès"), ("Nora Lahlou", "Kénitra"), ("Reda Sqalli", "Oujda"),
    ("Ghita Bennis", "Tétouan"), ("Omar Zniber", "El Jadida"),
]


def order_target(product_count: int) -> int:
    return min(MAX_ORDERS, product_count // 2)


def demo_order_count() -> int:
    return db.session.scalar(select(func.count(Order.id)).where(Order.email.like(f"%@{CLIENTS_DOMAIN}"))) or 0


def ensure_sales(demo: Demo, product_count: int) -> None:
    """Place the missing demo orders (numbered, so a second run places none)."""
    done, target = demo_order_count(), order_target(product_count)
    if done >= target:
        return
    stocked = dict(db.session.execute(
        select(Product.id, Product.stock).join(Supplier, Supplier.id == Product.supplier_id)
        .where(Product.status == ListingStatus.PUBLISHED, Product.stock > KEEP_IN_STOCK,
               Supplier.slug.in_(list(demo.suppliers)))
        .order_by(Product.id).limit(400)).all())
    if not stocked:
        return
    pickups = list(db.session.scalars(select(PickupPoint.id).order_by(PickupPoint.id)))
    now = utcnow()
    for number in range(done, target):
        _place(demo, number, target, stocked, pickups, now)
    if done == 0:
        _payouts(demo)
    demo.report.created["orders"] += target - done


def _place(demo: Demo, number: int, target: int, stocked: dict[int, int], pickups: list[int], now) -> None:
    rng = random.Random(f"souk-demo-order:{number}")
    name, city = CUSTOMERS[number % len(CUSTOMERS)]
    available = [product_id for product_id, left in stocked.items() if left > KEEP_IN_STOCK]
    if not available:
        return
    cart = new_cart()
    for product_id in rng.sample(available, min(len(available), rng.choice((1, 1, 1, 2, 2, 3)))):
        add_item(cart, product_id, 1)
        stocked[product_id] -= 1
    pickup = pickups and number % 4 == 1
    email = f"{name.split()[0].lower()}.{number}@{CLIENTS_DOMAIN}"
    details = CheckoutDetails(
        name=name, email=email, phone=f"+2126{61_000_000 + number * 7_919 % 38_000_000:08d}",
        delivery_method=DeliveryMethod.PICKUP if pickup else DeliveryMethod.HOME, payment_method=PaymentMethod.CASH,
        city=city, address=f"{3 + number % 90} rue {('des Orangers', 'Ibn Batouta', 'Moulay Idriss')[number % 3]}",
        pickup_point_id=pickups[number % len(pickups)] if pickup else None, locale=("fr", "ar", "en")[number % 3])
    shopper = demo.users[Role.SHOPPER].id if number % 6 == 0 else None
    order = place_order(cart.id, details, user_id=shopper, screened=False)  # history, not shoppers
    db.session.delete(cart)
    # Oldest first, over the last 150 days; the older an order, the further it has travelled.
    age = (target - number) * 150 / target
    order.created_at = now - timedelta(days=age, hours=rng.uniform(0, 10))
    if number == target // 2:
        cancel_order(order, reason="Client injoignable")
    elif age > 12:
        _deliver(order, delivered=age > 20)


def _deliver(order: Order, delivered: bool) -> None:
    for line in list(order.lines):
        mark_line_shipped(line, None)
        if delivered:
            mark_line_delivered(line, None)


def _payouts(demo: Demo) -> None:
    """Half of what the first few suppliers earned has already been paid to them."""
    admin = demo.users[Role.ADMIN].id
    for slug in list(demo.suppliers)[:8]:
        supplier_id = demo.suppliers[slug].id
        owed = balance(supplier_id)
        if owed >= 200:
            record_payout(supplier_id, owed // 2, actor_id=admin, note="Virement demo")
