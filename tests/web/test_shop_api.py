"""The read API: shapes, filters, pagination, hidden objects and JSON errors."""
from __future__ import annotations

from app.catalog.models import ListingStatus
from app.extensions import db
from tests.factories import (
    make_category,
    make_fair,
    make_group,
    make_hall,
    make_pickup_point,
    make_product,
    make_supplier,
    make_translation,
)


def test_products_list_shape_with_money_in_centimes(client, app):
    with app.app_context():
        supplier = make_supplier(slug="khadija", display_name="Khadija", city="Safi")
        make_product(title="Tajine", slug="tajine", supplier=supplier, price_centimes=15050)
        make_product(title="Draft", status=ListingStatus.DRAFT)
        db.session.commit()
    body = client.get("/api/v1/products").json
    assert body["page"] == 1 and body["next"] is None and body["prev"] is None
    [item] = body["items"]
    assert item["title"] == "Tajine"
    assert item["price"] == {"amount": 15050, "currency": "MAD"}
    assert item["supplier"] == {"slug": "khadija", "name": "Khadija", "city": "Safi"}
    assert item["url"].endswith(f"/products/{item['id']}-tajine")
    assert item["in_stock"] is True and item["image"] is None


def test_products_filters_search_and_pagination_links(client, app):
    with app.app_context():
        pottery = make_category(slug="pottery")
        for i in range(3):
            make_product(title=f"Tajine {i}", category=pottery, price_centimes=1000 * (i + 1))
        make_product(title="Tapis")
        db.session.commit()
    body = client.get("/api/v1/products?category=pottery&sort=price_asc&per_page=2").json
    assert [i["title"] for i in body["items"]] == ["Tajine 0", "Tajine 1"]
    assert "page=2" in body["next"] and "category=pottery" in body["next"] and "per_page=2" in body["next"]
    second = client.get(body["next"]).json
    assert [i["title"] for i in second["items"]] == ["Tajine 2"] and second["next"] is None
    assert [i["title"] for i in client.get("/api/v1/products?q=tapis").json["items"]] == ["Tapis"]


def test_bad_parameters_are_json_400(client):
    for query in ("page=abc", "min_price=x", "sort=cheap", "per_page=1000", "per_page=0", "per_page=%C2%B2",
                  "page=%C2%B2"):
        response = client.get(f"/api/v1/products?{query}")
        assert response.status_code == 400, query
        assert response.json["error"]["status"] == 400 and response.json["error"]["message"]


def test_product_detail_with_breakdown_translations_and_category(client, app):
    with app.app_context():
        group = make_group(commission_bp=1000)
        product = make_product(title="Huile", price_centimes=10000, supplier=make_supplier(group_id=group.id),
                               category=make_category(slug="argan", name="Argan", name_i18n={"ar": "أركان"}))
        make_translation(product, "ar", "زيت")
        db.session.commit()
        pid = product.id
    body = client.get(f"/api/v1/products/{pid}").json
    assert body["breakdown"]["producer"] == {"amount": 8500, "currency": "MAD"}
    assert body["breakdown"]["group_commission"]["amount"] == 1000
    assert body["breakdown"]["platform_fee"]["amount"] == 500
    assert body["translations"]["ar"]["title"] == "زيت"
    assert body["category"]["slug"] == "argan"
    arabic = client.get(f"/api/v1/products/{pid}", headers={"Accept-Language": "ar"}).json
    assert arabic["title"] == "زيت" and arabic["category"]["name"] == "أركان"


def test_hidden_products_and_suppliers_are_json_404(client, app):
    with app.app_context():
        hidden = make_supplier(slug="hidden", verified=False)
        product = make_product(supplier=hidden)
        draft = make_product(status=ListingStatus.PENDING)
        db.session.commit()
        ids = (product.id, draft.id)
    for pid in ids:
        response = client.get(f"/api/v1/products/{pid}")
        assert response.status_code == 404 and response.json["error"]["status"] == 404
    assert client.get("/api/v1/suppliers/hidden").status_code == 404
    assert "hidden" not in [s["slug"] for s in client.get("/api/v1/suppliers").json["items"]]


def test_suppliers_list_and_detail(client, app):
    with app.app_context():
        group = make_group(slug="sale")
        supplier = make_supplier(slug="khadija", display_name="Khadija", story="Potière.",
                                 story_i18n={"en": "Potter."}, group_id=group.id)
        make_supplier(slug="zineb", display_name="Zineb")
        make_product(supplier=supplier, title="Plate")
        make_fair(slug="rabat", suppliers=(supplier,))
        db.session.commit()
    listing = client.get("/api/v1/suppliers?per_page=1").json
    assert [s["slug"] for s in listing["items"]] == ["khadija"] and listing["next"]
    body = client.get("/api/v1/suppliers/khadija", headers={"Accept-Language": "en"}).json
    assert body["story"] == "Potter." and body["group"] == "sale"
    assert [f["slug"] for f in body["fairs"]] == ["rabat"]
    products = client.get(body["products"]).json["items"]
    assert [p["title"] for p in products] == ["Plate"]


def test_halls_fairs_and_pickup_points(client, app):
    with app.app_context():
        public, hidden = make_supplier(slug="public"), make_supplier(slug="hidden", verified=False)
        make_hall(slug="pottery", title="Poterie", title_i18n={"ar": "فخار"})
        make_fair(slug="rabat", suppliers=(public, hidden), days_from_now=4)
        make_fair(slug="old", days_from_now=-30)
        make_pickup_point(city="Salé", name="Espace Salé")
        make_pickup_point(city="Casablanca", name="Closed", active=False)
        db.session.commit()
    halls = client.get("/api/v1/halls", headers={"Accept-Language": "ar"}).json["items"]
    assert halls[0]["slug"] == "pottery" and halls[0]["title"] == "فخار"
    fairs = client.get("/api/v1/fairs").json["items"]
    assert [(f["slug"], f["upcoming"]) for f in fairs] == [("rabat", True), ("old", False)]
    assert [s["supplier"] for s in fairs[0]["stands"]] == ["public"]
    assert fairs[0]["stands"][0]["qr_code"].endswith("/fairs/rabat/qr/public.png")
    points = client.get("/api/v1/pickup-points").json["items"]
    assert [p["name"] for p in points] == ["Espace Salé"] and points[0]["kind"] == "solidarity_space"
    assert client.get("/api/v1/pickup-points?city=Fès").json["items"] == []


def test_openapi_document_lists_every_endpoint(client):
    body = client.get("/api/v1/openapi.json").json
    assert body["openapi"].startswith("3.1")
    assert set(body["paths"]) >= {"/products", "/products/{id}", "/suppliers", "/suppliers/{slug}", "/halls",
                                  "/fairs", "/pickup-points", "/openapi.json"}
    assert body["servers"][0]["url"].endswith("/api/v1")
    refs = {ref.rsplit("/", 1)[1] for ref in _refs(body) if ref.startswith("#/components/schemas/")}
    assert refs <= set(body["components"]["schemas"])


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)
