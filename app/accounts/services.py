"""Accounts: registration, authentication, password and e-mail changes, session revocation.

Plain functions: ids and values in, users out, AccountError raised. They flush, never
commit, and know nothing of the request: the view logs the user in and sends the mails.
"""
from __future__ import annotations

import logging
import secrets

from sqlalchemy import func, select

from app.accounts import tokens
from app.accounts.errors import (
    AccountDisabled,
    AccountError,
    CommonPassword,
    EmailTaken,
    InvalidCredentials,
    InvalidEmail,
    InvalidResetToken,
    PhoneTaken,
    UnknownUser,
    WeakPassword,
    WrongPassword,
)
from app.accounts.models import Role, User
from app.accounts.passwords import check_password, easy_to_guess, hash_password
from app.accounts.policy import SELF_SERVICE_ROLES
from app.audit import services as audit
from app.db import utcnow
from app.extensions import db
from app.validators import normalize_email, normalize_moroccan_mobile

log = logging.getLogger(__name__)

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256  # hashing cost grows with length: refuse a megabyte "password"
# Compared against when the address is unknown, so a wrong address costs as long as a wrong password.
_DUMMY_HASH: str | None = None


def _clean_email(email: str) -> str:
    try:
        return normalize_email(email)
    except ValueError as error:
        raise InvalidEmail() from error


def _check_new_password(password: str, *personal: str) -> None:
    """Long enough, not absurdly long, and not an easy guess (`personal`: the account's e-mail and name)."""
    if not MIN_PASSWORD_LENGTH <= len(password or "") <= MAX_PASSWORD_LENGTH:
        raise WeakPassword()
    if easy_to_guess(password, *personal):
        raise CommonPassword()


