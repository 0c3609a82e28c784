"""The second factor at the edge: staff enrol and give a code after their password, and again
before the most sensitive actions (payouts, role changes, imports) when the last code is old.

Until a staff session has passed the second factor, every page but these and logout redirects here:
the gate works whatever login view (e-mail, phone) started the session.
"""
from __future__ import annotations

import base64
import time
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.accounts import second_factor
from app.accounts.forms import SecondFactorForm
from app.exhibition.qr import qr_png
from app.extensions import limiter
from app.web.guards import login_required
from app.web.redirects import safe_next
from app.web.unit_of_work import commit

bp = Blueprint("second_factor", __name__, url_prefix="/account/two-factor")

VERIFIED_AT = "second_factor_at"  # session key: when this session last gave a right code (unix time)
PENDING_SECRET = "second_factor_pending"  # session key: the secret shown during enrolment, not yet confirmed
# What a staff session may reach before its second factor: these pages, logging out, and files.
OPEN_ENDPOINTS = frozenset({"account.logout", "static"})


def _limit(view: Callable) -> Callable:
    """Wrong codes are limited per account like wrong passwords (only failures count)."""
    return limiter.limit(
        lambda: current_app.config["SECOND_FACTOR_LIMIT_PER_USER"],
        key_func=lambda: f"second-factor:{current_user.get_id() or '-'}", methods=["POST"],
        deduct_when=lambda response: bool(g.get("attempt_failed")))(view)


@bp.before_app_request
def require_second_factor():
    """A staff session without its second factor reaches nothing else."""
    if request.blueprint in ("second_factor", "media", "health") or request.endpoint in OPEN_ENDPOINTS:
        return None
    if not current_user.is_authenticated or not second_factor.needs_second_factor(current_user):
        return None
    if session.get(VERIFIED_AT):
        return None
    return redirect(url_for("second_factor.prompt", next=_back_here()))


def fresh_second_factor_required(view: Callable) -> Callable:
    """For the most sensitive actions: a code given within SECOND_FACTOR_FRESH_SECONDS, else ask again."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        given = session.get(VERIFIED_AT) or 0
        if time.time() - given > current_app.config["SECOND_FACTOR_FRESH_SECONDS"]:
            return redirect(url_for("second_factor.prompt", next=_back_here(), fresh=1))
        return view(*args, **kwargs)

    return wrapper


@bp.route("/", methods=["GET", "POST"])
@login_required
@_limit
def prompt():
    """Give the code of the authenticator app (or a recovery code)."""
    if not current_user.totp_secret:
        return redirect(url_for("second_factor.setup", next=request.args.get("next", "")))
    form = SecondFactorForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            second_factor.verify(current_user.id, form.code.data)
        except second_factor.WrongCode as error:
            g.attempt_failed = True
            form.code.errors = [str(error.message)]
        else:
            commit()
            session[VERIFIED_AT] = time.time()
            return redirect(_next(form))
    status = 401 if form.code.errors and request.method == "POST" else 200
    return render_template("account/two_factor.html", form=form, fresh=bool(request.args.get("fresh"))), status


@bp.route("/setup", methods=["GET", "POST"])
@login_required
@_limit
def setup():
    """Enrol: scan the QR code (or type the key), confirm with a code, keep the recovery codes."""
    if current_user.totp_secret:
        return redirect(url_for("second_factor.prompt", next=request.args.get("next", "")))
    secret = session.setdefault(PENDING_SECRET, second_factor.new_secret())
    form = SecondFactorForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            codes = second_factor.enrol(current_user.id, secret, form.code.data)
        except second_factor.WrongCode as error:
            g.attempt_failed = True
            form.code.errors = [str(error.message)]
        else:
            commit()
            session.pop(PENDING_SECRET, None)
            session[VERIFIED_AT] = time.time()
            return render_template("account/two_factor_codes.html", codes=codes, next_url=_next(form))
    uri = second_factor.provisioning_uri(current_user, secret)
    qr = "data:image/png;base64," + base64.b64encode(qr_png(uri, box_size=6)).decode()
    status = 401 if form.code.errors and request.method == "POST" else 200
    return render_template("account/two_factor_setup.html", form=form, qr=qr, secret=secret, uri=uri), status


def _next(form) -> str:
    return safe_next(form.next.data, default=url_for("account.index"))


def _back_here() -> str:
    """Where to return after the code: this page, or for a form sent, the page it was sent from."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    referrer = urlsplit(request.referrer or "")
    return safe_next(referrer.path + (f"?{referrer.query}" if referrer.query else ""), default=url_for("account.index"))
