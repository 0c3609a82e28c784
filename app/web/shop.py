"""The public exhibition: home, catalogue, products, stands, halls, fairs, groups, pickup points."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request
from flask_login import current_user

from app.extensions import db
from app.i18n import LOCALE_COOKIE
from app.web.redirects import safe_next

bp = Blueprint("shop", __name__)


@bp.get("/")
def home():
    """Home: featured halls, newest products, upcoming fairs."""
    return render_template("shop/home.html")


@bp.get("/products")
def catalogue():
    """Catalogue with filters, sort, search and pagination."""
    return render_template("shop/home.html")


@bp.get("/halls")
def halls():
    """All exhibition halls."""
    return render_template("shop/home.html")


@bp.get("/fairs")
def fairs():
    """Fair calendar."""
    return render_template("shop/home.html")


@bp.get("/groups")
def groups():
    """Groupements solidaires."""
    return render_template("shop/home.html")


@bp.get("/pickup-points")
def pickup_points():
    """Solidarity spaces and proximity shops."""
    return render_template("shop/home.html")


@bp.post("/language")
def set_language():
    """Remember the visitor's language (cookie, and the account when logged in)."""
    lang = request.form.get("lang", "")
    if lang not in current_app.config["LANGUAGES"]:
        lang = current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user.is_authenticated:
        current_user.locale = lang
        db.session.commit()
    response = redirect(safe_next(request.form.get("next"), default="/"))
    response.set_cookie(LOCALE_COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
