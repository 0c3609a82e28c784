"""Public pages: home, product, stand, halls, fairs, groups, pickup points; what stays hidden."""
from __future__ import annotations

import re

import pytest

from app.catalog.models import ListingStatus
from app.exhibition.models import PickupKind
from app.extensions import db
from app.suppliers.models import VerificationState
from tests.factories import (
    add_photos,
    make_category,
    make_fair,
    make_group,
    make_hall,
    make_pickup_point,
    make_product,
    make_supplier,
    make_translation,
)
from tests.helpers import count_queries


def html(response) -> str:
    return response.get_data(as_text=True)


def titles(response) -> list[str]:
    return re.findall(r'<h3 class="card-title"(?: dir="auto")?>([^<]+)</h3>', html(response))


def test_home_shows_featured_halls_newest_products_and_upcoming_fairs(client, app):
    with app.app_context():
        make_hall(title="Argan and terroir", featured=True)
        make_hall(title="Not featured")
        make_product(title="Amlou")
        suspended = make_supplier()
        suspended.verification_state = VerificationState.SUSPENDED
        make_product(title="Suspended stand's honey", supplier=suspended)
        make_fair(name="Salon de Rabat", days_from_now=5)
        make_fair(name="Old fair", days_from_now=-30)
        db.session.commit()
    page = html(client.get("/"))
    assert "Argan and terroir" in page and "Not featured" not in page
    assert "Amlou" in page and "honey" not in page
    assert "Salon de Rabat" in page and "Old fair" not in page
    assert 'href="/products"' in page
    assert "<title>Souk Solidaire</title>" in page  # the shop's name once


def test_home_queries_do_not_grow_with_the_catalogue(client, app):
    with app.app_context():
        make_hall(title="Argan and terroir", featured=True)
        make_product(title="Amlou")
        db.session.commit()
    few = count_queries(app, client, "/")
    with app.app_context():
        for n in range(12):
            add_photos(make_product(title=f"Bowl {n}"), count=1)
        db.session.commit()
    assert count_queries(app, client, "/") == few + 1  # + the newest cards' cover photos, read once to render
    assert count_queries(app, client, "/") == few  # then remembered: halls, newest cards, fairs
    assert few <= 3, few


def test_a_page_title_names_the_page_then_the_shop(client, app):
    with app.app_context():
        make_hall(slug="poterie", title="Poterie", featured=True)
        db.session.commit()
    assert "<title>Poterie · Souk Solidaire</title>" in html(client.get("/halls/poterie"))


def test_product_page_shows_price_stock_stand_breakdown_and_cart_form(client, app):
    with app.app_context():
        group = make_group(commission_bp=1000, name="Coopérative Salé")
        supplier = make_supplier(display_name="Khadija", slug="khadija", group_id=group.id)
        product = make_product(title="Tajine", slug="tajine", supplier=supplier, price_centimes=20000, stock=2)
        db.session.commit()
        url = f"/products/{product.id}-tajine"
        product_id = product.id
    page = html(client.get(url))
    assert "Tajine" in page
    assert "200.00" in page  # 200 MAD
    assert "Only 2 left" in page or "2" in page
    assert 'href="/suppliers/khadija"' in page
    assert "170.00" in page  # producer: 200 - 10 % group - 5 % platform
    assert "20.00" in page and "10.00" in page
    assert 'action="/cart/items"' in page and f'name="product_id" value="{product_id}"' in page
    assert 'name="csrf_token"' in page


def test_product_without_slug_is_served_and_a_wrong_slug_redirects_permanently(client, app):
    with app.app_context():
        product = make_product(slug="tajine-de-safi")
        db.session.commit()
        pid = product.id
    assert client.get(f"/products/{pid}").status_code == 200
    response = client.get(f"/products/{pid}-old-name")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/products/{pid}-tajine-de-safi")


def test_sold_out_product_has_no_cart_form(client, app):
    with app.app_context():
        product = make_product(stock=0)
        db.session.commit()
        pid = product.id
    page = html(client.get(f"/products/{pid}"))
    assert "Sold out" in page or "puisé" in page
    assert 'action="/cart/items"' not in page


@pytest.mark.parametrize("status", [s for s in ListingStatus if s != ListingStatus.PUBLISHED])
def test_unpublished_products_are_not_found(client, app, status):
    with app.app_context():
        product = make_product(status=status)
        db.session.commit()
        pid = product.id
    assert client.get(f"/products/{pid}").status_code == 404


@pytest.mark.parametrize("state", [VerificationState.UNVERIFIED, VerificationState.PENDING,
                                   VerificationState.SUSPENDED])
def test_products_and_stands_of_non_public_suppliers_are_not_found(client, app, state):
    with app.app_context():
        supplier = make_supplier(slug="hidden")
        supplier.verification_state = state
        product = make_product(supplier=supplier)
        db.session.commit()
        pid = product.id
    assert client.get(f"/products/{pid}").status_code == 404
    assert client.get("/suppliers/hidden").status_code == 404


