"""The security baseline every response shares: headers on pages, errors and media alike,
a clear page for a refused CSRF token, and the client address as seen behind our proxy.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.middleware.proxy_fix import ProxyFix

from app.extensions import limiter
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


def register_security_headers(app: Flask) -> None:
    """Install the whole baseline (kept under this name: create_app calls it)."""
    _trust_proxy(app)
    input_guard.register(app)
    limiter.request_filter(_is_a_read)
    _register_csrf_error_page(app)
    policy = content_security_policy(app)
    production = app.config["APP_ENV"] == "production"

    @app.after_request
    def set_headers(response: Response) -> Response:
        # setdefault: a view may tighten a header (e.g. Referrer-Policy: no-referrer on a token page).
        headers = response.headers
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "geolocation=(), microphone=(), camera=(self), payment=()")
        if production:
            headers.setdefault("Strict-Transport-Security", HSTS)
        if _is_private(response):
            headers.setdefault("Cache-Control", "no-store")  # kept when a view chose (the portal's service worker)
        return response


def _is_a_read() -> bool:
    """Every rate limit of the site counts POSTs (attempts, codes, sign-ups, uploads: `methods=["POST"]`,
    checked by tests/web/test_security_rate_limits.py), so reads skip the limiter's per-request work
    (≈ 0.08 ms of every page)."""
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
