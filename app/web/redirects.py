"""Open-redirect protection for `next` parameters."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import url_for

from app.accounts.models import Role, User
from app.accounts.policy import STAFF_ROLES

# Control characters and backslashes: browsers drop tabs and newlines inside URLs, so
# "/\t/evil.example" would become "//evil.example"; a CR or LF would also break the header.
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f\\]")


def safe_next(target: str | None, default: str = "/") -> str:
    """`target` when it is a path on this site, else `default` (refuses //host, /\\host and schemes)."""
    if not target or _UNSAFE_CHARS.search(target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def after_login(user: User, target: str | None) -> str:
    """Where a user lands after logging in: the page they asked for, else where their role works."""
    default = url_for("account.index")
    if user.role == Role.BENEFICIARY:
        default = url_for("supplier.index")
    elif user.role in STAFF_ROLES or user.role == Role.ORGANISER:
        default = url_for("admin.index")
    return safe_next(target, default=default)
