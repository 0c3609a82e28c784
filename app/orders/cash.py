"""Cash on delivery's guards: blocked numbers, daily limits, and whether a new number must confirm.

A cash order costs the suppliers a parcel and a courier before anyone has paid; orders refused at
the door are the main loss of cash-on-delivery shops. So, before a cash order is placed (or a card
order switched to cash): a number staff blocked is refused (card stays possible); more than the
configured number of cash orders in 24 hours per phone number, per delivery address or per client
address is refused; and a number never delivered to must prove itself with an SMS code first.

Delivery and client addresses are counted through keyed hashes (HMAC-SHA256 under SECRET_KEY,
with a purpose prefix): the order keeps no client IP, and the hash of an address says nothing
without the key. Rotating SECRET_KEY only restarts the day's counts. The refusals do not mention
card payment: the edge adds it when a card gateway is configured.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, or_, select, text

from app.accounts.models import User
from app.audit.services import record
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.extensions import db
from app.orders.models import BlockedPhone, Order, OrderStatus, PaymentMethod
from app.slugs import slugify
from app.validators import normalize_moroccan_mobile

WINDOW = timedelta(hours=24)


class CashLimitReached(DomainError):
    """Too many cash orders today for this number, address or connection: 429, card stays possible."""

    status = 429


class CashBlocked(Forbidden):
    """Staff blocked cash on delivery for this number."""


LIMIT_MESSAGES = {
    "phone": _l("This phone number has reached today's limit of cash-on-delivery orders. You can order again "
                "tomorrow."),
    "address": _l("This delivery address has reached today's limit of cash-on-delivery orders. You can order "
                  "again tomorrow."),
    "client": _l("Too many cash-on-delivery orders were placed from this connection today. You can order again "
                 "tomorrow."),
}


def _keyed(purpose: str, value: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def address_key(city: str, address: str) -> str | None:
    """One fingerprint for the ways one address is typed: case, accents, punctuation, spacing and
    Arabic-keyboard digits do not matter ("12, Rue des Oudayas" = "12 rue des oudayas").
    """
    folded = slugify(f"{city} {address}", max_length=1000)  # folded as a slug is
    return _keyed("cod-address", folded) if folded else None


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
        raise CashBlocked(_l("Cash on delivery is not available for this phone number."))


def counts_today(keys: CashKeys, now: datetime) -> dict[str, int]:
    """Cash orders of the last 24 hours per phone, per address and per client: one COUNT query.

    Every cash order counts, cancelled ones too: cancelling must not buy a fresh allowance."""
    columns = {"phone": (Order.phone, keys.phone), "address": (Order.address_key, keys.address),
               "client": (Order.client_key, keys.client)}
    wanted = {name: (column, value) for name, (column, value) in columns.items() if value}
    query = select(*(func.count().filter(column == value).label(name) for name, (column, value) in wanted.items()))
    query = query.where(Order.payment_method == PaymentMethod.CASH, Order.created_at >= now - WINDOW,
                        or_(*(column == value for column, value in wanted.values())))
    return dict(db.session.execute(query).one()._mapping)


def check_limits(keys: CashKeys, now: datetime) -> None:
    """Refuse one more cash order beyond a daily limit (a limit of 0 is no limit)."""
    config = current_app.config
    limits = {"phone": config["COD_DAILY_LIMIT_PER_PHONE"], "address": config["COD_DAILY_LIMIT_PER_ADDRESS"],
              "client": config["COD_DAILY_LIMIT_PER_IP"]}
    for name, count in counts_today(keys, now).items():
        if limits[name] and count >= limits[name]:
            raise CashLimitReached(LIMIT_MESSAGES[name], kind=name)


def admit(keys: CashKeys, now: datetime) -> None:
    """Refuse a cash order a blocked number or a daily limit forbids; nothing is written either way.

    Call it after the transaction's first write: on SQLite that write holds the database's write lock,
    so orders sharing a key are counted one after the other; PostgreSQL takes a lock per key."""
    _serialise(keys)
    check_not_blocked(keys.phone)
    check_limits(keys, now)


def _serialise(keys: CashKeys) -> None:
    """Two cash orders at once from one number, address or connection must not both pass the count:
    on PostgreSQL a transaction-scoped advisory lock per key (in one order, so no deadlock)."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for key in sorted(k for k in (keys.phone, keys.address, keys.client) if k):
        db.session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"cod:{key}"})



