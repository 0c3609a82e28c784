"""Order numbers read aloud on the phone, and the secret token of the status link."""
from __future__ import annotations

import secrets

# Crockford's base32 without I, L, O and U: nothing a caller can mishear or misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "SS-"
LENGTH = 8


def new_number() -> str:
    """A readable order number such as SS-7K3QX9MZ (40 random bits; uniqueness checked by the caller)."""
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def new_token() -> str:
    """The status-link secret: 192 random bits, independent of the number."""
    return secrets.token_urlsafe(24)


def normalise_number(text: str) -> str:
    """What a shopper types back: case and the ambiguous letters forgiven."""
    cleaned = text.strip().upper().replace("O", "0").replace("I", "1").replace("L", "1")
    return cleaned if cleaned.startswith(PREFIX) else PREFIX + cleaned.removeprefix("SS")
