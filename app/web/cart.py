"""Cart, checkout and the order status page."""
from flask import Blueprint, render_template

bp = Blueprint("cart", __name__)


@bp.get("/cart")
def show():
    """The cart."""
    return render_template("shop/home.html")
