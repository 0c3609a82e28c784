"""Account services: registration, authentication, password and e-mail changes, revocation."""
from __future__ import annotations

import pytest

from app.accounts import services
from app.accounts.errors import (
    AccountDisabled,
    EmailTaken,
    InvalidCredentials,
    InvalidEmail,
    InvalidResetToken,
    WeakPassword,
    WrongPassword,
)
from app.accounts.models import Role
from app.accounts.passwords import check_password
from app.audit.models import AuditEntry
from app.extensions import db
from tests.factories import make_user
from tests.helpers import DEFAULT_PASSWORD


def test_registration_stores_a_lower_case_address_and_a_scrypt_hash(app_ctx):
    user = services.register_user("  Amina@Example.MA ", "a long enough secret", "Amina")

    assert user.email == "amina@example.ma"
    assert user.role == Role.SHOPPER
    assert user.password_hash.startswith("scrypt:")
    assert "a long enough secret" not in user.password_hash


def test_registering_an_address_twice_in_another_case_is_refused(app_ctx):
    make_user(email="amina@example.ma")
    with pytest.raises(EmailTaken):
        services.register_user("AMINA@example.ma", "a long enough secret", "Amina")


def test_a_visitor_cannot_register_as_staff(app_ctx):
    with pytest.raises(ValueError):
        services.register_user("x@example.ma", "a long enough secret", "X", role=Role.ADMIN)


@pytest.mark.parametrize("password", ["short", "123456789", "x" * 300])
def test_a_password_outside_10_to_256_characters_is_refused(app_ctx, password):
    with pytest.raises(WeakPassword):
        services.register_user("x@example.ma", password, "X")


def test_an_invalid_address_is_refused(app_ctx):
    with pytest.raises(InvalidEmail):
        services.register_user("not an address", "a long enough secret", "X")


def test_authentication_does_not_say_which_of_address_or_password_was_wrong(app_ctx):
    make_user(email="amina@example.ma")
    with pytest.raises(InvalidCredentials) as unknown:
        services.authenticate("nobody@example.ma", DEFAULT_PASSWORD)
    with pytest.raises(InvalidCredentials) as wrong:
        services.authenticate("amina@example.ma", "not the password")
    with app_ctx.test_request_context():
        assert str(unknown.value.message) == str(wrong.value.message)


def test_a_deactivated_account_cannot_authenticate(app_ctx):
    user = make_user()
    services.deactivate_user(user.id)
    with pytest.raises(AccountDisabled):
        services.authenticate(user.email, DEFAULT_PASSWORD)


def test_deactivation_ends_every_session_and_is_audited(app_ctx):
    admin = make_user(Role.ADMIN)
    user = make_user()
    before = user.session_version

    services.deactivate_user(user.id, actor_id=admin.id)

    assert user.session_version == before + 1
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "account.deactivate"))
    assert (entry.actor_id, entry.object_id) == (admin.id, user.id)


def test_changing_the_password_needs_the_current_one(app_ctx):
    user = make_user()
    with pytest.raises(WrongPassword):
        services.change_password(user.id, "not the password", "a brand new secret")


def test_changing_the_password_ends_every_other_session(app_ctx):
    user = make_user()
    before = user.session_version

    services.change_password(user.id, DEFAULT_PASSWORD, "a brand new secret")

    assert check_password(user.password_hash, "a brand new secret")
    assert user.session_version == before + 1


def test_changing_the_email_needs_the_password_and_a_free_address(app_ctx):
    user = make_user(email="old@example.ma")
    make_user(email="taken@example.ma")
    with pytest.raises(WrongPassword):
        services.change_email(user.id, "not the password", "new@example.ma")
    with pytest.raises(EmailTaken):
        services.change_email(user.id, DEFAULT_PASSWORD, "Taken@example.ma")

    changed, old = services.change_email(user.id, DEFAULT_PASSWORD, "New@Example.ma")

    assert (changed.email, old) == ("new@example.ma", "old@example.ma")


def test_reset_token_is_only_issued_for_an_active_account(app_ctx):
    user = make_user(email="amina@example.ma")
    assert services.reset_token_for("nobody@example.ma") is None
    assert services.reset_token_for("AMINA@example.ma")[0] is user
    services.deactivate_user(user.id)
    assert services.reset_token_for("amina@example.ma") is None


def test_a_reset_token_works_once(app_ctx):
    user = make_user()
    _, token = services.reset_token_for(user.email)

    services.reset_password(token, "first new password")

    with pytest.raises(InvalidResetToken):
        services.reset_password(token, "second new password")
    assert check_password(user.password_hash, "first new password")


def test_a_reset_token_dies_when_the_email_changes(app_ctx):
    user = make_user()
    _, token = services.reset_token_for(user.email)
    services.change_email(user.id, DEFAULT_PASSWORD, "elsewhere@example.ma")
    with pytest.raises(InvalidResetToken):
        services.reset_password(token, "a brand new secret")


def test_an_expired_reset_token_is_refused(app_ctx, monkeypatch):
    import itsdangerous.timed

    user = make_user()
    _, token = services.reset_token_for(user.email)
    later = itsdangerous.timed.time.time() + 3601
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)

    with pytest.raises(InvalidResetToken):
        services.reset_password(token, "a brand new secret")


def test_a_forged_reset_token_is_refused(app_ctx):
    user = make_user()
    _, token = services.reset_token_for(user.email)
    with pytest.raises(InvalidResetToken):
        services.reset_password(token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "a brand new secret")


def test_make_admin_creates_then_promotes_without_touching_the_password(app_ctx):
    created, was_created = services.make_admin("boss@example.ma", "a long enough secret")
    assert was_created and created.role == Role.ADMIN

    shopper = make_user(email="shop@example.ma")
    promoted, was_created = services.make_admin("shop@example.ma", None)
    assert not was_created and promoted.id == shopper.id and promoted.role == Role.ADMIN
    assert check_password(promoted.password_hash, DEFAULT_PASSWORD)
