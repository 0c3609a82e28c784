"""What browser tests do before the part they test (pick a language, log in: staff with their second factor),
and how they read where text was laid out."""
from __future__ import annotations

import re
import time

import pyotp
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.catalog.models import Category, ListingStatus
from app.extensions import db
from tests.factories import make_category, make_product, make_supplier
from tests.helpers import DEFAULT_PASSWORD

# The box of the first occurrence of `needle` inside an element, as Chromium laid it out (in a right-to-left
# page what reads first sits further right): page.evaluate(TEXT_BOX, [element_handle, needle]).
TEXT_BOX = """([element, needle]) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at); range.setEnd(node, at + needle.length);
    const r = range.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top};
  }
  return null;
}"""


def set_language(page: Page, base: str, lang: str) -> None:
    """The language cookie the switcher sets, so pages open in `lang`."""
    page.context.add_cookies([{"name": "lang", "value": lang, "url": base}])


def log_in(page: Page, base: str, email: str, then: str) -> None:
    """Log in through the real form and land on `then` (a path), as a bookmark to it would; staff
    complete their second factor on the way."""
    page.goto(f"{base}/account/login?next={then}")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    complete_second_factor(page, email)
    expect(page).to_have_url(re.compile(re.escape(then) + "$"))


# The authenticator keys staff enrolled in this browser session, by e-mail: the phone a tester would hold.
_KEYS: dict[str, str] = {}


def complete_second_factor(page: Page, email: str) -> None:
    """If the site asks for a staff second factor: enrol (reading the key the page shows, as a phone scanning
    the QR code would) or give the current code; then go on to where the login was heading."""
    page.wait_for_url(lambda url: "/account/login" not in url)  # the password was taken
    if "/account/two-factor/setup" in page.url:
        _KEYS[email] = page.locator("main code").first.inner_text().strip()
        page.fill("input[name=code]", pyotp.TOTP(_KEYS[email]).now())
        page.locator("main form button[type=submit]").first.click()
        page.locator("main a.button").click()  # "I have kept them: continue"
    elif "/account/two-factor/" in page.url:
        totp = pyotp.TOTP(_KEYS[email])
        page.fill("input[name=code]", totp.at(time.time() + 30))  # the next step: a step is accepted once
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def beneficiary_with_a_draft(app, title: str) -> tuple[str, int]:
    """A verified beneficiary with a stand and one draft listing: (her e-mail, the listing's id)."""
    with app.app_context():
        make_category(name="Poterie")
        supplier = make_supplier(verified=True, display_name="Fatima Zahra", trade_name="Atelier Safi")
        product = make_product(supplier, db.session.scalar(select(Category)), status=ListingStatus.DRAFT, title=title)
        db.session.commit()
        return supplier.user.email, product.id
