"""Reading a cart with what the shopper must know about each line (price now, stock, problems)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app.cart.models import Cart, CartItem
from app.catalog.models import ListingStatus, Product
from app.extensions import db
from app.solidarity.pricing import Breakdown, SolidarityRules, product_breakdown
from app.suppliers.models import Supplier


def is_buyable(product: Product) -> bool:
    """A product can be sold when it is published and its supplier's stand is public."""
    return product.status == ListingStatus.PUBLISHED and product.supplier.is_public


@dataclass(frozen=True)
class CartLine:
    """One cart row as shown: current price, current stock, and any problem to flag."""

    item: CartItem
    product: Product
    quantity: int
    breakdown: Breakdown  # for the whole line

    @property
    def unit_price(self) -> int:
        return self.product.price_centimes

    @property
    def total(self) -> int:
        return self.breakdown.price

    @property
    def problem(self) -> str | None:
        """"unavailable", "sold_out", "not_enough_stock" or None."""
        if not is_buyable(self.product):
            return "unavailable"
        if self.product.stock <= 0:
            return "sold_out"
        if self.quantity > self.product.stock:
            return "not_enough_stock"
        return None


@dataclass(frozen=True)
class CartView:
    cart: Cart | None
    lines: list[CartLine]

    @property
    def subtotal(self) -> int:
        return sum(line.total for line in self.lines if line.problem is None)

    @property
    def producer_share(self) -> int:
        return sum(line.breakdown.producer for line in self.lines if line.problem is None)

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def has_problems(self) -> bool:
        return any(line.problem for line in self.lines)

    @property
    def is_empty(self) -> bool:
        return not self.lines


def item_count(cart_id: int) -> int:
    """How many pieces the cart holds (the number beside the header's cart link)."""
    return db.session.scalar(select(func.coalesce(func.sum(CartItem.quantity), 0)).where(CartItem.cart_id == cart_id))


def load_cart(cart_id: int) -> Cart | None:
    """A cart with its items, products, suppliers and photos in a few queries (no N+1)."""
    return db.session.scalar(
        select(Cart).where(Cart.id == cart_id).options(
            selectinload(Cart.items).joinedload(CartItem.product)
            .joinedload(Product.supplier).joinedload(Supplier.group),
            selectinload(Cart.items).joinedload(CartItem.product)
            .selectinload(Product.images),  # each with its image
            selectinload(Cart.items).joinedload(CartItem.product)
            .selectinload(Product.translations),  # titles in the shopper's language, snapshotted at sale
        )
    )


def view_cart(cart: Cart | None) -> CartView:
    """The cart as the shopper sees it, priced now by the one pricing service."""
    if cart is None:
        return CartView(None, [])
    rules = SolidarityRules.from_config()
    lines = [
        CartLine(item, item.product, item.quantity, product_breakdown(item.product, rules).times(item.quantity))
        for item in cart.items
    ]
    return CartView(cart, lines)


def cart_of_user(user_id: int) -> Cart | None:
    return db.session.scalar(select(Cart).where(Cart.user_id == user_id))


def guest_cart(token: str) -> Cart | None:
    """A guest's cart by its token; a cart already bound to an account is never reachable by token."""
    return db.session.scalar(select(Cart).where(Cart.token == token, Cart.user_id.is_(None)))


def product_for_cart(product_id: int) -> Product | None:
    return db.session.scalar(
        select(Product).where(Product.id == product_id).options(joinedload(Product.supplier))
    )
