"""Registration, login, logout, password reset and the account page."""
from flask import Blueprint, render_template

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.get("/")
def index():
    """The account page."""
    return render_template("shop/home.html")


@bp.get("/login")
def login():
    """Login form."""
    return render_template("shop/home.html")