def test_product_page_in_the_visitors_language(client, app):
    with app.app_context():
        product = make_product(title="Huile d'argan", description="Pressée à froid.")
        make_translation(product, "ar", "زيت أركان", "معصور على البارد")
        db.session.commit()
        pid = product.id
    page = html(client.get(f"/ar/products/{pid}"))
    assert 'dir="rtl"' in page and "زيت أركان" in page and "معصور على البارد" in page
    assert "زيت أركان" in html(client.get("/ar/products"))


def test_related_products_are_public_products_of_the_same_category(client, app):
    with app.app_context():
        pottery = make_category()
        product = make_product(title="Plate", category=pottery)
        make_product(title="Bowl", category=pottery)
        make_product(title="Hidden bowl", category=pottery, status=ListingStatus.DRAFT)
        suspended = make_supplier()
        suspended.verification_state = VerificationState.SUSPENDED
        make_product(title="Suspended stand's bowl", category=pottery, supplier=suspended)
        make_product(title="Bag")
        db.session.commit()
        pid = product.id
    assert titles(client.get(f"/products/{pid}")) == ["Bowl"]


def test_product_description_markup_is_sanitised(client, app):
    with app.app_context():
        product = make_product(description="<p>Fine <strong>clay</strong></p><script>alert(1)</script>")
        db.session.commit()
        pid = product.id
    page = html(client.get(f"/products/{pid}"))
    assert "<strong>clay</strong>" in page and "<script>alert" not in page


def test_stand_shows_story_in_language_group_products_and_upcoming_fairs(client, app):
    with app.app_context():
        group = make_group(name="Groupement de Safi", slug="safi")
        supplier = make_supplier(slug="khadija", display_name="Khadija", craft="Poterie", city="Safi",
                                 story="Potière depuis l'enfance.", story_i18n={"ar": "خزافة منذ الطفولة"},
                                 group_id=group.id)
        make_product(title="Plate", supplier=supplier)
        make_product(title="Hidden plate", supplier=supplier, status=ListingStatus.DRAFT)
        make_fair(name="Salon de Safi", suppliers=(supplier,), days_from_now=3)
        make_fair(name="Old salon", suppliers=(supplier,), days_from_now=-40)
        db.session.commit()
    page = html(client.get("/suppliers/khadija"))
    assert "Khadija" in page and "Poterie" in page and "Potière depuis" in page
    assert 'href="/groups/safi"' in page
    assert titles(client.get("/suppliers/khadija")) == ["Plate"]
    assert "Salon de Safi" in page and "Old salon" not in page
    assert "خزافة منذ الطفولة" in html(client.get("/ar/suppliers/khadija"))


def test_flagged_supplier_stays_visible_while_under_review(client, app):
    with app.app_context():
        supplier = make_supplier(slug="flagged")
        supplier.verification_state = VerificationState.FLAGGED
        db.session.commit()
    assert client.get("/suppliers/flagged").status_code == 200


def test_halls_list_and_hall_keeps_the_curated_order(client, app):
    with app.app_context():
        first, second, hidden = make_product(title="B first"), make_product(title="A second"), make_product(
            title="Hidden", status=ListingStatus.ARCHIVED)
        make_hall(slug="pottery", title="Pottery", intro="Clay of Safi.", products=(first, hidden, second))
        db.session.commit()
    assert "Pottery" in html(client.get("/halls"))
    response = client.get("/halls/pottery")
    assert "Clay of Safi." in html(response)
    assert titles(response) == ["B first", "A second"]
    assert client.get("/halls/nope").status_code == 404
    assert client.get("/halls/pottery?page=abc").status_code == 400


def test_a_hall_links_the_stands_whose_pieces_it_shows(client, app):
    with app.app_context():
        potter = make_supplier(slug="khadija", display_name="Khadija")
        weaver = make_supplier(slug="itto", display_name="Itto")
        archived_only = make_supplier(slug="hidden-stand", display_name="Hidden")
        elsewhere = make_supplier(slug="elsewhere", display_name="Elsewhere")
        make_product(supplier=elsewhere)
        pieces = (make_product(supplier=potter), make_product(supplier=weaver), make_product(supplier=potter),
                  make_product(supplier=archived_only, status=ListingStatus.ARCHIVED))
        make_hall(slug="pottery", title="Pottery", products=pieces)
        db.session.commit()
    page = html(client.get("/halls/pottery"))
    stands = re.findall(r'<a href="/suppliers/([^"]+)">', page.split('id="hall-stands"')[1])
    assert stands == ["itto", "khadija"]  # each once, by name; none whose pieces the hall does not show


