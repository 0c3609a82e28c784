"""The security baseline every response shares: headers on pages, errors and media alike,
a clear page for a refused CSRF token, and the client address as seen behind our proxy.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from urllib.parse import urlsplit

from flask import Flask, Response, request, session
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.middleware.proxy_fix import ProxyFix

from app.extensions import csrf, limiter
from app.web import input_guard

HSTS = "max-age=63072000; includeSubDomains"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Areas whose every answer is one person's or staff's business (their error pages too).
PRIVATE_BLUEPRINTS = frozenset({"account", "phone", "assist", "second_factor", "cart", "checkout", "supplier", "admin"})


def content_security_policy(app: Flask) -> str:
    """Strict CSP: our own scripts and styles only, no inline code, no framing."""
    form_targets = " ".join(["'self'", *app.config.get("CSP_FORM_ACTION_EXTRA", ())])
    images = " ".join(["'self'", "data:", *_origin(app.config.get("MEDIA_URL"))])
    return (
        f"default-src 'self'; img-src {images}; style-src 'self'; script-src 'self'; "
        f"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action {form_targets}; "
        "frame-ancestors 'none'"
    )


def _origin(url: str | None) -> list[str]:
    """The origin photos come from when MEDIA_URL is a bucket or a CDN (`https://cdn.example`)."""
    parts = urlsplit(url or "")
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


def init_csrf(app: Flask) -> None:
    """Flask-WTF's CSRF check on every request that can change something.

    Its own hook (WTF_CSRF_CHECK_DEFAULT, off in config.py) looks up the view's exemptions on
    every request before it looks at the method: this one looks at the method first, so a read
    (which it never refuses) costs nothing. Registered where Flask-WTF registers its own, so the
    check keeps its place among the hooks.

    A form sent without a token (the public pages' forms carry none for a visitor without a session,
    see `app.web.pagecache.with_visitor_token`) is checked by what the browser says of the page that
    sent it instead (`came_from_our_site`). That form may have been rendered before the session got a
    secret (another tab gave it one while the page was open), so an empty token is judged by the
    headers whatever the session holds. A token that was sent to a session holding a secret must be
    right, whatever the headers say; without a secret there is nothing to check it against, and the
    headers decide.
    """
    csrf.init_app(app)

    @app.before_request
    def check_csrf_token() -> None:
        if request.method in app.config["WTF_CSRF_METHODS"] and app.config["WTF_CSRF_ENABLED"]:
            field = app.config["WTF_CSRF_FIELD_NAME"]
            never_given = field not in session or request.form.get(field) == ""
            if never_given and came_from_our_site(app):
                return
            csrf.protect(apply_exemptions=True)


def came_from_our_site(app: Flask) -> bool:
    """Whether the browser says this request was sent by a page of this site (OWASP's defence by standard
    headers, as Django's Origin check and Go's CrossOriginProtection): `Sec-Fetch-Site: same-origin`
    when the browser sends it, otherwise an `Origin` that is ours. No page can set either header; a
    request with neither (an old browser, a script) is not taken as ours."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    return origin is not None and origin == (app.config.get("SITE_URL") or request.host_url).rstrip("/")


def init_limiter(app: Flask) -> None:
    """Flask-Limiter, whose per-request hooks run on writes only.

    Every rate limit of the site counts POSTs (attempts, codes, sign-ups, uploads: `methods=["POST"]`,
    checked by tests/web/test_security_rate_limits.py), so on a read the limiter has nothing to count
    or report: its request filter exempts reads from the limits a view declares, and its own hooks
    (≈ 0.04 ms of every page) are not run at all.
    """
    limiter.init_app(app)
    limiter.request_filter(_is_a_read)
    for hooks in (app.before_request_funcs[None], app.after_request_funcs[None], app.teardown_request_funcs[None]):
        hooks[:] = [_skipped_on_reads(hook) if _installed_by(hook, limiter) else hook for hook in hooks]


def _installed_by(hook: Callable, extension: object) -> bool:
    """A hook the extension registered: one of its bound methods, or a partial bound to it."""
    return getattr(hook, "__self__", None) is extension or (isinstance(hook, partial) and extension in hook.args)


def _skipped_on_reads(hook: Callable) -> Callable:
    """`hook` on writes; on reads an after-request hook hands the response on untouched (and a teardown
    hook's return value is ignored)."""

    @wraps(hook)
    def on_writes(*args):
        if request.method in SAFE_METHODS:
            return args[0] if args else None
        return hook(*args)

    return on_writes


def register_security_headers(app: Flask) -> None:
    """Install the whole baseline (kept under this name: create_app calls it)."""
    _trust_proxy(app)
    input_guard.register(app)
    _register_csrf_error_page(app)
    baseline = _baseline_headers(app)

    @app.after_request
    def set_headers(response: Response) -> Response:
        # Only where missing: a view may tighten a header (e.g. Referrer-Policy: no-referrer on a token page).
        headers = response.headers
        present = {name.lower() for name, _ in headers}
        for key, name, value in baseline:
            if key not in present:
                headers.add(name, value)
        if _is_private(response) and "cache-control" not in present:
            headers.add("Cache-Control", "no-store")  # kept when a view chose (the portal's service worker)
        return response


def _baseline_headers(app: Flask) -> list[tuple[str, str, str]]:
    """(lower-case name, name, value) of the headers every response carries, fixed for the app's life."""
    headers = [
        ("Content-Security-Policy", content_security_policy(app)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "geolocation=(), microphone=(), camera=(self), payment=()"),
    ]
    if app.config["APP_ENV"] == "production":
        headers.append(("Strict-Transport-Security", HSTS))
    return [(name.lower(), name, value) for name, value in headers]


def _is_a_read() -> bool:
    """Reads are exempt from every limit (see `init_limiter`)."""
    return request.method in SAFE_METHODS


def _is_private(response: Response) -> bool:
    """Personal or staff pages, and any page rendered for a logged-in visitor (its header names them),
    must never stay in a shared or back-button cache."""
    if request.blueprint in PRIVATE_BLUEPRINTS:
        return True
    return response.mimetype == "text/html" and current_user.is_authenticated


def _register_csrf_error_page(app: Flask) -> None:
    from app.errors import error_response

    @app.errorhandler(CSRFError)
    def csrf_refused(error: CSRFError):
        return error_response(400, _("This form has expired or was not sent from our site. "
                                     "Please reload the page and try again."))


def _trust_proxy(app: Flask) -> None:
    """Behind N reverse proxies (TRUSTED_PROXIES=N), read the client address and scheme they forward.

    Rate limits are per client address: without this every visitor would share the proxy's.
    Never set it when the app is reachable directly, or clients could forge X-Forwarded-For.
    """
    hops = int(app.config["TRUSTED_PROXIES"])
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
