"""The most used passwords, their close variants and passwords built from the account's own name or
address are refused wherever a password is chosen; ordinary sentences pass."""
from __future__ import annotations

import pytest

from app.accounts import services
from app.accounts.errors import CommonPassword
from app.accounts.models import User
from app.extensions import db
from tests.factories import make_user
from tests.helpers import DEFAULT_PASSWORD

COMMON = ["password123", "1234567890", "qwertyuiop", "azerty12345", "iloveyou123", "motdepasse123",
          "Password1234"]


@pytest.mark.parametrize("password", COMMON)
def test_registration_refuses_a_common_password(app_ctx, password):
    with pytest.raises(CommonPassword):
        services.register_user("amina@example.ma", password, "Amina")
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


@pytest.mark.parametrize("password", ["amina@example.ma", "aminabennani", "bennani2024"])
def test_registration_refuses_the_accounts_own_address_or_name(app_ctx, password):
    with pytest.raises(CommonPassword):
        services.register_user("amina@example.ma", password, "Amina Bennani")


def test_changing_to_a_common_password_is_refused(app_ctx):
    user = make_user()
    with pytest.raises(CommonPassword):
        services.change_password(user.id, DEFAULT_PASSWORD, "password123")


@pytest.mark.parametrize("password", ["a long enough secret", "le soleil de safi", "marrakech2024", "xK9#mP2$vL!"])
def test_ordinary_passphrases_pass(app_ctx, password):
    assert services.register_user("amina@example.ma", password, "Amina").id
