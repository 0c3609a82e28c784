"""Registration, login, logout, password reset, password and e-mail changes, the account page."""
from __future__ import annotations

import hashlib

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user

from app.accounts import services
from app.accounts.errors import AccountError, InvalidResetToken
from app.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from app.accounts.models import Role
from app.accounts.policy import Permission, can
from app.accounts.tokens import user_for_reset_token
from app.extensions import limiter
from app.mail import send_email
from app.validators import normalize_email
from app.web import labels
from app.web.guards import current_supplier, login_required
from app.web.languages import remember_language
from app.web.redirects import after_login
from app.web.sessions import end_session, refresh_session, start_session
from app.web.unit_of_work import commit

bp = Blueprint("account", __name__, url_prefix="/account")

# Links on the account page, by what the user may do (None: every account).
ROLE_LINKS = (
    (None, "checkout.history", _l("My orders")),
    (Permission.SELL, "supplier.index", _l("My stand and products")),
    (Permission.MANAGE_GROUP, "admin.group_manage", _l("My groupement")),
    (Permission.MODERATE, "admin.index", _l("Moderation and administration")),
    (Permission.READ_REPORTS, "admin.solidarity_report", _l("Solidarity report")),
    (Permission.ORGANISE_FAIRS, "admin.fairs_list", _l("Fairs: stands, numbers and reports")),
    (Permission.ASSIST, "assist.start", _l("Help a beneficiary open a stand")),
)


# -- rate limits: per account (the e-mail typed) and per address -----------------------------------

def _setting(name: str):
    """A limit read at request time from the settings (declared in config.py), so tests may change it."""
    return lambda: current_app.config[name]


def _account_key() -> str:
    raw = request.form.get("email", "")
    try:
        address = normalize_email(raw)
    except ValueError:
        address = raw.strip().lower()[:254]
    # Hashed: the limiter logs its keys and stores them in Redis; an address is personal data.
    return "account:" + hashlib.sha256(address.encode()).hexdigest()[:24]


def _user_key() -> str:
    return f"user:{current_user.get_id() or '-'}"


def _failed(response) -> bool:
    """Only failed attempts count: a shopper who logs in often is never locked out."""
    return bool(g.get("attempt_failed"))


def _limit_login(view):
    view = limiter.limit(_setting("LOGIN_LIMIT_PER_ACCOUNT"), key_func=_account_key,
                         methods=["POST"], deduct_when=_failed)(view)
    return limiter.limit(_setting("LOGIN_LIMIT_PER_ADDRESS"),
                         key_func=get_remote_address, methods=["POST"], deduct_when=_failed)(view)


def _limit_reset(view):
    view = limiter.limit(_setting("RESET_LIMIT_PER_ACCOUNT"), key_func=_account_key,
                         methods=["POST"])(view)
    return limiter.limit(_setting("RESET_LIMIT_PER_ADDRESS"), key_func=get_remote_address,
                         methods=["POST"])(view)


def _limit_reauth(view):
    return limiter.limit(_setting("REAUTH_LIMIT_PER_USER"), key_func=_user_key,
                         methods=["POST"], deduct_when=_failed)(view)


def _form_error(form, error: AccountError) -> None:
    g.attempt_failed = True
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error.message)]
    else:
        form.form_errors.append(str(error.message))


def _next_url(form, user) -> str:
    return after_login(user, form.next.data or request.args.get("next"))


# -- views ------------------------------------------------------------------------------------------

@bp.get("/")
@login_required
def index():
    """The account page: who I am, what I may reach, my settings."""
    supplier = current_supplier() if current_user.role == Role.BENEFICIARY else None
    return render_template("account/index.html", links=_role_links(), supplier=supplier,
                           role_name=labels.label(current_user.role))


def _role_links() -> list[tuple[str, str]]:
    return [(endpoint, label) for permission, endpoint, label in ROLE_LINKS
            if permission is None or can(current_user, permission)]


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_setting("REGISTER_LIMIT_PER_ADDRESS"), key_func=get_remote_address, methods=["POST"])
def register():
    """Create an account: a shopper, or a beneficiary who wants to sell."""
    if current_user.is_authenticated:
        return redirect(url_for("account.index"))
    form = RegisterForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        role = Role.BENEFICIARY if form.sell.data else Role.SHOPPER
        try:
            user = services.register_user(form.email.data, form.password.data, form.name.data, role)
        except AccountError as error:
            _form_error(form, error)
        else:
            commit()
            start_session(user)
            send_email(user.email, _("Welcome to Souk Solidaire"), "account_welcome", user=user)
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.name), "success")
            return redirect(_next_url(form, user))
    return render_template("account/register.html", form=form), 422 if form.errors or form.form_errors else 200


