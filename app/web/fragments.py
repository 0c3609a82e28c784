"""Product cards rendered once per content: the hot path of every listing page.

A card's HTML depends only on what `Card.key` holds (plus the language, the URL root and whether
its photo loads eagerly), and those values come fresh from the database on every request, so a
remembered fragment can never be stale: this memoises rendering, it does not cache data. The
fragments live in the site's one cache (`app.cache`), fetched in one round trip per page.
"""
from __future__ import annotations

import hashlib

from flask import get_template_attribute, request
from markupsafe import Markup

from app import cache
from app.catalog.queries import Card, attach_images

FRAGMENT_SECONDS = 3600  # only to free room: a key names its content, so a fragment is never stale


def render_cards(cards: list[Card], locale: str, eager: int = 0) -> list[Markup]:
    """The HTML of each card, in order; the first `eager` photos load eagerly (above the fold)."""
    keys = [_key(locale, index < eager, card) for index, card in enumerate(cards)]
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


def _key(locale: str, eager: bool, card: Card) -> str:
    content = repr((locale, request.script_root, eager, card.key))
    return "card:" + hashlib.sha256(content.encode()).hexdigest()
