"""Locale choice: the URL's language for pages, the visitor's choice or browser for the rest."""
from __future__ import annotations

from functools import cache

from babel import Locale
from flask import current_app, has_request_context, request
from flask_login import current_user

LOCALE_COOKIE = "lang"
RTL_LOCALES = frozenset({"ar"})
# Set by app.web.languages.LanguagePrefix when the path starts with a language code.
LANGUAGE_KEY = "souk.language"
# Blueprints serving pages read by people: their language is the URL's (an unprefixed page is the default's).
PAGE_BLUEPRINTS = frozenset({"shop", "cart", "checkout", "account", "phone", "second_factor", "supplier", "admin"})


def selected_locale() -> Locale:
    """Flask-Babel's locale selector: `select_locale()`'s language, parsed once per language (given its
    code, Flask-Babel would parse it again on every request)."""
    return _parsed(select_locale())


@cache
def _parsed(code: str) -> Locale:  # only the site's languages: select_locale() chooses among them
    return Locale.parse(code)


def select_locale() -> str:
    """The request's language (the site's default outside a request)."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():  # CLI commands and background jobs: the site's default language
        return default
    language = request.environ.get(LANGUAGE_KEY)
    if language:
        return language
    if request.blueprint in PAGE_BLUEPRINTS:
        return default
    # The API and answers outside any page: negotiated, as they have no address per language.
    return saved_language() or request.accept_languages.best_match(current_app.config["LANGUAGES"]) or default


def saved_language() -> str | None:
    """The visitor's explicit choice: the switcher's cookie, else the account's language."""
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return None


def text_direction(locale: str) -> str:
    return "rtl" if locale in RTL_LOCALES else "ltr"


def localized(obj: object, field: str, locale: str) -> str:
    """A field in the visitor's language when a translation exists (`<field>_i18n` dict)."""
    translations = getattr(obj, f"{field}_i18n", None) or {}
    return translations.get(locale) or getattr(obj, field)
