"""Micro-cache of public pages for visitors who carry nothing personal, in the site's one cache.

A listing page costs a few milliseconds to query and render; the same page asked again within
PAGE_CACHE_SECONDS (setting or environment variable; 5 s by default, 0 in tests, 0 turns it off)
is served from `app.cache` (Redis when REDIS_URL is set, so every app server shares it). That
is what a caching reverse proxy would do, with two differences that keep it correct:

* only visitors with nothing personal get it: anonymous, a session holding at most the CSRF
  secret, no other cookie than the session and the language; anyone else gets a fresh render;
* the CSRF token is not frozen into the page: pages are rendered with a placeholder that is
  replaced by the visitor's own token on every response (none for a visitor without a session).

What it may show is at most PAGE_CACHE_SECONDS old on every server: a new price, stock level,
listing status or supplier suspension shows within that bound, and the cart and checkout always
read the database (an order never sells what the cached page still showed in stock).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from flask import Response, current_app, g, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from app import cache

PLACEHOLDER = "__souk_csrf_token__"
ALLOWED_COOKIES = frozenset({"lang"})
# Session keys that say nothing about the page: the CSRF secret and Flask-Login's bookkeeping.
IMPERSONAL_SESSION_KEYS = frozenset({"csrf_token", "_fresh", "_id", "_permanent"})


def cached_page(view: Callable) -> Callable:
    """Serve `view`'s 200 HTML answers from the micro-cache when the visitor allows it."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        ttl = _ttl()
        if ttl <= 0 or not _impersonal_visitor():
            return view(*args, **kwargs)
        key = "page:" + hashlib.sha256(f"{get_locale()} {request.full_path}".encode()).hexdigest()
        hit = cache.get(key)
        if hit is None:
            g.page_cache_rendering = True
            try:
                response = make_response(view(*args, **kwargs))
            finally:  # an error page rendered after this must carry a real token
                g.page_cache_rendering = False
            if response.status_code != 200 or response.mimetype != "text/html" or response.direct_passthrough:
                return response
            hit = (response.get_data(as_text=True), response.content_type)
            cache.put(key, hit, ttl)
        return Response(with_visitor_token(hit[0]), 200, content_type=hit[1])

    return wrapper


def with_visitor_token(html: str) -> str:
    """`html` with the visitor's own CSRF token where the placeholder is; no token for a visitor without
    a session, so that browsing the shop sets no cookie and signs nothing. Their forms are checked by
    the browser's origin headers (app.security.init_csrf); once they have a session, tokens are back."""
    if PLACEHOLDER not in html:
        return html
    return html.replace(PLACEHOLDER, generate_csrf() if session else "")


def _ttl() -> float:
    """PAGE_CACHE_SECONDS (config.py: 5, 0 in tests)."""
    return float(current_app.config["PAGE_CACHE_SECONDS"])


def template_context() -> dict:
    """While a cached page renders, `csrf_token()` writes the placeholder (a blueprint context processor)."""
    if g.get("page_cache_rendering"):
        return {"csrf_token": lambda: PLACEHOLDER}
    return {}


def _impersonal_visitor() -> bool:
    if request.method != "GET" or current_user.is_authenticated:
        return False
    if set(session.keys()) - IMPERSONAL_SESSION_KEYS:
        return False  # a cart, flashed messages, a login in progress ...
    session_cookie = current_app.config.get("SESSION_COOKIE_NAME", "session")
    return set(request.cookies) - {session_cookie} <= ALLOWED_COOKIES