def _get(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise UnknownUser()
    return user


def find_by_email(email: str) -> User | None:
    """The account with this address, whatever its case, or None."""
    try:
        address = normalize_email(email)
    except ValueError:
        return None
    return db.session.scalar(select(User).where(func.lower(User.email) == address))


def find_by_phone(phone: str) -> User | None:
    """The account with this mobile number (any way of writing it), or None."""
    try:
        number = normalize_moroccan_mobile(phone)
    except ValueError:
        return None
    return db.session.scalar(select(User).where(User.phone == number))


def find_for_login(identifier: str) -> User | None:
    """The account named by what was typed in the login field: an e-mail address or a mobile number."""
    return find_by_email(identifier) if "@" in (identifier or "") else find_by_phone(identifier)


def register_phone_user(phone: str, name: str, role: Role = Role.SHOPPER, locale: str | None = None) -> User:
    """A new account known by its mobile number (proved by an SMS code): no e-mail, no password yet.

    `locale` is the language the account was opened in: its text messages are written in it.
    """
    if role not in SELF_SERVICE_ROLES:
        raise ValueError(f"role {role} cannot be chosen at registration")
    number = normalize_moroccan_mobile(phone)
    if find_by_phone(number) is not None:
        raise PhoneTaken()
    user = User(phone=number, name=name.strip(), role=role, locale=locale)
    db.session.add(user)
    db.session.flush()
    log.info("account registered by phone: user %s as %s", user.id, role.value)
    return user


def log_in_by_phone(phone: str) -> User | None:
    """After its code was typed: the account of this number (None if it has none yet)."""
    user = find_by_phone(phone)
    if user is None:
        return None
    if not user.active:
        raise AccountDisabled()
    user.last_login_at = utcnow()
    return user


def change_phone(user_id: int, new_phone: str) -> tuple[User, str | None]:
    """Move the account to a new mobile number (already proved by a code); returns (user, old number)."""
    user = _get(user_id)
    number = normalize_moroccan_mobile(new_phone)
    return _move_contact(user, "phone", number, find_by_phone(number), PhoneTaken)


def set_first_password(user_id: int, password: str) -> User:
    """Give a password to an account opened by phone, which has none yet."""
    user = _get(user_id)
    if user.password_hash:
        raise WrongPassword()
    return _set_password(user, password)


def register_user(email: str, password: str, name: str, role: Role = Role.SHOPPER) -> User:
    """A new account for a shopper or a beneficiary (other roles are granted by an admin)."""
    if role not in SELF_SERVICE_ROLES:
        raise ValueError(f"role {role} cannot be chosen at registration")
    address = _clean_email(email)
    _check_new_password(password, address, name)
    if find_by_email(address) is not None:
        raise EmailTaken()
    user = User(email=address, password_hash=hash_password(password), name=name.strip(), role=role)
    db.session.add(user)
    db.session.flush()
    log.info("account registered: user %s as %s", user.id, role.value)
    return user


def authenticate(email: str, password: str) -> User:
    """The user whose address and password match; InvalidCredentials or AccountDisabled otherwise."""
    global _DUMMY_HASH
    user = find_for_login(email)
    if user is None or not user.password_hash:
        _DUMMY_HASH = _DUMMY_HASH or hash_password(secrets.token_urlsafe(16))
        check_password(_DUMMY_HASH, password or "")
        raise InvalidCredentials()
    if not check_password(user.password_hash, password or ""):
        raise InvalidCredentials()
    if not user.active:
        raise AccountDisabled()
    user.last_login_at = utcnow()
    return user


def end_all_sessions(user_id: int) -> User:
    """Bump the session version: every session cookie and remember cookie of the user stops working."""
    user = _get(user_id)
    user.session_version = (user.session_version or 0) + 1
    db.session.flush()
    return user


def change_password(user_id: int, current_password: str, new_password: str) -> User:
    """Set a new password after checking the current one; every other session ends."""
    user = _get(user_id)
    if not user.password_hash or not check_password(user.password_hash, current_password or ""):
        raise WrongPassword()
    return _set_password(user, new_password)


def _set_password(user: User, new_password: str) -> User:
    _check_new_password(new_password, user.email or "", user.name or "")
    user.password_hash = hash_password(new_password)
    end_all_sessions(user.id)
    log.info("password changed: user %s", user.id)
    return user


def change_email(user_id: int, password: str, new_email: str) -> tuple[User, str]:
    """Move the account to a new address after re-checking the password; returns (user, old address)."""
    user = _get(user_id)
    if not user.password_hash or not check_password(user.password_hash, password or ""):
        raise WrongPassword()
    address = _clean_email(new_email)
    return _move_contact(user, "email", address, find_by_email(address), EmailTaken)


def _move_contact(user: User, attribute: str, value: str, holder: User | None,
                  taken: type[AccountError]) -> tuple[User, str | None]:
    """Give `user` a new e-mail address or phone number unless another account (`holder`) has it;
    returns (user, the old one) for the notice sent to the old address or number."""
    if holder is not None and holder.id != user.id:
        raise taken()
    old = getattr(user, attribute)
    setattr(user, attribute, value)
    db.session.flush()
    log.info("%s changed: user %s", attribute, user.id)
    return user, old


def reset_token_for(email: str) -> tuple[User, str] | None:
    """(user, token) for an active account with this address, else None (the caller says the same either way)."""
    user = find_by_email(email)
    if user is None or not user.active:
        return None
    return user, tokens.make_reset_token(user)


def reset_password(token: str, new_password: str, max_age: int | None = None) -> User:
    """Set a new password with a reset token; the token (and every older one) is spent."""
    user = tokens.user_for_reset_token(token, max_age=max_age)
    if user is None:
        raise InvalidResetToken()
    return _set_password(user, new_password)


def deactivate_user(user_id: int, actor_id: int | None = None) -> User:
    """Close an account: it cannot log in and every live session ends at once."""
    user = _get(user_id)
    user.active = False
    end_all_sessions(user.id)
    audit.record("account.deactivate", "user", user.id, actor_id=actor_id)
    return user


def reactivate_user(user_id: int, actor_id: int | None = None) -> User:
    """Open a deactivated account again."""
    user = _get(user_id)
    user.active = True
    audit.record("account.reactivate", "user", user.id, actor_id=actor_id)
    return user


def make_admin(email: str, password: str | None, name: str = "") -> tuple[User, bool]:
    """Create an administrator, or promote an existing account; returns (user, created)."""
    user = find_by_email(email)
    if user is None:
        user = register_user(email, password or "", name or "Admin")
        created = True
    else:
        created = False
        if password is not None:
            _set_password(user, password)
    user.role = Role.ADMIN
    user.active = True
    audit.record("account.make_admin", "user", user.id, created=created)
    db.session.flush()
    return user, created
