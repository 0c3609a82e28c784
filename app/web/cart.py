"""The cart: guests by a signed cookie carrying an unguessable token, shoppers by their account.

The cart itself lives in the database so any app server can serve it; the cookie only names it.
"""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    after_this_request,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import user_logged_in
from itsdangerous import BadSignature, URLSafeSerializer

from app.cart import services
from app.cart.models import Cart
from app.cart.queries import item_count, load_cart, view_cart
from app.errors import DomainError
from app.numbers import object_id
from app.web.guards import current_user_id
from app.web.unit_of_work import commit, unit_of_work

bp = Blueprint("cart", __name__)

COOKIE = "cart"
COOKIE_MAX_AGE = 60 * 24 * 3600


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="cart-token")


def cookie_token() -> str | None:
    """The guest cart token from the signed cookie; a forged or foreign value is flagged, never used."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        token = _serializer().loads(raw)
    except BadSignature:
        g.bad_cart_cookie = True
        return None
    return token if isinstance(token, str) else None


def _set_cookie(token: str) -> None:
    @after_this_request
    def remember(response):
        response.set_cookie(COOKIE, _serializer().dumps(token), max_age=COOKIE_MAX_AGE, httponly=True,
                            samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"])
        return response


def current_cart(create: bool = False) -> Cart | None:
    """The visitor's cart; a state-changing request with a tampered cookie is refused (400)."""
    token = cookie_token()
    if g.get("bad_cart_cookie"):
        _forget_cookie()  # e.g. signed with a rotated secret: the next try starts a fresh cart
        if request.method == "POST":
            abort(400)
    cart = services.find_cart(token, current_user_id())
    if cart is None and create:
        cart = services.new_cart(current_user_id())
        if current_user_id() is None:
            _set_cookie(cart.token)
    return cart


def _merge_guest_cart(sender, user, **extra) -> None:
    """At login, the guest cart's lines join the account's cart (the login view stays unaware)."""
    token = cookie_token()
    if not token:
        return
    services.merge_guest_cart(token, user.id)
    commit()
    _forget_cookie()


def _forget_cookie() -> None:
    @after_this_request
    def forget(response):
        response.delete_cookie(COOKIE)
        return response


user_logged_in.connect(_merge_guest_cart)


def cart_count() -> int:
    """The header's count of items, read once per request, and without a query for a visitor who has
    no cart (whose pages may then be served from the page cache)."""
    if current_user_id() is None and not request.cookies.get(COOKIE):
        return 0
    if "cart_count" not in g:
        cart = current_cart()
        g.cart_count = item_count(cart.id) if cart else 0
    return g.cart_count


@bp.app_context_processor
def cart_link() -> dict:
    """`cart_count()` for the header: asked only by the templates that show it."""
    return {"cart_count": cart_count}


def _product_id(raw: str | None) -> int:
    """A product id from a form: a number an id column holds, else a 400."""
    product_id = object_id(raw)
    if product_id is None:
        abort(400)
    return product_id


def _render_cart(error: DomainError | None = None):
    cart = current_cart()
    view = view_cart(load_cart(cart.id) if cart else None)
    status = error.status if error else 200
    return render_template("checkout/cart.html", view=view, error=error and error.message), status


@bp.get("/cart")
def show():
    """The cart, with each line's current price and any problem flagged."""
    return _render_cart()


@bp.post("/cart/items")
def add():
    """Add a product (form product_id, quantity); any price sent along is ignored."""
    product_id = _product_id(request.form.get("product_id"))
    with unit_of_work() as work:
        quantity = services.parse_quantity(request.form.get("quantity", "1"))
        services.add_item(current_cart(create=True), product_id, quantity)
    if work.error:
        return _render_cart(work.error)
    flash(_("Added to your cart."), "success")
    return redirect(url_for("cart.show"), 303)


@bp.post("/cart/items/<int(max=2147483647):product_id>")
def update(product_id: int):
    """Change a line's quantity (form quantity; 0 removes the line)."""
    cart = current_cart()
    with unit_of_work() as work:
        quantity = services.parse_quantity(request.form.get("quantity"), allow_zero=True)
        if cart is None:
            abort(404)
        services.set_quantity(cart, product_id, quantity)
    if work.error:
        return _render_cart(work.error)
    flash(_("Your cart was updated.") if quantity else _("The product was removed from your cart."), "success")
    return redirect(url_for("cart.show"), 303)
