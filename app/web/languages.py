"""Each language at its own address: the default one unprefixed, the others under `/<code>/`.

A WSGI middleware moves a leading `/ar` or `/en` from PATH_INFO to SCRIPT_NAME, so every route
answers under every prefix without being declared three times, and `url_for` keeps the visitor in
the page's language by itself (it builds under the script root). `Souk.url_for` adds two things:
`_language="ar"` builds the same URL in another language (alternates, the switcher, e-mails, QR
codes, the sitemap), and files that do not depend on the language (static, media, API...) are
always built unprefixed so the browser caches them once.

The cost per request is a string comparison in the middleware and, on unprefixed pages only, a
cookie lookup in `redirect_to_saved_language`.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from urllib.parse import urlencode

from flask import Flask, Response, current_app, has_request_context, redirect, request

from app.i18n import LANGUAGE_KEY, LOCALE_COOKIE, PAGE_BLUEPRINTS
from app.web.links import SiteApp

# Files of page blueprints that a browser fetches by itself and must not see redirected (a service
# worker's script never may be); they are served under every prefix, each copy for its own scope.
NOT_REDIRECTED = frozenset({"supplier.service_worker", "supplier.manifest", "shop.fair_qr_png"})
CANONICAL_ARGS = frozenset({"page", "category", "hall", "city", "group"})
# Relative links remembered by `Souk.url_for` (forgotten all at once beyond that: arguments such as
# `next=` take many values).
LINKS_REMEMBERED = 4096
# Endpoints whose answer is the same in every language: built without a prefix.
NEUTRAL_ENDPOINTS = ("static", "media.", "api.", "webhooks.", "health.", "discovery.")


class LanguagePrefix:
    """WSGI middleware: `/ar/products` is `/products` served in Arabic under the script root `/ar`."""

    def __init__(self, wsgi_app, languages: tuple[str, ...], default: str) -> None:
        self.wsgi_app = wsgi_app
        self.prefixed = frozenset(code for code in languages if code != default)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        code = path[1:3]
        if code in self.prefixed and path[3:4] in ("/", ""):
            environ[LANGUAGE_KEY] = code
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + path[:3]
            environ["PATH_INFO"] = path[3:] or "/"
        return self.wsgi_app(environ, start_response)


class Souk(SiteApp):
    """Flask whose `url_for` knows the language prefixes (and SiteApp's configured origin)."""

    def ensure_sync(self, func: Callable) -> Callable:
        """Flask's answer, remembered per function: Flask asks it of every hook and view on every request
        (some twenty `inspect` calls a page), and a function does not become a coroutine later."""
        try:
            return self._sync[func]
        except KeyError:
            sync = self._sync[func] = super().ensure_sync(func)
            return sync

    @cached_property
    def _sync(self) -> dict[Callable, Callable]:
        return {}

    def url_for(self, endpoint: str, /, *, _language: str | None = None, **values) -> str:
        """`url_for`, in the page's language, or in `_language`; language-neutral files unprefixed.

        A page builds some twenty links, most of them the same on every page (the header's, the
        footer's): a relative link depends only on its arguments, the script root and the page's
        language, so it is built once and remembered (≈ 20 µs each otherwise); absolute ones are not.
        """
        if values.get("_external") or not has_request_context():
            return self._build(endpoint, _language, values)
        blueprint = request.blueprint if endpoint.startswith(".") else None
        try:
            # The type too: 1, 1.0 and True are equal keys but build different links.
            key = (request.script_root, request.environ.get(LANGUAGE_KEY), blueprint, endpoint, _language,
                   *((name, value.__class__, value) for name, value in sorted(values.items())))
            return self._links[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable argument (a list of values): built every time
            return self._build(endpoint, _language, values)
        if len(self._links) >= LINKS_REMEMBERED:
            self._links.clear()
        url = self._links[key] = self._build(endpoint, _language, values)
        return url

    @cached_property
    def _links(self) -> dict[tuple, str]:
        return {}

    def _build(self, endpoint: str, _language: str | None, values: dict) -> str:
        url = super().url_for(endpoint, **values)
        current = request.environ.get(LANGUAGE_KEY) if has_request_context() else None
        target = self.config["BABEL_DEFAULT_LOCALE"] if endpoint.startswith(NEUTRAL_ENDPOINTS) else _language
        if target is None or target == (current or self.config["BABEL_DEFAULT_LOCALE"]):
            return url
        return switch_language(url, current, target)


def switch_language(url: str, current: str | None, target: str) -> str:
    """`url` (relative or absolute) moved from the language `current` (None: the default) to `target`."""
    start = 0 if url.startswith("/") else url.find("/", url.find("//") + 2)  # where the path begins
    start = len(url) if start < 0 else start
    base = base_root()
    old = base + (f"/{current}" if current else "")
    new = base + ("" if target == current_app.config["BABEL_DEFAULT_LOCALE"] else f"/{target}")
    path = url[start:]
    if path.startswith(old):
        path = new + path[len(old):]
    return url[:start] + (path or "/")


def base_root() -> str:
    """The application's own mount point, without the language prefix."""
    if not has_request_context():
        return current_app.config.get("APPLICATION_ROOT", "/").rstrip("/")
    root = request.script_root
    language = request.environ.get(LANGUAGE_KEY)
    return root[: -len(language) - 1] if language else root


def url_language() -> str | None:
    """The language the URL asks for (None when unprefixed)."""
    return request.environ.get(LANGUAGE_KEY)


def is_page() -> bool:
    return request.blueprint in PAGE_BLUEPRINTS


def path_in(language: str, path: str) -> str:
    """A path of this site (with or without a language prefix) in `language`, for redirects."""
    code = path[1:3]
    if code in current_app.config["LANGUAGES"] and path[3:4] in ("/", "?", ""):
        path = path[3:] or "/"
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    return base_root() + ("" if language == default else f"/{language}") + path


def redirect_to_saved_language() -> Response | None:
    """A GET of an unprefixed page goes to the visitor's language when they clearly want another one.

    Clearly wanted means: they chose it with the switcher (or in their account: logging in sets
    the same cookie), or, on the home page only and with no choice made, their browser asks for it.
    Any other unprefixed address is the default language's page (what search engines and shared
    links point at). Only the cookie is read, not the account, so this costs no user lookup.
    """
    if url_language() or request.method != "GET" or not is_page() or request.endpoint in NOT_REDIRECTED:
        return None
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    wanted = request.cookies.get(LOCALE_COOKIE)
    if wanted not in current_app.config["LANGUAGES"]:
        wanted = None
    if wanted is None and request.path == "/" and request.accept_languages:
        wanted = request.accept_languages.best_match(current_app.config["LANGUAGES"])
    if wanted is None or wanted == default:
        return None
    target = path_in(wanted, request.full_path if request.query_string else request.path)
    response = redirect(target, code=302)
    vary_on_language(response)
    return response


def vary_on_language(response: Response) -> Response:
    """Unprefixed pages depend on the saved choice (and the home page on the browser's language)."""
    if has_request_context() and not url_language() and is_page() and request.method == "GET":
        names = ("Cookie", "Accept-Language") if request.path == "/" else ("Cookie",)
        if response.headers.getlist("Vary"):
            response.vary.update(names)
        else:  # the usual case, without parsing and rewriting a header that is not there (≈ 10 µs)
            response.headers.add("Vary", ", ".join(names))
    return response


def remember_language(response: Response, language: str) -> Response:
    """The saved choice: a cookie for a year, read by `redirect_to_saved_language`."""
    response.set_cookie(LOCALE_COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def page_addresses() -> dict[str, str]:
    """The current page's absolute address in each language, plus `x-default`, without tracking arguments.

    Only the arguments that make a distinct page worth indexing are kept (a catalogue page, a
    category); search words, sorting and price ranges are the same page for a search engine.
    """
    query = sorted((key, value) for key, value in request.args.items(multi=True) if key in CANONICAL_ARGS)
    path = request.path + (f"?{urlencode(query)}" if query else "")
    host = (current_app.config.get("SITE_URL") or request.host_url).rstrip("/")  # never a forged Host header
    addresses = {code: host + path_in(code, path) for code in current_app.config["LANGUAGES"]}
    addresses["x-default"] = addresses[current_app.config["BABEL_DEFAULT_LOCALE"]]
    return addresses


def register(app: Flask) -> None:
    app.wsgi_app = LanguagePrefix(app.wsgi_app, app.config["LANGUAGES"], app.config["BABEL_DEFAULT_LOCALE"])
    app.before_request(redirect_to_saved_language)
    app.after_request(vary_on_language)
