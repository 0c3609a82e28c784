"""Layouts a newcomer found broken, measured in Chromium on a phone (390 px) and a laptop (1280 px):
fair stand cards, the moderation queue's bulk bar, the solidarity report, the hall's stands, and
field errors that must go once the field is corrected."""
from __future__ import annotations

import pytest

from app.accounts.models import Role
from app.catalog.models import ListingStatus
from app.extensions import db
from app.solidarity.ledger import credit_order
from tests.e2e.browser import log_in, set_language
from tests.factories import make_fair, make_group, make_hall, make_product, make_sale, make_supplier, make_user

pytestmark = pytest.mark.e2e
WIDTHS = {"phone": (390, 844), "laptop": (1280, 900)}


@pytest.fixture(params=list(WIDTHS))
def sized_page(request, browser):
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=width < 500)
    page = context.new_page()
    yield page
    context.close()


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_fair_stand_cards_give_their_text_room(sized_page, live_server, app, lang):
    with app.app_context():
        stands = [make_supplier(display_name=name, trade_name=trade, craft="Tisserande de tapis", city="Taznakht")
                  for name, trade in (("Khadija Aït Ouahmane", "Coopérative Tazrbit"),
                                      ("Youssef Bennani", "Atelier Zellige Bennani"))]
        make_fair(slug=f"foire-casablanca-{lang}", suppliers=tuple(stands))
        db.session.commit()
    set_language(sized_page, live_server, lang)  # right to left too
    sized_page.goto(f"{live_server}/fairs/foire-casablanca-{lang}")
    for card in sized_page.locator(".stand-card").all():
        text = card.locator("a").first.locator("span").first.bounding_box()
        assert text["width"] >= 0.5 * card.bounding_box()["width"], text  # once squeezed into 100 px
    assert _page_width(sized_page) <= sized_page.viewport_size["width"]


def test_a_hall_leads_to_its_stands(sized_page, live_server, app):
    with app.app_context():
        potter = make_supplier(slug="poterie-bahja", trade_name="Poterie Bahja")
        make_hall(slug="poterie", title="Poterie", products=(make_product(supplier=potter),))
        db.session.commit()
    sized_page.goto(f"{live_server}/halls/poterie")
    sized_page.locator("#hall-stands ~ .stand-list a", has_text="Poterie Bahja").click()
    sized_page.wait_for_url("**/suppliers/poterie-bahja")


@pytest.fixture
def moderator_with_a_queue(app):
    with app.app_context():
        make_user(Role.MODERATOR, email="moderatrice@example.ma")
        supplier = make_supplier()
        for n in range(6):
            make_product(supplier, title=f"Tajine {n}", status=ListingStatus.PENDING,
                         description="<p>" + "Terre cuite de Safi, tournée et peinte à la main. " * 6 + "</p>")
        db.session.commit()


def test_the_bulk_bar_never_hides_much_of_the_queue(sized_page, live_server, moderator_with_a_queue):
    log_in(sized_page, live_server, "moderatrice@example.ma", "/admin/moderation")
    height = sized_page.viewport_size["height"]
    sized_page.mouse.wheel(0, 1500)
    sized_page.wait_for_timeout(200)
    bar = sized_page.locator(".bulk-bar").bounding_box()  # relative to the viewport
    visible = max(0.0, min(bar["y"] + bar["height"], height) - max(bar["y"], 0))
    assert visible / height < 0.3, visible / height  # once 41 % of a phone's screen
    if sized_page.viewport_size["width"] >= 1280:
        assert visible > 0  # on a laptop it stays at hand while scrolling


def test_the_solidarity_report_fits_the_screen(sized_page, live_server, app):
    with app.app_context():
        make_user(Role.OVERSIGHT, email="oversight@example.ma")
        group = make_group(name="Groupement des artisans de la médina de Fès", commission_bp=1200)
        for n in range(3):
            supplier = make_supplier(display_name=f"Artisane {n}", trade_name=f"Atelier de la médina {n}",
                                     group_id=group.id if n else None)
            credit_order(make_sale(make_product(supplier, price_centimes=1_234_500), quantity=3))
        db.session.commit()
    set_language(sized_page, live_server, "fr")
    log_in(sized_page, live_server, "oversight@example.ma", "/admin/solidarity")
    assert _page_width(sized_page) <= sized_page.viewport_size["width"]  # once 1 374 px at 1 280
    if sized_page.viewport_size["width"] >= 1280:  # on a laptop the tables fit without scrolling
        assert sized_page.evaluate(
            "[...document.querySelectorAll('.table-scroll')].every(e => e.scrollWidth <= e.clientWidth)")


def test_a_field_error_goes_once_the_field_is_corrected(sized_page, live_server, app):
    set_language(sized_page, live_server, "en")
    sized_page.goto(f"{live_server}/account/register")
    sized_page.fill("input[name=email]", "not-an-address")
    sized_page.locator("main form button[type=submit]").click()
    field = sized_page.locator(".field", has=sized_page.locator("input[name=email]"))
    assert field.locator(".error").count() >= 1
    sized_page.fill("input[name=email]", "leila@example.ma")
    assert field.locator(".error").count() == 0
    assert "field-error" not in (field.get_attribute("class") or "")
