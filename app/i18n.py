"""Locale choice: the visitor's saved choice, then the browser, then French."""
from __future__ import annotations

from flask import current_app, has_request_context, request
from flask_login import current_user

LOCALE_COOKIE = "lang"
RTL_LOCALES = frozenset({"ar"})


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and background jobs: the site's default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def text_direction(locale: str) -> str:
    return "rtl" if locale in RTL_LOCALES else "ltr"


def localized(obj: object, field: str, locale: str) -> str:
    """A field in the visitor's language when a translation exists (`<field>_i18n` dict)."""
    translations = getattr(obj, f"{field}_i18n", None) or {}
    return translations.get(locale) or getattr(obj, field)
