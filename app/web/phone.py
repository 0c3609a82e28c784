"""Accounts by mobile number: log in or open an account with a code sent by SMS, change the number.

The answers never say whether a number has an account: every number gets a code, and what
happens next (log in, or choose a name for a new account) is told only to whoever typed the code.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user

from app.accounts import phone_codes, services
from app.accounts.errors import AccountError
from app.accounts.forms import CodeForm, FirstPasswordForm, NewPhoneForm, PhoneForm, PhoneWelcomeForm
from app.accounts.models import CodePurpose, Role
from app.assist import services as assist
from app.extensions import limiter
from app.sms.jobs import send_sms
from app.validators import normalize_moroccan_mobile
from app.web.guards import login_required
from app.web.redirects import after_login
from app.web.sessions import refresh_session, start_session
from app.web.unit_of_work import commit

bp = Blueprint("phone", __name__, url_prefix="/account/phone")

PENDING = "phone_pending"  # {"phone", "next", "purpose"}: the number a code was sent to
VERIFIED = "phone_verified"  # {"phone", "at"}: a number proved by its code, with no account yet
VERIFIED_FOR = 15 * 60  # seconds to choose a name after typing the code


def _setting(name: str, default: str):
    return lambda: current_app.config.get(name) or default


def _number_key() -> str:
    raw = request.form.get("phone") or session.get(PENDING, {}).get("phone", "")
    try:
        number = normalize_moroccan_mobile(raw)
    except ValueError:
        number = raw.strip()[:24]
    # Hashed: the limiter logs its keys and keeps them in Redis; a phone number is personal data.
    return "phone:" + hashlib.sha256(number.encode()).hexdigest()[:24]


def code_sending_limits(number_key: Callable[[], str]) -> Callable:
    """Each code costs an SMS and gives 5 guesses: limited per `number_key` and per client address."""
    def decorate(view):
        # Shared scopes: sending, resending and changing a number draw on the same allowance.
        view = limiter.shared_limit(_setting("SMS_CODE_LIMIT_PER_NUMBER", "3 per 15 minutes; 10 per day"),
                                    scope="sms-code-number", key_func=number_key, methods=["POST"])(view)
        return limiter.shared_limit(_setting("SMS_CODE_LIMIT_PER_ADDRESS", "30 per hour"), scope="sms-code-address",
                                    key_func=get_remote_address, methods=["POST"])(view)
    return decorate


limit_code_sending = code_sending_limits(_number_key)


def limit_code_guessing(view):
    return limiter.limit(_setting("SMS_CODE_CHECK_LIMIT_PER_ADDRESS", "30 per 15 minutes"), methods=["POST"],
                         key_func=get_remote_address, deduct_when=lambda response: bool(g.get("attempt_failed")))(view)


def _send_code(phone: str, purpose: CodePurpose, user_id: int | None = None) -> None:
    """Issue a code, commit, then send it (the SMS leaves after the commit, in a job when Redis is set)."""
    code = phone_codes.issue(phone, purpose, user_id)
    commit()
    send_sms(phone, _("%(code)s is your Souk Solidaire code. It is valid for 5 minutes. Never give it to anyone.",
                      code=code))


def _field_error(form, error: AccountError) -> None:
    g.attempt_failed = True
    field = getattr(form, error.field or "", None) or form.code
    field.errors.append(str(error.message))


def masked(phone: str) -> str:
    """+212612345678 -> 06 •• •• •• 78: enough to recognise one's own number on a shared screen.

    Wrapped in Unicode's left-to-right isolate (LRI … PDI): inside an Arabic sentence (a flash
    message, an SMS) the groups would otherwise be laid out right to left, "78 … 06".
    """
    return f"\u20660{phone[4]} •• •• •• {phone[-2:]}\u2069"


@bp.route("/", methods=["GET", "POST"])
@limit_code_sending
def start():
    """Type a mobile number to log in or open an account; a code is sent by SMS."""
    if current_user.is_authenticated:
        return redirect(url_for("account.index"))
    form = PhoneForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        session[PENDING] = {"phone": form.phone.data, "next": form.next.data or ""}
        _send_code(form.phone.data, CodePurpose.LOGIN)
        return redirect(url_for("phone.code"))
    return render_template("account/phone_start.html", form=form), 422 if form.errors else 200


@bp.route("/code", methods=["GET", "POST"])
@limit_code_guessing
def code():
    """Type the code received by SMS: logs in, or leads a new number to choose a name."""
    pending = session.get(PENDING)
    if not pending:
        return redirect(url_for("phone.start"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            phone_codes.redeem(pending["phone"], CodePurpose.LOGIN, form.code.data)
            user = services.log_in_by_phone(pending["phone"])
        except AccountError as error:
            commit()  # the wrong guess is counted
            _field_error(form, error)
        else:
            return _proved(pending, user)
    return render_template("account/phone_code.html", form=form, number=masked(pending["phone"])), \
        422 if form.errors else 200


def _proved(pending: dict, user) -> object:
    if user is None:
        session.pop(PENDING, None)
        session[VERIFIED] = {"phone": pending["phone"], "at": int(time.time()), "next": pending["next"]}
        commit()
        return redirect(url_for("phone.welcome"))
    assist.take_over(user)  # an agent who was working for this beneficiary is logged out
    commit()
    start_session(user)
    return redirect(after_login(user, pending["next"]))


@bp.post("/code/resend")
@limit_code_sending
def resend():
    """Send a new code to the number being proved (the old one stops working)."""
    pending = session.get(PENDING)
    if not pending:
        return redirect(url_for("phone.start"))
    _send_code(pending["phone"], CodePurpose.LOGIN)
    flash(_("A new code is on its way."), "success")
    return redirect(url_for("phone.code"))


@bp.route("/welcome", methods=["GET", "POST"])
def welcome():
    """A proved number with no account yet: choose a name, and whether to sell."""
    verified = session.get(VERIFIED)
    if not verified or time.time() - verified["at"] > VERIFIED_FOR:
        session.pop(VERIFIED, None)
        return redirect(url_for("phone.start"))
    form = PhoneWelcomeForm()
    if form.validate_on_submit():
        role = Role.BENEFICIARY if form.sell.data else Role.SHOPPER
        try:
            user = services.register_phone_user(verified["phone"], form.name.data, role, str(get_locale()))
        except AccountError as error:  # the number was taken meanwhile, by another tab
            form.name.errors.append(str(error.message))
        else:
            commit()
            start_session(user)
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.name), "success")
            return redirect(after_login(user, verified["next"]))
    return render_template("account/phone_welcome.html", form=form, number=masked(verified["phone"])), \
        422 if form.errors else 200


@bp.route("/change", methods=["GET", "POST"])
@login_required
@limit_code_sending
def change():
    """Move my account to a new mobile number: a code is sent to the new one."""
    form = NewPhoneForm()
    if form.validate_on_submit():
        session[PENDING] = {"phone": form.phone.data, "next": "", "change": True}
        _send_code(form.phone.data, CodePurpose.CHANGE_PHONE, current_user.id)
        return redirect(url_for("phone.change_code"))
    return render_template("account/phone_change.html", form=form), 422 if form.errors else 200


@bp.route("/change/code", methods=["GET", "POST"])
@login_required
@limit_code_guessing
def change_code():
    """Type the code sent to the new number; the account then uses it."""
    pending = session.get(PENDING)
    if not pending or not pending.get("change"):
        return redirect(url_for("phone.change"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            phone_codes.redeem(pending["phone"], CodePurpose.CHANGE_PHONE, form.code.data, current_user.id)
            user, old = services.change_phone(current_user.id, pending["phone"])
        except AccountError as error:
            commit()
            _field_error(form, error)
        else:
            commit()
            session.pop(PENDING, None)
            if old:
                send_sms(old, _("Souk Solidaire: your account now uses another phone number. "
                                "If you did not ask for this, contact us."))
            flash(_("Your mobile number is now %(number)s.", number=masked(user.phone)), "success")
            return redirect(url_for("account.index"))
    return render_template("account/phone_code.html", form=form, number=masked(pending["phone"]),
                           action=url_for("phone.change_code")), 422 if form.errors else 200


@bp.route("/password", methods=["GET", "POST"])
@login_required
def first_password():
    """Add a password to an account opened by phone (then number and password also log in)."""
    if current_user.password_hash:
        return redirect(url_for("account.change_password"))
    form = FirstPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.set_first_password(current_user.id, form.password.data)
        except AccountError as error:
            _field_error(form, error)
        else:
            commit()
            refresh_session(user)
            flash(_("Your password is set. You can log in with it or with a code by SMS."), "success")
            return redirect(url_for("account.index"))
    return render_template("account/phone_password.html", form=form), 422 if form.errors else 200
