"""National ID numbers (CIN) and loan references: normalised, then kept only as keyed hashes.

A loan reference is only ever matched (a beneficiary types it, an import lists it), so the
database keeps its keyed hash and its last 3 characters (what staff are shown), never the
reference; the audit log names a loan by a shorter fingerprint of that hash.

The CIN is personal data. It is hashed with HMAC-SHA256 under CIN_HMAC_KEY, a secret of its
own (never SECRET_KEY: rotating the session key must not orphan every record, and leaking
one must not expose the other). A plain hash would not do: CINs are short and guessable.
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from flask import current_app


def normalise(cin: str) -> str:
    """Upper case, no spaces: 'ab 123 456' and 'AB123456' are the same person."""
    return "".join((cin or "").split()).upper()


def hasher(key: str | None = None) -> Callable[[str], str]:
    """A function CIN -> hex HMAC with the key read once, which matters for bulk imports."""
    secret = (key if key is not None else _configured_key()).encode("utf-8")

    def hash_cin(cin: str) -> str:
        return hmac.digest(secret, normalise(cin).encode("utf-8"), hashlib.sha256).hex()

    return hash_cin


def cin_hmac(cin: str, key: str | None = None) -> str:
    """The keyed hash of one CIN."""
    return hasher(key)(cin)


def loan_hasher(key: str | None = None) -> Callable[[str], str]:
    """A function loan reference -> hex HMAC (spaces around it ignored), the key read once."""
    secret = (key if key is not None else _configured_key()).encode("utf-8")

    def hash_loan(reference: str) -> str:
        return hmac.digest(secret, b"loan-ref:" + reference.strip().encode("utf-8"), hashlib.sha256).hex()

    return hash_loan


def loan_hmac(reference: str, key: str | None = None) -> str:
    """The keyed hash of one loan reference, as stored and looked up."""
    return loan_hasher(key)(reference)


def reference_end(reference: str) -> str:
    """The last 3 characters, all staff see of a reference (enough to compare with a paper file)."""
    return reference.strip()[-3:]


def loan_reference_columns(reference: str) -> dict[str, str]:
    """How a model row keeps one reference (app.verification.models.LoanReference)."""
    return {"loan_reference_hmac": loan_hmac(reference), "loan_reference_end": reference_end(reference)}


def loan_fingerprint(institution: str, reference_hmac: str, key: str | None = None) -> str:
    """A short keyed hash naming one loan in the audit log: entries about the same loan can be
    matched, while the log (read by more people, kept longer) holds neither the reference nor its hash."""
    secret = (key if key is not None else _configured_key()).encode("utf-8")
    loan = f"{institution.strip()}\x1f{reference_hmac}".encode()
    return hmac.digest(secret, b"loan:" + loan, hashlib.sha256).hex()[:16]


def _configured_key() -> str:
    config = current_app.config
    key = config.get("CIN_HMAC_KEY") or ""
    if not key or key == config.get("SECRET_KEY"):
        raise RuntimeError("CIN_HMAC_KEY must be set and must differ from SECRET_KEY")
    return key
