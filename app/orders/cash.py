"""Cash on delivery's guards: blocked numbers, daily limits, and whether a new number must confirm.

A cash order costs the suppliers a parcel and a courier before anyone has paid; orders refused at
the door are the main loss of cash-on-delivery shops. So, before a cash order is placed (or a card
order switched to cash): a number staff blocked is refused (card stays possible); more than the
configured number of cash orders in 24 hours per phone number, per delivery address or per client
address is refused; and a number never delivered to must prove itself with an SMS code first.

Delivery and client addresses are counted through keyed hashes (HMAC-SHA256 under SECRET_KEY,
with a purpose prefix): the order keeps no client IP, and the hash of an address says nothing
without the key. Rotating SECRET_KEY only restarts the day's counts.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, or_, select

from app.errors import DomainError, Forbidden
from app.extensions import db
from app.numbers import western_digits
from app.orders.models import BlockedPhone, Order, PaymentMethod

WINDOW = timedelta(hours=24)


class CashLimitReached(DomainError):
    """Too many cash orders today for this number, address or connection: 429, card stays possible."""

    status = 429


class CashBlocked(Forbidden):
    """Staff blocked cash on delivery for this number."""


LIMIT_MESSAGES = {
    "phone": _l("This phone number has reached today's limit of cash-on-delivery orders. You can pay by card, "
                "or order again tomorrow."),
    "address": _l("This delivery address has reached today's limit of cash-on-delivery orders. You can pay by "
                  "card, or order again tomorrow."),
    "client": _l("Too many cash-on-delivery orders were placed from this connection today. You can pay by card, "
                 "or order again tomorrow."),
}


def _keyed(purpose: str, value: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def address_key(city: str, address: str) -> str | None:
    """One fingerprint for the ways one address is typed: case, accents, punctuation, spacing and
    Arabic-keyboard digits do not matter ("12, Rue des Oudayas" = "12 rue des oudayas")."""
    text = western_digits(f"{city} {address}")
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    words = re.findall(r"\w+", text.casefold())
    return _keyed("cod-address", " ".join(words)) if words else None


def client_key(remote_address: str | None) -> str | None:
    """The client address as a keyed hash (None when unknown, e.g. an order placed by a command)."""
    return _keyed("cod-client", remote_address) if remote_address else None


@dataclass(frozen=True)
class CashKeys:
    """What a cash order is counted by."""

    phone: str
    address: str | None
    client: str | None


def check_not_blocked(phone: str) -> None:
    if db.session.scalar(select(exists().where(BlockedPhone.phone == phone))):
        raise CashBlocked(_l("Cash on delivery is not available for this phone number. You can pay by card."))


def counts_today(keys: CashKeys, now: datetime, exclude_order_id: int | None = None) -> dict[str, int]:
    """Cash orders of the last 24 hours per phone, per address and per client: one COUNT query.

    Every cash order counts, cancelled ones too: cancelling must not buy a fresh allowance."""
    columns = {"phone": (Order.phone, keys.phone), "address": (Order.address_key, keys.address),
               "client": (Order.client_key, keys.client)}
    wanted = {name: (column, value) for name, (column, value) in columns.items() if value}
    query = select(*(func.count().filter(column == value).label(name) for name, (column, value) in wanted.items()))
    query = query.where(Order.payment_method == PaymentMethod.CASH, Order.created_at >= now - WINDOW,
                        or_(*(column == value for column, value in wanted.values())))
    if exclude_order_id is not None:
        query = query.where(Order.id != exclude_order_id)
    return dict(db.session.execute(query).one()._mapping)


def check_limits(keys: CashKeys, now: datetime, exclude_order_id: int | None = None) -> None:
    """Refuse one more cash order beyond a daily limit (a limit of 0 is no limit)."""
    config = current_app.config
    limits = {"phone": config["COD_DAILY_LIMIT_PER_PHONE"], "address": config["COD_DAILY_LIMIT_PER_ADDRESS"],
              "client": config["COD_DAILY_LIMIT_PER_IP"]}
    for name, count in counts_today(keys, now, exclude_order_id).items():
        if limits[name] and count >= limits[name]:
            raise CashLimitReached(LIMIT_MESSAGES[name], kind=name)


def admit(keys: CashKeys, now: datetime, exclude_order_id: int | None = None) -> None:
    """Refuse a cash order a blocked number or a daily limit forbids; nothing is written either way."""
    check_not_blocked(keys.phone)
    check_limits(keys, now, exclude_order_id)

