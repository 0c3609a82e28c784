"""What browser tests of the beneficiary portal do before the part they test: pick a language, log in."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.helpers import DEFAULT_PASSWORD


def set_language(page: Page, base: str, lang: str) -> None:
    """The language cookie the switcher sets, so pages open in `lang`."""
    page.context.add_cookies([{"name": "lang", "value": lang, "url": base}])


def log_in(page: Page, base: str, email: str, then: str) -> None:
    """Log in through the real form and land on `then` (a path), as a bookmark to it would."""
    page.goto(f"{base}/account/login?next={then}")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(then) + "$"))