@bp.route("/login", methods=["GET", "POST"])
@_limit_login
def login():
    """Log in with e-mail and password; the session is rotated."""
    if current_user.is_authenticated:
        return redirect(after_login(current_user, request.args.get("next")))
    form = LoginForm(next=request.args.get("next", ""))
    status = 200
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except AccountError as error:
            _form_error(form, error)
            status = error.status
        else:
            start_session(user, remember=form.remember.data)
            commit()
            response = redirect(_next_url(form, user))
            return remember_language(response, user.locale) if user.locale else response
    if status == 200 and form.errors:
        status = 422
    return render_template("account/login.html", form=form), status


@bp.post("/logout")
def logout():
    """Log out everywhere: every copy of this user's session cookies stops working."""
    if current_user.is_authenticated:
        services.end_all_sessions(current_user.id)
        commit()
    end_session()
    flash(_("You are logged out."), "success")
    response = redirect(url_for("shop.home"))
    # A shared phone keeps nothing of the portal: its offline pages and queued photos go too.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.route("/reset", methods=["GET", "POST"])
@_limit_reset
def reset_request():
    """Ask for a password-reset link by e-mail (the answer never says whether the address is known)."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        found = services.reset_token_for(form.email.data)
        if found:
            user, token = found
            link = url_for("account.reset_password", token=token, _external=True)
            send_email(user.email, _("Reset your Souk Solidaire password"), "account_reset", user=user, link=link)
        flash(_("If an account exists for this address, we have sent it a link to choose a new password. "
                "The link works once, for one hour."), "success")
        return redirect(url_for("account.login"))
    return render_template("account/reset_request.html", form=form), 422 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_setting("RESET_LIMIT_PER_ADDRESS"), key_func=get_remote_address, methods=["POST"])
def reset_password(token: str):
    """Choose a new password with the link from the e-mail."""
    if user_for_reset_token(token) is None:
        return _no_referrer(render_template("account/reset_invalid.html", message=InvalidResetToken().message), 400)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.reset_password(token, form.password.data)
        except AccountError as error:
            _form_error(form, error)
        else:
            commit()
            if current_user.is_authenticated:
                end_session()
            send_email(user.email, _("Your Souk Solidaire password was changed"), "account_password_changed",
                       user=user)
            flash(_("Your password has been changed. You can log in with it now."), "success")
            return redirect(url_for("account.login"))
    return _no_referrer(render_template("account/reset_password.html", form=form), 422 if form.errors else 200)


def _no_referrer(body: str, status: int):
    # The token is in this page's URL: never send it to anyone in a Referer header.
    return body, status, {"Referrer-Policy": "no-referrer"}


@bp.route("/password", methods=["GET", "POST"])
@login_required
@_limit_reauth
def change_password():
    """Change my password; every other session of mine ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = services.change_password(current_user.id, form.current_password.data, form.password.data)
        except AccountError as error:
            _form_error(form, error)
        else:
            commit()
            refresh_session(user)
            send_email(user.email, _("Your Souk Solidaire password was changed"), "account_password_changed",
                       user=user)
            flash(_("Your password has been changed. Your other devices have been logged out."), "success")
            return redirect(url_for("account.index"))
    return render_template("account/change_password.html", form=form), 422 if form.errors else 200


@bp.route("/email", methods=["GET", "POST"])
@login_required
@_limit_reauth
def change_email():
    """Change my e-mail address (my password is asked again)."""
    form = ChangeEmailForm()
    if form.validate_on_submit():
        try:
            user, old = services.change_email(current_user.id, form.password.data, form.email.data)
        except AccountError as error:
            _form_error(form, error)
        else:
            commit()
            context = {"user": user, "old_email": old, "new_email": user.email}
            send_email(old, _("Your Souk Solidaire e-mail address was changed"), "account_email_changed", **context)
            send_email(user.email, _("Your Souk Solidaire e-mail address was changed"), "account_email_changed",
                       **context)
            flash(_("Your e-mail address is now %(email)s.", email=user.email), "success")
            return redirect(url_for("account.index"))
    return render_template("account/change_email.html", form=form), 422 if form.errors else 200
