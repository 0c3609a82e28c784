"""HTML rendered once per content: product cards and the larger parts of public pages.

A fragment's HTML depends only on the content its key names (plus the URL root), and the caller
reads that content fresh from the database on every request, so a remembered fragment can never
be stale: this memoises rendering, it does not cache data. Fragments live in the site's one cache
(`app.cache`). A fragment holding a form is rendered with the CSRF placeholder of
`app.web.pagecache`, replaced by the visitor's own token each time it is used (`with_visitor_token`).
"""
from __future__ import annotations

import hashlib
import pickle
import re
from collections.abc import Callable
from pathlib import Path

from flask import Flask, current_app, g, get_template_attribute, request, session
from markupsafe import Markup

from app import cache
from app.catalog.queries import Card, attach_images
from app.web.cart import cart_count
from app.web.guards import current_user_id
from app.web.pagecache import with_visitor_token
from config import BASE_DIR

LAYOUT = "base.html"
FRAGMENT_SECONDS = 3600  # only to free room: a key names its content, so a fragment is never stale
SECRET_SETTING = re.compile("SECRET|KEY|PASSWORD|TOKEN|DATABASE_URI|REDIS_URL")  # kept out of the release digest


def render_cards(cards: list[Card], locale: str, eager: int = 0) -> list[Markup]:
    """The HTML of each card, in order; the first `eager` photos load eagerly (above the fold)."""
    keys = [_key("card", (locale, index < eager, card.key)) for index, card in enumerate(cards)]
    html = cache.get_many(keys)
    missing = [card for card, fragment in zip(cards, html, strict=True) if fragment is None]
    if missing:
        attach_images(missing)
        macro = get_template_attribute("_macros/product_card.html", "product_card")
        fresh = {}
        for index, card in enumerate(cards):
            if html[index] is None:
                html[index] = fresh[keys[index]] = Markup(macro(card, index < eager))  # noqa: S704  (our template)
        cache.put_many(fresh, FRAGMENT_SECONDS)
    return [Markup(fragment) for fragment in html]  # noqa: S704  (rendered by our own template)


def remembered(kind: str, content: object, render: Callable[[], str]) -> Markup:
    """`render()`'s HTML, rendered once per `content`.

    `content` must be plain values (pickled, then hashed, it is the key) holding everything the HTML
    shows, read fresh by the caller; `kind` names the template, so two templates never share a key.
    """
    key = _key(kind, content)
    html = cache.get(key)
    if html is None:
        rendering = g.get("page_cache_rendering", False)
        g.page_cache_rendering = True  # forms get the placeholder, not this visitor's token
        try:
            html = str(render())
        finally:
            g.page_cache_rendering = rendering
        cache.put(key, html, FRAGMENT_SECONDS)
    if not g.get("page_cache_rendering"):
        html = with_visitor_token(html)
    return Markup(html)  # noqa: S704  (rendered by our own template)


def layout_block(page: str, block: str, **context: object) -> str:
    """The layout's `block` rendered alone, as the template `page` fills the blocks it reads (a page's
    head reads its title and description): that part of the page, for `remembered`."""
    current_app.update_template_context(context)
    jinja = current_app.jinja_env
    filled = jinja.get_template(page).new_context(context)  # holds `page`'s blocks
    return "".join(jinja.get_template(LAYOUT).blocks[block](filled))


def remembered_page(template: str, language: str, content: object, render: Callable[[], str]) -> str:
    """A whole public page rendered once per what it shows: `content`, read fresh by the caller, for
    the page's own part; the address, the language and the visitor's own part of the layout for the rest.

    The layout shows of the visitor whether they are logged in and the count of their cart, which the
    key holds (as the account's id); a page with a flashed message or an assistance banner is rendered
    afresh. The CSRF token is the visitor's own, as in every fragment.
    """
    if session.get("_flashes") or g.get("assistance"):
        return render()
    visitor = (current_user_id(), cart_count())
    return remembered("page:" + template, (language, request.full_path, visitor, content), render)


def _key(kind: str, content: object) -> str:
    """Pickled rather than `repr`: a catalogue page's content (24 cards) pickles in a third of the time.
    Pickling writes every value faithfully, so different content never gives the same key (equal content
    may, rarely, give another one: a miss, rendered afresh)."""
    content = (_release(current_app), request.script_root, content)
    return f"{kind}:" + hashlib.sha256(pickle.dumps(content, protocol=5)).hexdigest()


def _release(app: Flask) -> str:
    """A digest of what renders HTML (code, templates, translations, built assets, settings such as
    SITE_URL or MEDIA_URL), read once per app: the shared cache outlives a deployment or a restart with
    new settings, and neither must serve the last one's HTML."""
    digest = app.extensions.get("fragments_release")
    if digest is None:
        sources = sorted([*(BASE_DIR / "app").rglob("*.py"), *Path(app.template_folder).rglob("*.html"),
                          *(BASE_DIR / "translations").rglob("*.mo"), *Path(app.static_folder).glob("dist/*.json")])
        hashed = hashlib.sha256()
        for source in sources:
            hashed.update(source.read_bytes())
        settings = sorted((name, repr(sorted(value) if isinstance(value, set | frozenset) else value))
                          for name, value in app.config.items() if not SECRET_SETTING.search(name))
        hashed.update(repr(settings).encode())
        digest = app.extensions["fragments_release"] = hashed.hexdigest()[:16]
    return digest


def fragment(kind: str, *content: object, caller: Callable[..., str]) -> Markup:
    """`remembered` for a part of a template: `{% call(locale) fragment("base.html:footer", current_locale) %}`.

    The call's body receives `content` as its arguments and must show nothing else (apart from
    what the language and the URL root decide): a visitor's token or the page's address stay outside.
    """
    return remembered(kind, content, lambda: caller(*content))
