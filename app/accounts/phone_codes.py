"""One-time codes sent by SMS: 6 digits, kept as a keyed hash, valid 5 minutes, 5 attempts, used once.

Only the latest code for a number and purpose is alive: asking again replaces it. Every
refusal says the same thing (wrong, expired, spent, too many tries, unknown number), so a
code prompt never tells anyone whether a number has an account.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select, update

from app.accounts.errors import InvalidCode
from app.accounts.models import CodePurpose, PhoneCode
from app.db import utcnow
from app.extensions import db

CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=5)
MAX_ATTEMPTS = 5


def _digest(phone: str, purpose: CodePurpose, user_id: int | None, code: str) -> str:
    # Keyed: a leaked table of hashes of 6-digit codes would otherwise be read in a second.
    material = f"{purpose.value}|{phone}|{user_id or ''}|{code}".encode()
    return hmac.new(current_app.config["SECRET_KEY"].encode(), material, hashlib.sha256).hexdigest()


def _alive(phone: str, purpose: CodePurpose, user_id: int | None) -> tuple:
    owner = PhoneCode.user_id.is_(None) if user_id is None else PhoneCode.user_id == user_id
    return PhoneCode.phone == phone, PhoneCode.purpose == purpose, owner


def issue(phone: str, purpose: CodePurpose, user_id: int | None = None) -> str:
    """A new code for `phone` (E.164), replacing any earlier one; returns it in clear, to send by SMS."""
    code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
    db.session.execute(delete(PhoneCode).where(*_alive(phone, purpose, user_id)))
    db.session.add(PhoneCode(phone=phone, purpose=purpose, user_id=user_id, expires_at=utcnow() + CODE_LIFETIME,
                             code_hash=_digest(phone, purpose, user_id, code)))
    db.session.flush()
    return code


def redeem(phone: str, purpose: CodePurpose, code: str, user_id: int | None = None) -> None:
    """Spend the code, or raise InvalidCode; a wrong guess counts against the code (commit it too)."""
    row = db.session.scalar(select(PhoneCode).where(*_alive(phone, purpose, user_id))
                            .order_by(PhoneCode.id.desc()).limit(1))
    if row is None or row.used_at is not None or row.expires_at <= utcnow() or row.attempts >= MAX_ATTEMPTS:
        raise InvalidCode()
    typed = "".join(ch for ch in (code or "") if ch.isdigit())
    if not hmac.compare_digest(row.code_hash, _digest(phone, purpose, user_id, typed)):
        # Counted in the database, guarded on the count read: parallel guesses cannot exceed the limit.
        db.session.execute(update(PhoneCode).where(PhoneCode.id == row.id, PhoneCode.attempts < MAX_ATTEMPTS)
                           .values(attempts=PhoneCode.attempts + 1))
        raise InvalidCode()
    # Spent once only: of two requests racing with the right code, one updates the row.
    spent = db.session.execute(update(PhoneCode).where(PhoneCode.id == row.id, PhoneCode.used_at.is_(None),
                                                       PhoneCode.attempts < MAX_ATTEMPTS)
                               .values(used_at=utcnow()))
    if spent.rowcount != 1:
        raise InvalidCode()
