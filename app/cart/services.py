"""Cart changes: add, set quantity, merge a guest cart into an account, empty after an order.

Quantities are checked against the stock at the time of the change; the real reservation
happens when the order is placed (app.orders.services.place_order).
"""
from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from app.cart.models import Cart, CartItem
from app.cart.queries import cart_of_user, guest_cart, is_buyable, product_for_cart
from app.errors import Conflict, Invalid, NotFound
from app.extensions import db
from app.numbers import whole_number

# Nobody buys more than this of one handmade item in one go; also bounds integer tampering.
MAX_QUANTITY = 99


class QuantityInvalid(Invalid):
    """Not a whole number between 1 and MAX_QUANTITY (0 only where it means remove)."""


class NotEnoughStock(Conflict):
    """Fewer items left than asked for."""


class ProductUnavailable(Conflict):
    """Not published, or its supplier's stand is not public."""


def parse_quantity(raw: object, allow_zero: bool = False) -> int:
    """A quantity from a form: whole, within bounds; anything else is refused with a clear message."""
    # Arabic-Indic digits typed on a phone are welcome, "²" is not a number (app/numbers.py).
    quantity = whole_number(None if raw is None else str(raw), 0 if allow_zero else 1, MAX_QUANTITY)
    if quantity is None:
        raise QuantityInvalid(_l("Please enter a whole number between 1 and %(max)d.", max=MAX_QUANTITY))
    return quantity


def new_cart(user_id: int | None = None) -> Cart:
    cart = Cart(token=secrets.token_urlsafe(32), user_id=user_id)
    db.session.add(cart)
    db.session.flush()
    return cart


def find_cart(token: str | None, user_id: int | None) -> Cart | None:
    """The account's cart for a logged-in shopper, else the guest cart of the token."""
    if user_id is not None:
        return cart_of_user(user_id)
    return guest_cart(token) if token else None


def _check_stock(product, quantity: int) -> None:
    if product is None:
        raise NotFound(_l("This product does not exist."))
    if not is_buyable(product):
        raise ProductUnavailable(_l("%(title)s is no longer for sale.", title=product.title))
    if product.stock <= 0:
        raise NotEnoughStock(_l("%(title)s is sold out.", title=product.title))
    if quantity > product.stock:
        raise NotEnoughStock(_l("Only %(n)d left of %(title)s.", n=product.stock, title=product.title))


def _item(cart: Cart, product_id: int) -> CartItem | None:
    return db.session.scalar(select(CartItem).where(CartItem.cart_id == cart.id, CartItem.product_id == product_id))


def add_item(cart: Cart, product_id: int, quantity: int) -> CartItem:
    """Add `quantity` of a product (on top of what is already in the cart)."""
    item = _item(cart, product_id)
    wanted = quantity + (item.quantity if item else 0)
    if wanted > MAX_QUANTITY:
        raise QuantityInvalid(_l("Please enter a whole number between 1 and %(max)d.", max=MAX_QUANTITY))
    _check_stock(product_for_cart(product_id), wanted)
    if item is None:
        item = CartItem(cart_id=cart.id, product_id=product_id, quantity=wanted)
        db.session.add(item)
    else:
        item.quantity = wanted
    db.session.flush()
    db.session.expire(cart, ["items"])
    return item


def set_quantity(cart: Cart, product_id: int, quantity: int) -> CartItem | None:
    """Set a line's quantity; 0 removes it (always allowed, even for a product gone from sale)."""
    item = _item(cart, product_id)
    if item is None:
        raise NotFound(_l("This product is not in your cart."))
    if quantity == 0:
        db.session.delete(item)
        db.session.flush()
        db.session.expire(cart, ["items"])
        return None
    _check_stock(product_for_cart(product_id), quantity)
    item.quantity = quantity
    db.session.flush()
    return item


def merge_guest_cart(token: str, user_id: int) -> Cart | None:
    """Move a guest cart's lines into the account's cart at login; the guest cart disappears.

    Quantities of a product in both carts are added, capped at what is in stock (and at least
    kept as they were, so a sold-out line stays visible and flagged rather than vanishing).
    """
    guest = guest_cart(token)
    if guest is None:
        return cart_of_user(user_id)
    account = cart_of_user(user_id)
    if account is None:
        guest.user_id = user_id
        db.session.flush()
        return guest
    existing = {item.product_id: item for item in account.items}
    for item in guest.items:
        if item.product_id in existing:
            mine = existing[item.product_id]
            total = min(mine.quantity + item.quantity, MAX_QUANTITY)
            mine.quantity = max(min(total, item.product.stock), mine.quantity, 1)
        else:
            account.items.append(CartItem(product_id=item.product_id, quantity=item.quantity))
    db.session.delete(guest)
    db.session.flush()
    return account


class CartAlreadyOrdered(Conflict):
    """Another request (a double tap, a second tab) turned this cart into an order first."""


def claim_items(cart: Cart) -> None:
    """Take every line out of the cart for an order, or fail if another request took them first.

    The conditional DELETE is the serialisation point of a double submit: the second request
    waits for the first's row locks (PostgreSQL) or write lock (SQLite), then deletes nothing.
    """
    ids = [item.id for item in cart.items]
    result = db.session.execute(
        delete(CartItem).where(CartItem.cart_id == cart.id, CartItem.id.in_(ids))
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != len(ids):
        raise CartAlreadyOrdered(_l("This cart has just been ordered, perhaps from another tab."))
    for item in list(cart.items):
        db.session.expunge(item)
    db.session.expire(cart, ["items"])
