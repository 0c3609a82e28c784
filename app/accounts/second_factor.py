"""Staff's second factor: a TOTP authenticator app (RFC 6238), with single-use recovery codes.

Staff reach other people's data, money and roles; a stolen or guessed password alone must not be
enough. Codes are checked with one step (30 s) of clock drift either side, and a step once accepted
is never accepted again. Recovery codes are random (80 bits), so a plain SHA-256 of each is enough
to keep them useless to whoever reads the database; they are shown once, at enrolment.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time

import pyotp
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.errors import AccountError
from app.accounts.models import RecoveryCode, User
from app.accounts.policy import SECOND_FACTOR_ROLES
from app.audit import services as audit
from app.db import utcnow
from app.extensions import db

log = logging.getLogger(__name__)

ISSUER = "Souk Solidaire"
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


class WrongCode(AccountError):
    status = 401
    field = "code"
    default_message = _l("This code is not correct, or was already used. Enter the code your app shows now.")


class AlreadyEnrolled(AccountError):
    status = 409
    default_message = _l("A second factor is already set up for this account.")


def needs_second_factor(user: User) -> bool:
    """Whether this account's role requires a second factor at login."""
    return user.role in SECOND_FACTOR_ROLES


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.contact or str(user.id), issuer_name=ISSUER)


def enrol(user_id: int, secret: str, code: str) -> list[str]:
    """Turn the second factor on once the app shows a right code; returns the recovery codes (shown once)."""
    user = _user(user_id)
    if user.totp_secret:
        raise AlreadyEnrolled()
    step = _matching_step(secret, code, after=None)
    if step is None:
        raise WrongCode()
    user.totp_secret, user.totp_last_step = secret, step
    codes = _replace_recovery_codes(user)
    audit.record("account.second_factor_enrolled", "user", user.id, user.id)
    log.info("second factor enrolled: user %s", user.id)
    return codes


def verify(user_id: int, code: str) -> None:
    """Accept a current TOTP code (each step once) or an unused recovery code; WrongCode otherwise."""
    user = _user(user_id)
    if not user.totp_secret:
        raise WrongCode()
    step = _matching_step(user.totp_secret, code, after=user.totp_last_step)
    if step is not None:
        user.totp_last_step = step
        return
    if not _use_recovery_code(user, code):
        raise WrongCode()


def recovery_codes_left(user_id: int) -> int:
    return len(_unused_codes(user_id))


def _matching_step(secret: str, code: str, after: int | None) -> int | None:
    """The time step (now, or one either side) whose code is `code`, if later than `after`."""
    code = "".join((code or "").split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp, now = pyotp.TOTP(secret), int(time.time()) // 30
    for step in (now - 1, now, now + 1):
        if (after is None or step > after) and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _replace_recovery_codes(user: User) -> list[str]:
    db.session.execute(RecoveryCode.__table__.delete().where(RecoveryCode.user_id == user.id))
    codes = ["-".join("".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(4)) for _ in range(4))
             for _ in range(RECOVERY_CODES)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_digest(code)) for code in codes)
    db.session.flush()
    return codes


def _use_recovery_code(user: User, code: str) -> bool:
    digest = _digest(code)
    match = next((row for row in _unused_codes(user.id) if hmac.compare_digest(row.code_hash, digest)), None)
    if match is None:
        return False
    match.used_at = utcnow()
    audit.record("account.recovery_code_used", "user", user.id, user.id, left=recovery_codes_left(user.id) - 1)
    return True


def _unused_codes(user_id: int) -> list[RecoveryCode]:
    return list(db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == user_id,
                                                              RecoveryCode.used_at.is_(None))))


def _digest(code: str) -> str:
    """Upper case, no spaces or dashes: 'abcd-efgh ...' as typed is the code printed."""
    normal = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


def _user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise WrongCode()
    return user
