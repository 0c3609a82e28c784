"""The logged-in session: started, rotated and ended here, and checked on every request.

The session (and the remember-me cookie) carry "user id:session version". Bumping the
user's session version (logout, password change, deactivation) makes every copy of
every cookie worthless at once, on every app server, with no server-side session store.
"""
from __future__ import annotations

from functools import cached_property

from flask import Flask, Request, current_app, flash, redirect, request, session
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_babel import lazy_gettext as _l
from flask_login import login_url, login_user, logout_user
from flask_login.config import COOKIE_NAME
from itsdangerous import URLSafeTimedSerializer
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.sansio.http import parse_cookie

from app.accounts.models import User
from app.errors import error_response, wants_json
from app.extensions import db, login_manager
from app.numbers import object_id, whole_number


class CookieRequest(Request):
    """A request whose cookies are read from the one value the WSGI server hands over.

    Werkzeug gathers the `Cookie` headers by walking every header of the request (the whole WSGI
    environ), on every request that reads a cookie (the session's, at least); a WSGI server has
    already joined them into HTTP_COOKIE.
    """

    @cached_property
    def cookies(self) -> ImmutableMultiDict[str, str]:
        return parse_cookie(self.environ.get("HTTP_COOKIE", ""), cls=self.dict_storage_class)


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, without the work a request that carries none does not need.

    Flask builds its signing serializer (which even serialises a test value to learn its kind) on
    every request before it looks for the cookie, and again to sign one; most requests (first
    visits, probes, files) carry no cookie. Here those get an empty session at once, and the
    serializer is built once per secret.
    """

    def __init__(self) -> None:
        self._signing: tuple[tuple, URLSafeTimedSerializer | None] | None = None

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if self._signing is None or self._signing[0] != keys:
            self._signing = (keys, super().get_signing_serializer(app))
        return self._signing[1]


def init_login(app: Flask) -> None:
    """Cookies and sessions, and Flask-Login bound to the app: who is logged in, and what an anonymous
    visitor is told."""
    app.request_class = CookieRequest
    app.session_interface = CookieSessions()
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.unauthorized_handler(unauthorized)
    login_manager.login_view = "account.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "warning"


def unauthorized():
    """Pages send the visitor to the login form (and back); scripts and API clients get a 401 they can read."""
    if wants_json(request):
        return error_response(401, str(login_manager.login_message))
    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(login_url(login_manager.login_view, next_url=request.url))


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: refuses a session whose version the user has since bumped."""
    raw_id, _, raw_version = session_id.partition(":")
    user_id, version = object_id(raw_id), whole_number(raw_version)
    if user_id is None or version is None:
        return None
    user = db.session.get(User, user_id)
    if user is None or user.session_version != version or not user.active:
        return None
    return user


def start_session(user: User, remember: bool = False) -> None:
    """Log `user` in on a brand-new session, so nothing set before login survives into it."""
    session.clear()
    login_user(user, remember=remember)


def refresh_session(user: User) -> None:
    """After the user's own session version changed (password change): keep this browser logged in."""
    had_remember = request.cookies.get(_remember_cookie_name()) is not None
    start_session(user, remember=had_remember)


def end_session() -> None:
    """Log out this browser and forget everything in its session."""
    logout_user()
    remember_flag = session.get("_remember")
    session.clear()
    if remember_flag:  # keeps Flask-Login's instruction to delete the remember cookie
        session["_remember"] = remember_flag


def _remember_cookie_name() -> str:
    return current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME)
