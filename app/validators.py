"""Reusable input validation: e-mail addresses and Moroccan phone numbers.

Plain functions return the normalised value or raise `ValueError` whose argument is a
lazy translatable message (turn it into text inside a request, where the visitor's
language is known); the WTForms validators below wrap them so every form says the same thing.
"""
from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms import Field, Form, ValidationError

from app.numbers import western_digits

PHONE_REGION = "MA"
# Digits and the separators people type; anything else (letters, "ext", ";") is refused
# before phonenumbers, which would otherwise read "0612345678x" as a number plus an extension.
_PHONE_CHARS = re.compile(r"^\+?[0-9 .\-()/]{6,24}$")
# 05 fixed lines, 06 and 07 mobiles: the numbers a courier can call.
_ACCEPTED_FIRST_DIGITS = ("5", "6", "7")

EMAIL_INVALID = _l("Enter a valid e-mail address, such as name@example.ma.")
MOBILE_INVALID = _l("Enter a Moroccan mobile number, such as 06 12 34 56 78 or +212 6 12 34 56 78.")
PHONE_INVALID = _l("Enter a Moroccan phone number, such as 06 12 34 56 78 or +212 6 12 34 56 78.")


def normalize_email(raw: str) -> str:
    """The address in the form we store and compare (lower case); raises ValueError if invalid.

    No deliverability (DNS) check: the shop must work offline and a slow resolver must not
    block a registration.
    """
    try:
        result = validate_email((raw or "").strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(EMAIL_INVALID) from error
    return result.normalized.lower()


def normalize_moroccan_phone(raw: str) -> str:
    """A Moroccan number (06.., 07.., 05.., +212.., 00212..) in E.164 form; raises ValueError otherwise."""
    text = western_digits(raw or "").strip()
    if not _PHONE_CHARS.match(text):
        raise ValueError(PHONE_INVALID)
    try:
        number = phonenumbers.parse(text, PHONE_REGION)
    except phonenumbers.NumberParseException as error:
        raise ValueError(PHONE_INVALID) from error
    national = str(number.national_number)
    if (
        number.country_code != 212
        or not phonenumbers.is_valid_number_for_region(number, PHONE_REGION)
        or not national.startswith(_ACCEPTED_FIRST_DIGITS)
    ):
        raise ValueError(PHONE_INVALID)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_moroccan_mobile(raw: str) -> str:
    """A Moroccan mobile number (06.., 07.., +2126.., +2127..) in E.164 form: one that can receive an SMS."""
    try:
        number = normalize_moroccan_phone(raw)
    except ValueError as error:
        raise ValueError(MOBILE_INVALID) from error
    if not number.startswith(("+2126", "+2127")):
        raise ValueError(MOBILE_INVALID)
    return number


class EmailAddress:
    """WTForms validator: checks the address and replaces the field's data by its normalised form."""

    def __init__(self, message: str | None = None) -> None:
        self.message = message

    def __call__(self, form: Form, field: Field) -> None:
        try:
            field.data = normalize_email(field.data or "")
        except ValueError as error:
            raise ValidationError(self.message or str(error.args[0])) from error


class MoroccanPhone:
    """WTForms validator: accepts 06/07/05 numbers and +212 forms, leaves E.164 in `field.data`."""

    def __init__(self, message: str | None = None) -> None:
        self.message = message

    def __call__(self, form: Form, field: Field) -> None:
        try:
            field.data = normalize_moroccan_phone(field.data or "")
        except ValueError as error:
            raise ValidationError(self.message or str(error.args[0])) from error


class MoroccanMobile(MoroccanPhone):
    """WTForms validator: only 06/07 numbers (they receive the SMS codes), leaves E.164 in `field.data`."""

    def __call__(self, form: Form, field: Field) -> None:
        try:
            field.data = normalize_moroccan_mobile(field.data or "")
        except ValueError as error:
            raise ValidationError(self.message or str(error.args[0])) from error
