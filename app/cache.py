"""One cache for the whole site (Flask-Caching): Redis when REDIS_URL is set, this process otherwise.

Three things live in it, each with its own bound:
- public pages for visitors with nothing personal (`app.web.pagecache`), PAGE_CACHE_SECONDS (5 s):
  a changed price, stock, listing status or supplier suspension shows on every server within
  that bound, and checkout always reads the database;
- rendered HTML (`app.web.fragments`): product cards, parts of the layout, and the catalogue and
  product pages whole, each keyed by everything it shows, read fresh on every request, and by the
  release: never stale;
- the catalogue's filter lists (`app.exhibition.choices`), REFERENCE_CACHE_SECONDS (60 s).
Without Redis the embedded default runs one gunicorn worker (gunicorn.conf.py), so one memory
is the whole site's. When Redis stops answering, the cache is skipped (a miss, logged once a
minute) and every page is rendered fresh until it is back.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from flask_caching import Cache

log = logging.getLogger(__name__)

cache = Cache()
_last_warning = 0.0


def init_cache(app: Flask) -> None:
    config = {"CACHE_KEY_PREFIX": "souk:cache:", "CACHE_DEFAULT_TIMEOUT": 300, "CACHE_THRESHOLD": 5000}
    if app.config.get("REDIS_URL"):
        config.update(CACHE_TYPE="RedisCache", CACHE_REDIS_URL=app.config["REDIS_URL"],
                      CACHE_OPTIONS={"socket_connect_timeout": 0.5, "socket_timeout": 0.5})
    else:
        config.update(CACHE_TYPE="SimpleCache")
    config.update({key: value for key, value in app.config.items() if key.startswith("CACHE_")})
    cache.init_app(app, config=config)


def remember(key: str, seconds: float, load: Callable[[], Any]) -> Any:
    """`load()`'s value, kept `seconds` (0 or less: not kept)."""
    if seconds <= 0:
        return load()
    value = get(key)
    if value is None:
        value = load()
        put(key, value, seconds)
    return value


def get(key: str) -> Any:
    return _safely(lambda: cache.get(key))


def get_many(keys: Iterable[str]) -> list[Any]:
    keys = list(keys)
    return _safely(lambda: cache.get_many(*keys)) or [None] * len(keys)


def put(key: str, value: Any, seconds: float) -> None:
    _safely(lambda: cache.set(key, value, timeout=max(1, round(seconds))))


def put_many(values: dict[str, Any], seconds: float) -> None:
    _safely(lambda: cache.set_many(values, timeout=max(1, round(seconds))))


def clear() -> None:
    _safely(cache.clear)


def _safely(step: Callable[[], Any]) -> Any:
    """The cache is an optimisation: a failing Redis makes a miss, never an error page."""
    global _last_warning
    from redis.exceptions import RedisError

    try:
        return step()
    except RedisError as error:
        if time.monotonic() - _last_warning > 60:
            _last_warning = time.monotonic()
            log.warning("cache unreachable (%s): rendering without it", type(error).__name__)
        return None
