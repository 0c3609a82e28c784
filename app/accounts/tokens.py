"""Signed, expiring, single-use password-reset tokens (itsdangerous, keyed by SECRET_KEY).

A token carries the user id and a fingerprint of the password hash it was issued
against: once the password changes, the fingerprint no longer matches, so a token
works once and every older token dies with it. Nothing is stored server side.
"""
from __future__ import annotations

import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.accounts.models import User
from app.extensions import db

RESET_SALT = "souk.account.password-reset"
RESET_MAX_AGE = 3600  # seconds: long enough to open a mail on a phone, short enough to be useless later


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def _fingerprint(user: User) -> str:
    # The e-mail is bound too: changing it also voids the tokens mailed to the old address.
    material = f"{user.password_hash}|{user.email}".encode()
    return hashlib.sha256(material).hexdigest()[:32]


def make_reset_token(user: User) -> str:
    """A token that lets its bearer set a new password for `user`, once, within RESET_MAX_AGE."""
    return _serializer().dumps({"u": user.id, "f": _fingerprint(user)})


def user_for_reset_token(token: str, max_age: int | None = None) -> User | None:
    """The user the token was made for, or None if it is forged, expired or already used."""
    try:
        payload = _serializer().loads(token, max_age=RESET_MAX_AGE if max_age is None else max_age)
    except BadSignature:  # SignatureExpired is a subclass
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        return None
    user = db.session.get(User, payload["u"])
    if user is None or not user.active:
        return None
    if not hmac.compare_digest(str(payload.get("f", "")), _fingerprint(user)):
        return None
    return user
