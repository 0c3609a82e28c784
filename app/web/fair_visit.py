"""The fair a shopper is visiting, remembered in their session for the checkout's fair delivery methods.

The stand's QR address (/f/<fair>/<supplier>) sets no cookie: it only counts the scan and opens the
stand with `?fair=`. That stand page, while the fair is on, puts the fair's id in the session, the
signed cookie every page with a form already has for its CSRF token: no identifier of its own,
nothing about the person, gone with the session. Checkout reads it (app.orders.fair_delivery decides
what it allows). Logging in starts a new session, so a shopper who logs in scans the code again.
"""
from __future__ import annotations

from flask import session

KEY = "fair_visit"


def remember(fair_id: int) -> None:
    if session.get(KEY) != fair_id:
        session[KEY] = fair_id


def fair_id() -> int | None:
    """The fair remembered in this session, if any (whether it is still on is checked by the caller)."""
    value = session.get(KEY)
    return value if isinstance(value, int) else None
