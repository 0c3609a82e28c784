"""Content in the reader's language wherever a product, fair or pickup point is shown; the original as fallback."""
from sqlalchemy import select

from app.accounts.models import Role
from app.catalog.models import Product, ReferenceName
from app.exhibition.models import Fair, PickupPoint
from app.extensions import db
from app.mail import outbox_messages
from app.orders.models import Order
from tests.factories import make_fair, make_pickup_point, make_product, make_supplier, make_translation
from tests.helpers import fill_cart, log_in_new_user
from tests.web.test_checkout import FORM

SAFFRON_FR, SAFFRON_AR = "Safran de Taliouine 2 g bio", "زعفران تالوين 2 غ عضوي"


def _saffron_in_cart(app, client) -> int:
    [pid] = fill_cart(app, client, {"title": SAFFRON_FR, "price_centimes": 19000, "stock": 5})
    with app.app_context():
        make_translation(db.session.get(Product, pid), "ar", SAFFRON_AR)
        db.session.commit()
    return pid


def test_cart_checkout_order_and_mail_show_the_arabic_title(app, client):
    _saffron_in_cart(app, client)
    assert SAFFRON_AR in client.get("/ar/cart").text and SAFFRON_FR not in client.get("/ar/cart").text
    assert SAFFRON_AR in client.get("/ar/checkout").text
    response = client.post("/ar/checkout", data=FORM)
    order_page = client.get(response.headers["Location"]).text
    assert f"1 × <bdi>{SAFFRON_AR}</bdi>" in order_page
    with app.app_context():
        order = db.session.scalar(select(Order))
        assert order.lines[0].title == SAFFRON_FR and order.lines[0].title_i18n == {"ar": SAFFRON_AR}
        [mail] = [m for m in outbox_messages() if order.number in m["Subject"] and m["To"] == "amina@example.ma"]
        assert SAFFRON_AR in mail.get_content()


def test_the_same_order_reads_in_french_where_there_is_no_translation(app, client):
    _saffron_in_cart(app, client)
    response = client.post("/checkout", data=FORM)
    assert SAFFRON_FR in client.get(response.headers["Location"]).text  # English page: no English title, original


def test_fair_venue_description_and_pickup_point_follow_the_page_language(app, client):
    with app.app_context():
        make_fair(slug="salon", venue="Parc de la Ligue arabe", venue_i18n={"ar": "حديقة الجامعة العربية"},
                  description="Le salon de l'artisanat.", description_i18n={"ar": "معرض الصناعة التقليدية."})
        make_pickup_point(name="Espace solidaire Hay Riad", name_i18n={"ar": "الفضاء التضامني حي الرياض"})
        db.session.commit()
    fair = client.get("/ar/fairs/salon").text
    assert "حديقة الجامعة العربية" in fair and '<p dir="auto">معرض الصناعة التقليدية.</p>' in fair
    assert "الفضاء التضامني حي الرياض" in client.get("/ar/pickup-points").text
    assert "Parc de la Ligue arabe" in client.get("/fairs/salon").text


def test_staff_enter_translations_of_fairs_and_pickup_points(app, client):
    log_in_new_user(app, client, Role.ADMIN)
    client.post("/admin/catalogue/fairs/new", data={
        "name": "Foire de Salé", "city": "Salé", "venue": "Bab Lamrissa", "venue_ar": "باب المريسة",
        "venue_en": "Bab Lamrissa gate", "starts_on": "2026-06-10", "ends_on": "2026-06-12",
        "description": "Artisanat.", "description_ar": "صناعة تقليدية."})
    client.post("/admin/catalogue/pickup-points/new", data={
        "name": "Épicerie Amal", "name_ar": "بقالة أمل", "kind": "proximity_shop", "city": "Salé",
        "address": "12 rue Chellah", "address_ar": "12 زنقة شالة", "opening_hours": "9-19"})
    with app.app_context():
        fair = db.session.scalar(select(Fair))
        point = db.session.scalar(select(PickupPoint))
        assert fair.venue_i18n == {"ar": "باب المريسة", "en": "Bab Lamrissa gate"}
        assert fair.description_i18n == {"ar": "صناعة تقليدية."}
        assert (point.name_i18n, point.address_i18n) == ({"ar": "بقالة أمل"}, {"ar": "12 زنقة شالة"})
    assert 'value="باب المريسة"' in client.get(f"/admin/catalogue/fairs/{fair.id}").text


def _potter_of_fes(app) -> tuple[int, str]:
    """A stand of a potter in Fès, its city and craft translated by staff in the admin."""
    with app.app_context():
        product = make_product(supplier=make_supplier(city="Fès", craft="Potière"), title="Bol de Fès")
        db.session.commit()
        return product.id, product.supplier.slug


def _translate(client, kind: str, name: str, arabic: str, english: str = ""):
    return client.post("/admin/catalogue/names/new", data={"kind": kind, "name": name, "name_ar": arabic,
                                                          "name_en": english})


def test_cities_and_crafts_read_in_the_page_language_once_staff_translate_them(app, client):
    product_id, stand = _potter_of_fes(app)
    assert "فاس" not in client.get(f"/ar/products/{product_id}").text  # not translated yet: the stand's words
    assert "Fès" in client.get(f"/ar/products/{product_id}").text

    log_in_new_user(app, client, Role.ADMIN)
    assert "Potière" in client.get("/admin/catalogue/names").text  # listed as in use, not translated yet
    assert _translate(client, "city", "Fès", "فاس", "Fez").status_code == 303
    assert _translate(client, "craft", "Potière", "خزافة", "Potter").status_code == 303
    client.post("/logout")

    product_page = client.get(f"/ar/products/{product_id}").text
    assert "<bdi>خزافة</bdi> · <bdi>فاس</bdi>" in product_page
    assert "فاس" in client.get(f"/ar/suppliers/{stand}").text and "خزافة" in client.get(f"/ar/suppliers/{stand}").text
    catalogue = client.get("/ar/products").text
    assert "<bdi>فاس</bdi>" in catalogue  # the card
    assert '<option value="Fès" >فاس</option>' in catalogue  # the filter keeps the stored value
    assert "Fez" in client.get(f"/products/{product_id}").text  # English: the tests' unprefixed language
    assert "<bdi>Potière</bdi> · <bdi>Fès</bdi>" in client.get(f"/fr/products/{product_id}").text


def test_a_name_is_translated_once(app, client):
    _potter_of_fes(app)
    log_in_new_user(app, client, Role.ADMIN)
    _translate(client, "city", "Fès", "فاس")
    again = _translate(client, "city", "Fès", "مدينة فاس")
    assert again.status_code == 422 and "already translated" in again.text
    with app.app_context():
        assert [n.name_i18n for n in db.session.scalars(select(ReferenceName))] == [{"ar": "فاس"}]


def test_checkout_and_the_order_page_name_the_city_in_the_page_language(app, client):
    _saffron_in_cart(app, client)
    with app.app_context():
        db.session.add(ReferenceName(kind="city", name="Rabat", name_i18n={"ar": "الرباط"}))
        db.session.commit()
    assert '<option value="Rabat">الرباط — ' in client.get("/ar/checkout").text  # the value stays the stored name
    response = client.post("/ar/checkout", data=FORM)
    assert "<bdi>الرباط</bdi>" in client.get(response.headers["Location"]).text
    with app.app_context():
        assert db.session.scalar(select(Order)).delivery_city == "Rabat"
