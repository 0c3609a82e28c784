"""Product cards rendered once per content: the hot path of every listing page.

A card's HTML depends only on what `Card.key` holds (plus the language, the URL root and whether
its photo loads eagerly), and those values come fresh from the database on every request, so a
remembered fragment can never be stale: this memoises rendering, it does not cache data.
Bounded, per process, and lost on restart without harm.
"""
from __future__ import annotations

import threading

from flask import current_app, get_template_attribute, request
from markupsafe import Markup

from app.catalog.queries import Card, attach_images

MAX_FRAGMENTS = 5000
_fragments: dict[tuple, Markup] = {}
_lock = threading.Lock()


def render_cards(cards: list[Card], locale: str, eager: int = 0) -> list[Markup]:
    """The HTML of each card, in order; the first `eager` photos load eagerly (above the fold)."""
    scope = (id(current_app.jinja_env), locale, request.script_root)
    keys = [(scope, index < eager, card.key) for index, card in enumerate(cards)]
    html = [_fragments.get(key) for key in keys]
    missing = [card for card, fragment in zip(cards, html, strict=True) if fragment is None]
    if missing:
        attach_images(missing)
        macro = get_template_attribute("_macros/product_card.html", "product_card")
        for index, card in enumerate(cards):
            if html[index] is None:
                html[index] = Markup(macro(card, keys[index][1]))  # noqa: S704  (our own template's output)
                _remember(keys[index], html[index])
    return html


def _remember(key: tuple, fragment: Markup) -> None:
    with _lock:
        if len(_fragments) >= MAX_FRAGMENTS:
            _fragments.pop(next(iter(_fragments)))  # oldest first: dicts keep insertion order
        _fragments[key] = fragment
