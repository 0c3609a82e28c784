"""One-time SMS codes: hashed, 5 minutes, 5 attempts, once, only the latest one alive."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.accounts import phone_codes
from app.accounts.errors import InvalidCode
from app.accounts.models import CodePurpose, PhoneCode
from app.db import utcnow
from app.extensions import db
from tests.factories import make_user

PHONE = "+212612345678"
LOGIN = CodePurpose.LOGIN


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_a_code_has_six_digits_and_is_stored_only_as_a_hash(app_ctx):
    code = phone_codes.issue(PHONE, LOGIN)
    row = db.session.scalar(select(PhoneCode))
    assert len(code) == 6 and code.isdigit()
    assert code not in row.code_hash and len(row.code_hash) == 64
    assert timedelta(minutes=4, seconds=50) < row.expires_at - utcnow() <= timedelta(minutes=5)


def test_the_right_code_works_once(app_ctx):
    code = phone_codes.issue(PHONE, LOGIN)
    phone_codes.redeem(PHONE, LOGIN, code)
    with pytest.raises(InvalidCode):
        phone_codes.redeem(PHONE, LOGIN, code)


def test_spaces_typed_in_the_code_are_ignored(app_ctx):
    code = phone_codes.issue(PHONE, LOGIN)
    phone_codes.redeem(PHONE, LOGIN, f" {code[:3]} {code[3:]} ")


def test_an_expired_code_is_refused(app_ctx):
    code = phone_codes.issue(PHONE, LOGIN)
    db.session.execute(update(PhoneCode).values(expires_at=utcnow() - timedelta(seconds=1)))
    with pytest.raises(InvalidCode):
        phone_codes.redeem(PHONE, LOGIN, code)


def test_after_five_wrong_guesses_even_the_right_code_is_refused(app_ctx):
    code = phone_codes.issue(PHONE, LOGIN)
    for _ in range(5):
        with pytest.raises(InvalidCode):
            phone_codes.redeem(PHONE, LOGIN, _wrong(code))
    with pytest.raises(InvalidCode):
        phone_codes.redeem(PHONE, LOGIN, code)
    assert db.session.scalar(select(PhoneCode.attempts)) == 5


def test_a_new_code_replaces_the_old_one(app_ctx):
    old = phone_codes.issue(PHONE, LOGIN)
    new = phone_codes.issue(PHONE, LOGIN)
    if old != new:
        with pytest.raises(InvalidCode):
            phone_codes.redeem(PHONE, LOGIN, old)
    phone_codes.redeem(PHONE, LOGIN, new)


def test_a_code_is_bound_to_its_number_purpose_and_account(app_ctx):
    user = make_user()
    code = phone_codes.issue(PHONE, CodePurpose.CHANGE_PHONE, user.id)
    for phone, purpose, user_id in ((PHONE, LOGIN, None), ("+212712345678", CodePurpose.CHANGE_PHONE, user.id),
                                    (PHONE, CodePurpose.CHANGE_PHONE, make_user().id)):
        with pytest.raises(InvalidCode):
            phone_codes.redeem(phone, purpose, code, user_id)
    phone_codes.redeem(PHONE, CodePurpose.CHANGE_PHONE, code, user.id)


def test_a_number_that_was_never_sent_a_code_gets_the_same_refusal(app_ctx):
    with pytest.raises(InvalidCode) as error:
        phone_codes.redeem(PHONE, LOGIN, "123456")
    assert error.value.message == InvalidCode().message
