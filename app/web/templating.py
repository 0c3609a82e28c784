"""Jinja filters and globals: money, dates and languages in the visitor's locale."""
from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, numbers
from babel.support import NullTranslations
from flask import Flask, g
from flask_babel import format_currency, format_decimal, get_locale, get_translations

from app.audit.labels import action_label
from app.catalog.models import ListingStatus
from app.exhibition.choices import reference_names, translated_name
from app.i18n import localized, text_direction
from app.media.models import ImageState
from app.money import CURRENCY, to_decimal
from app.notifications.models import Channel
from app.orders.models import DeliveryMethod, LineStatus, OrderStatus, PaymentMethod
from app.suppliers.models import VerificationState
from app.verification.models import RequestKind, RequestState
from app.verification.services import reason_text
from app.web.fragments import fragment
from app.web.labels import label, tone
from app.web.languages import page_addresses
from app.web.pagination import page_url

_CODE_AGAINST_DIGIT = re.compile(r"(?<=[A-Z])(?=\d)|(?<=\d)(?=[A-Z])")


def money(centimes: int) -> str:
    """An amount of MAD as the visitor's locale writes it (Western digits in Arabic too: Morocco's usage)."""
    locale = get_locale()
    if locale is None:  # outside a request: Flask-Babel's own default
        return _spaced(format_currency(to_decimal(centimes), CURRENCY))
    return _money_in(locale, centimes)


@lru_cache(maxsize=8192)
def _money_in(locale: Locale, centimes: int) -> str:
    """Memoised per (locale, amount): Babel's formatting costs ~50 µs, and a page shows the same prices again."""
    return _spaced(numbers.format_currency(to_decimal(centimes), CURRENCY, locale=locale))


def _spaced(text: str) -> str:
    # CLDR's currency spacing, which Babel leaves out: a letter code never touches the digits ("MAD 190.00").
    return _CODE_AGAINST_DIGIT.sub("\u00a0", text)


def amount(centimes: int) -> str:
    """An amount of MAD without its currency, for the columns of a table that names it once."""
    return format_decimal(to_decimal(centimes), format="#,##0.00")


def request_translations() -> NullTranslations:
    """This request's translations, looked up once (kept where `flask_babel.refresh()` clears them).

    Flask-Babel resolves the locale, the domain and its cache again on every call; a page
    translates some thirty strings, which cost more than its database queries.
    """
    ctx = g.get("_flask_babel")
    found = getattr(ctx, "babel_translations", None)
    if found is None:
        found = get_translations()
        g._flask_babel.babel_translations = found
    return found


def translated(name: str, kind: str) -> str:
    """A city or craft as the reader's language names it (the stand's own words when staff gave none)."""
    names = g.get("_reference_names")
    if names is None:
        names = g._reference_names = reference_names()  # one lookup per request, however many stands
    return translated_name(kind, name, str(get_locale()), names)


def register(app: Flask) -> None:
    from app.web.media import media_url, picture_sources

    app.jinja_env.filters["money"] = money
    app.jinja_env.globals["page_url"] = page_url
    app.jinja_env.globals["media_url"] = media_url
    app.jinja_env.globals["picture_sources"] = picture_sources
    app.jinja_env.globals["fragment"] = fragment
    app.jinja_env.filters["amount"] = amount
    app.jinja_env.filters["action_label"] = action_label
    app.jinja_env.filters["label"] = label
    app.jinja_env.filters["tone"] = tone
    app.jinja_env.globals["verification_reason"] = reason_text  # a flag's standard reason, in words
    # Templates branch on members (`order.status == OrderStatus.PAID`), never on their spelling.
    app.jinja_env.globals.update({enum_type.__name__: enum_type for enum_type in (
        OrderStatus, LineStatus, PaymentMethod, DeliveryMethod, ListingStatus, VerificationState,
        RequestKind, RequestState, ImageState, Channel)})
    app.jinja_env.filters["translated"] = translated
    app.jinja_env.install_gettext_callables(  # Flask-Babel's, with the lookup done once per request
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def locale_context() -> dict:
        locale = str(get_locale() or app.config["BABEL_DEFAULT_LOCALE"])
        return {
            "current_locale": locale,
            "text_direction": text_direction(locale),
            "languages": app.config["LANGUAGES"],
            "localized": lambda obj, field: localized(obj, field, locale),
            "page_addresses": page_addresses,
        }