def test_fairs_calendar_and_fair_stands(client, app):
    with app.app_context():
        public, hidden = make_supplier(display_name="Public potter"), make_supplier(display_name="Hidden potter",
                                                                                      verified=False)
        make_fair(slug="rabat", name="Salon de Rabat", days_from_now=5, suppliers=(public, hidden))
        make_fair(name="Salon passé", days_from_now=-60)
        db.session.commit()
    calendar = html(client.get("/fairs"))
    assert "Salon de Rabat" in calendar and "Salon passé" in calendar
    assert calendar.index("Salon de Rabat") < calendar.index("Salon passé")
    fair = html(client.get("/fairs/rabat"))
    assert "Public potter" in fair and "Hidden potter" not in fair
    assert client.get("/fairs/nope").status_code == 404


def test_groups_list_and_storefront(client, app):
    with app.app_context():
        group = make_group(slug="sale", name="Groupement de Salé",
                           funders=(("Fondation Tamwil", "funder"), ("Mme Berrada", "professional")))
        member = make_supplier(display_name="Member potter", group_id=group.id)
        make_supplier(display_name="Hidden member", group_id=group.id, verified=False)
        make_product(title="Group plate", supplier=member)
        make_product(title="Other plate")
        db.session.commit()
    assert "Groupement de Salé" in html(client.get("/groups"))
    response = client.get("/groups/sale")
    page = html(response)
    assert "Member potter" in page and "Hidden member" not in page
    assert "Fondation Tamwil" in page and "Mme Berrada" in page
    assert titles(response) == ["Group plate"]
    assert client.get("/groups/nope").status_code == 404


def test_pickup_points_by_city_with_address_and_hours(client, app):
    with app.app_context():
        make_pickup_point(city="Salé", name="Espace solidaire de Salé", address="Avenue Hassan II")
        make_pickup_point(city="Casablanca", name="Épicerie Derb", kind=PickupKind.PROXIMITY_SHOP,
                          opening_hours="8h-20h")
        make_pickup_point(city="Fès", name="Closed shop", active=False)
        db.session.commit()
    page = html(client.get("/pickup-points"))
    assert "Espace solidaire de Salé" in page and "Avenue Hassan II" in page
    assert "Épicerie Derb" in page and "8h-20h" in page
    assert "Closed shop" not in page
    assert page.index("Casablanca") < page.index("Salé</h2>")


@pytest.mark.parametrize("url", ["/", "/products", "/halls", "/fairs", "/groups", "/pickup-points"])
def test_every_public_page_works_empty_and_in_arabic(client, url):
    assert client.get(url).status_code == 200
    response = client.get("/ar" + url)
    assert response.status_code == 200 and 'dir="rtl"' in html(response)


def test_gallery_shows_every_photo_cover_first_with_thumbnails(client, app):
    with app.app_context():
        product = make_product(title="Plate")
        cover, second = add_photos(product)
        db.session.commit()
        pid, hashes = product.id, (cover.content_hash[:16], second.content_hash[:16])
    page = html(client.get(f"/products/{pid}"))
    assert page.index(hashes[0]) < page.index(hashes[1])
    assert 'href="#photo-2"' in page and 'id="photo-2"' in page
    first_img = page[page.index("<img", page.index('id="photo-1"')):]
    assert 'fetchpriority="high"' in first_img.split(">", 1)[0]  # the cover loads at once, others lazily


@pytest.mark.parametrize("url", ["/products/99999999999", "/products/99999999999-tajine",
                                 "/api/v1/products/99999999999"])
def test_an_id_beyond_any_database_id_is_not_found(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url, heading", [("/fairs", "Itinerant fairs"), ("/groups", "Groupements solidaires"),
                                          ("/halls", "Exhibition halls"), ("/pickup-points", "Pickup points")])
def test_listing_pages_say_what_they_gather(client, url, heading):
    client.set_cookie("lang", "en")
    page = client.get(url).get_data(as_text=True)
    assert f"<h1>{heading}</h1>" in page and '<p class="lead">' in page


def test_a_product_page_costs_the_same_queries_whatever_its_photos_translations_and_neighbours(app, client):
    from tests.helpers import count_queries

    with app.app_context():
        category, supplier = make_category(), make_supplier(group_id=make_group().id)
        plain = make_product(category=category, supplier=supplier)
        rich = make_product(category=category, supplier=supplier)
        add_photos(rich, 6)
        make_translation(rich, "ar", "طاجين")
        for _ in range(6):
            add_photos(make_product(category=category, supplier=supplier), 1)
        db.session.commit()
        plain_id, rich_id = plain.id, rich.id
    for url in (f"/products/{plain_id}", f"/products/{rich_id}", f"/ar/products/{rich_id}"):
        client.get(url)  # the page's parts are rendered once per content (app.web.fragments): count warm pages
    lonely = count_queries(app, client, f"/products/{plain_id}")
    busy = count_queries(app, client, f"/products/{rich_id}")
    arabic = count_queries(app, client, f"/ar/products/{rich_id}")
    assert lonely == busy == arabic == 1, (lonely, busy, arabic)  # the product, its photos and its neighbours
