"""Account forms: every field says what is wrong in the visitor's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from app.accounts.services import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from app.validators import EmailAddress, MoroccanMobile

REQUIRED = _l("This field is required.")
PASSWORD_LENGTH = _l("Choose a password of at least 10 characters.")
PASSWORDS_DIFFER = _l("The two passwords are not the same.")


def _email_field(label=None) -> EmailField:
    return EmailField(
        label or _l("E-mail address"),
        validators=[DataRequired(REQUIRED), Length(max=254), EmailAddress()],
        render_kw={"autocomplete": "email", "inputmode": "email", "autocapitalize": "none", "spellcheck": "false",
                   "dir": "ltr"},  # addresses read left to right, even on an Arabic page
    )


def _new_password_field(label=None) -> PasswordField:
    return PasswordField(
        label or _l("Password"),
        validators=[DataRequired(REQUIRED), Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH,
                                                   message=PASSWORD_LENGTH)],
        description=_l("At least 10 characters. A short sentence is easy to remember and hard to guess."),
        render_kw={"autocomplete": "new-password", "minlength": MIN_PASSWORD_LENGTH},
    )


def _password_again_field(label) -> PasswordField:
    """The new password typed a second time, which must match the `password` field of the form."""
    return PasswordField(label, validators=[DataRequired(REQUIRED), EqualTo("password", message=PASSWORDS_DIFFER)],
                         render_kw={"autocomplete": "new-password"})


def _current_password_field(label=None) -> PasswordField:
    return PasswordField(label or _l("Password"), validators=[DataRequired(REQUIRED), Length(max=MAX_PASSWORD_LENGTH)],
                         render_kw={"autocomplete": "current-password"})


class RegisterForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(REQUIRED), Length(max=120)],
                       render_kw={"autocomplete": "name"})
    email = _email_field()
    password = _new_password_field()
    sell = BooleanField(_l("I want to sell: I am a microcredit beneficiary"),
                        description=_l("You will be asked to prove it before your products are shown."))
    next = HiddenField()


class LoginForm(FlaskForm):
    # Named "email" for the rate limits and scripts; a mobile number is accepted too (once a password is set).
    email = StringField(_l("E-mail address or mobile number"), validators=[DataRequired(REQUIRED), Length(max=254)],
                        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false",
                                   "dir": "ltr"})
    password = _current_password_field()
    remember = BooleanField(_l("Remember me on this device"))
    next = HiddenField()


class ResetRequestForm(FlaskForm):
    email = _email_field()


class ResetPasswordForm(FlaskForm):
    password = _new_password_field(_l("New password"))
    confirm = _password_again_field(_l("New password, again"))


class ChangePasswordForm(FlaskForm):
    current_password = _current_password_field(_l("Current password"))
    password = _new_password_field(_l("New password"))
    confirm = _password_again_field(_l("New password, again"))


class ChangeEmailForm(FlaskForm):
    email = _email_field(_l("New e-mail address"))
    password = _current_password_field(_l("Your password, to confirm"))


def phone_field(label=None) -> StringField:
    return StringField(
        label or _l("Mobile number"),
        validators=[DataRequired(REQUIRED), Length(max=24), MoroccanMobile()],
        description=_l("We send you a code by SMS. No e-mail address is needed."),
        render_kw={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr", "placeholder": "06 12 34 56 78"},
    )


class PhoneForm(FlaskForm):
    phone = phone_field()
    next = HiddenField()


class CodeForm(FlaskForm):
    code = StringField(_l("Code received by SMS"), validators=[DataRequired(REQUIRED), Length(max=12)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr",
                                  "pattern": "[0-9 ]*", "maxlength": 12})


class PhoneWelcomeForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(REQUIRED), Length(max=120)],
                       render_kw={"autocomplete": "name"})
    sell = BooleanField(_l("I want to sell: I am a microcredit beneficiary"),
                        description=_l("You will be asked to prove it before your products are shown."))


class NewPhoneForm(FlaskForm):
    phone = phone_field(_l("New mobile number"))


class FirstPasswordForm(FlaskForm):
    password = _new_password_field()
    confirm = _password_again_field(_l("Password, again"))


class SecondFactorForm(FlaskForm):
    """The 6-digit code of the authenticator app, or one recovery code."""

    code = StringField(_l("Code"), validators=[DataRequired(REQUIRED), Length(max=40)],
                       description=_l("The 6 digits your authenticator app shows, or one of your recovery codes."),
                       render_kw={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "characters",
                                  "spellcheck": "false", "dir": "ltr"})
    next = HiddenField()