class CashPhoneNotMobile(DomainError):
    """A new number must receive an SMS code: a landline cannot."""

    status = 422


def needs_phone_code(phone: str, user_id: int | None = None) -> bool:
    """Whether a cash order from `phone` must wait for the SMS code: a number never delivered to, and
    not the number of the shopper's own account (an account's number was proved by a code already).

    Refuses a landline then: no code can reach it (card payment, or a mobile number, still work)."""
    if not current_app.config["COD_CONFIRM_NEW_PHONES"] or _delivered_before(phone) \
            or (user_id is not None and db.session.get(User, user_id).phone == phone):
        return False
    try:
        normalize_moroccan_mobile(phone)
    except ValueError:
        raise CashPhoneNotMobile(_l("For a first order paid on delivery, give a mobile number (06 or 07): we "
                                    "send it a code to confirm the order.")) from None
    return True


def _delivered_before(phone: str) -> bool:
    """A number that once took and paid for a parcel is known: its orders go out at once."""
    return bool(db.session.scalar(select(exists().where(Order.phone == phone, Order.status == OrderStatus.DELIVERED))))


# -- staff: refusals at the door per number, blocked numbers --

@dataclass(frozen=True)
class PhoneHistory:
    """One number's cash orders that reached the door: refused, delivered, and whether it is blocked."""

    phone: str
    refused: int
    delivered: int
    last_refused_at: datetime | None
    blocked: bool


class AlreadyBlocked(Conflict):
    """The number is blocked already."""


def refusals_by_phone(limit: int = 200) -> list[PhoneHistory]:
    """Numbers with at least one cash parcel refused at the door, most refusals first: one GROUP BY query
    (and one for which of them are blocked)."""
    refused = func.count().filter(Order.status == OrderStatus.REFUSED)
    rows = db.session.execute(
        select(Order.phone, refused, func.count().filter(Order.status == OrderStatus.DELIVERED),
               func.max(Order.updated_at).filter(Order.status == OrderStatus.REFUSED))
        .where(Order.payment_method == PaymentMethod.CASH,
               Order.status.in_((OrderStatus.REFUSED, OrderStatus.DELIVERED)))
        .group_by(Order.phone).having(refused > 0).order_by(refused.desc(), Order.phone).limit(limit)
    ).all()
    blocked = set(db.session.scalars(select(BlockedPhone.phone).where(BlockedPhone.phone.in_([r[0] for r in rows]))))
    return [PhoneHistory(phone, n_refused, n_delivered, last, phone in blocked)
            for phone, n_refused, n_delivered, last in rows]


def blocked_phones() -> list[BlockedPhone]:
    return list(db.session.scalars(select(BlockedPhone).order_by(BlockedPhone.created_at.desc(), BlockedPhone.id)))


def block(phone: str, reason: str, actor_id: int) -> BlockedPhone:
    """Bar `phone` (E.164) from cash on delivery; its card payments stay possible."""
    if db.session.scalar(select(exists().where(BlockedPhone.phone == phone))):
        raise AlreadyBlocked(_l("This number is already blocked."))
    row = BlockedPhone(phone=phone, reason=reason.strip()[:255], blocked_by_id=actor_id)
    db.session.add(row)
    db.session.flush()
    record("cod.phone_blocked", "blocked_phone", row.id, actor_id, phone=phone, reason=row.reason)
    return row


def unblock(blocked_id: int, actor_id: int) -> None:
    row = db.session.get(BlockedPhone, blocked_id)
    if row is None:
        raise NotFound(_l("This number is not blocked."))
    record("cod.phone_unblocked", "blocked_phone", row.id, actor_id, phone=row.phone)
    db.session.delete(row)
    db.session.flush()
