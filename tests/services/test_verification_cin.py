"""The CIN is kept only as an HMAC-SHA256 under its own key (never SECRET_KEY), after normalisation."""
from __future__ import annotations

import hashlib
import hmac

import pytest

from app.verification.cin import cin_hmac, normalise


def test_normalising_removes_spaces_and_upper_cases():
    assert normalise(" ab 12\t34 56 ") == "AB123456"


def test_the_hash_is_an_hmac_under_cin_hmac_key(app_ctx):
    key = app_ctx.config["CIN_HMAC_KEY"].encode()

    assert cin_hmac("ab 123456") == hmac.new(key, b"AB123456", hashlib.sha256).hexdigest()


def test_the_hash_does_not_use_secret_key(app_ctx):
    secret = app_ctx.config["SECRET_KEY"].encode()

    assert cin_hmac("AB123456") != hmac.new(secret, b"AB123456", hashlib.sha256).hexdigest()


def test_a_different_key_gives_a_different_hash(app_ctx):
    assert cin_hmac("AB123456", key="one key") != cin_hmac("AB123456", key="another key")


def test_hashing_refuses_a_cin_key_equal_to_secret_key(app_ctx):
    app_ctx.config["CIN_HMAC_KEY"], saved = app_ctx.config["SECRET_KEY"], app_ctx.config["CIN_HMAC_KEY"]
    try:
        with pytest.raises(RuntimeError):
            cin_hmac("AB123456")
    finally:
        app_ctx.config["CIN_HMAC_KEY"] = saved
