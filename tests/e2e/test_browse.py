"""A shopper browses home -> hall -> product -> supplier stand, then switches the shop to Arabic."""
from __future__ import annotations

import pytest

from app.extensions import db
from tests.factories import make_category, make_hall, make_product, make_supplier, make_translation

pytestmark = pytest.mark.e2e


@pytest.fixture
def exhibition(app):
    with app.app_context():
        potter = make_supplier(slug="khadija-amrani", display_name="Khadija Amrani", craft="Poterie", city="Safi",
                               story="Potière depuis l'enfance.", story_i18n={"ar": "خزافة منذ الطفولة"})
        pottery = make_category(slug="poterie", name="Poterie")
        tajine = make_product(title="Tajine peint", slug="tajine-peint", supplier=potter, category=pottery)
        make_translation(tajine, "ar", "طاجين مرسوم")
        make_product(title="Bol zellige", supplier=potter, category=pottery)
        make_hall(slug="poterie-de-safi", title="Poterie de Safi", featured=True, products=(tajine,))
        db.session.commit()


def test_home_to_hall_to_product_to_stand(page, live_server, exhibition):
    page.goto(live_server + "/")
    page.get_by_role("link", name="Poterie de Safi").first.click()
    page.wait_for_url("**/halls/poterie-de-safi")
    assert page.locator("h1").inner_text() == "Poterie de Safi"
    page.get_by_role("link", name="Tajine peint").click()
    page.wait_for_url("**/products/*-tajine-peint")
    assert page.locator("h1").inner_text() == "Tajine peint"
    assert page.locator("form.add-to-cart button").is_visible()
    page.screenshot(path="/tmp/e2e_product.png", full_page=True)
    page.locator(".by a").click()
    page.wait_for_url("**/suppliers/khadija-amrani")
    assert page.locator("h1").inner_text() == "Khadija Amrani"
    assert "Potière depuis" in page.content()


def test_switching_to_arabic_turns_the_page_right_to_left(page, live_server, exhibition):
    page.goto(live_server + "/products")
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.locator("button[name=lang][value=ar]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/products")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert "طاجين مرسوم" in page.content()
    page.screenshot(path="/tmp/e2e_products_ar.png", full_page=True)
    page.locator("button[name=lang][value=fr]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "ltr"
