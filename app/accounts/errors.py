"""What can go wrong with an account; messages are safe to show and translatable."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.errors import Conflict, DomainError, Forbidden, Invalid


class AccountError(DomainError):
    """Base of the accounts domain's errors; `field` names the form field the message belongs to."""

    field: str | None = None

    def __init__(self, message: str = "", **data: object) -> None:
        # Kept lazy: it becomes text when shown, in the language of whoever reads it.
        super().__init__(message or self.default_message, **data)

    default_message = _l("This could not be done.")


class InvalidCredentials(AccountError):
    """Wrong e-mail or password; never says which, so addresses cannot be probed."""

    status = 401
    default_message = _l("Wrong e-mail address or password.")


class AccountDisabled(AccountError, Forbidden):
    default_message = _l("This account has been deactivated. Contact us if you think this is a mistake.")


class EmailTaken(AccountError, Conflict):
    field = "email"
    default_message = _l("An account already exists with this e-mail address. Log in or reset your password.")


class WrongPassword(AccountError, Invalid):
    field = "password"
    default_message = _l("Your current password is not correct.")


class WeakPassword(AccountError, Invalid):
    field = "password"
    default_message = _l("Choose a password of at least 10 characters.")


class CommonPassword(AccountError, Invalid):
    field = "password"
    default_message = _l("This password is among the most used ones, or too close to your name or e-mail address: "
                         "it would be guessed quickly. A short sentence of your own, such as "
                         "\"the blue door of my grandmother\", is easy to remember and hard to guess.")


class InvalidEmail(AccountError, Invalid):
    field = "email"
    default_message = _l("Enter a valid e-mail address, such as name@example.ma.")


class InvalidResetToken(AccountError):
    default_message = _l("This reset link is invalid, has expired or has already been used. Ask for a new one.")


class UnknownUser(AccountError):
    status = 404
    default_message = _l("This account does not exist.")


class InvalidCode(AccountError, Invalid):
    """Wrong, expired, spent or exhausted: the same words for each, so nothing is learnt from them."""

    field = "code"
    default_message = _l("This code is wrong or has expired. Check the last SMS or ask for a new code.")


class PhoneTaken(AccountError, Conflict):
    field = "phone"
    default_message = _l("This phone number is already used by another account.")
