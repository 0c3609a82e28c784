"""Prices, numbers and dates through Babel in each locale; digits typed on an Arabic keyboard accepted."""
from sqlalchemy import select

from app import create_app
from app.catalog.models import Product
from app.extensions import db
from tests.factories import make_product
from tests.helpers import fill_cart, the_order
from tests.web.test_checkout import FORM
from tests.web.test_supplier_products import form, log_in_stand


def _page(client, path):
    return client.get(path).get_data(as_text=True)


def test_prices_are_written_the_way_each_language_writes_them(app, app_config, client):
    with app.app_context():
        pid = make_product(price_centimes=123450).id
        db.session.commit()
    french = create_app({**app_config, "BABEL_DEFAULT_LOCALE": "fr"}).test_client()
    assert "1\u202f234,50\u00a0MAD" in _page(french, f"/products/{pid}")
    assert "MAD\u00a01,234.50" in _page(french, f"/en/products/{pid}")
    arabic = _page(french, f"/ar/products/{pid}")
    assert "1,234.50\u00a0د.م." in arabic  # Western digits: what Moroccan shops, banks and receipts print
    assert "MAD1" not in _page(client, f"/products/{pid}")


def test_arabic_indic_digits_are_accepted_in_the_cart_and_the_catalogue_filters(app, client):
    [pid] = fill_cart(app, client, {"price_centimes": 10000, "stock": 9})
    client.post(f"/cart/items/{pid}", data={"quantity": "٣"})
    assert 'value="3"' in _page(client, "/cart")
    assert client.get("/products", query_string={"min_price": "٥٠", "max_price": "١٥٠٫٥"}).status_code == 200
    assert client.get("/products", query_string={"page": "١"}).status_code == 200


def test_arabic_indic_phone_number_is_accepted_at_checkout(app, client):
    fill_cart(app, client, {"price_centimes": 10000, "stock": 3})
    response = client.post("/checkout", data={**FORM, "phone": "٠٦ ١٢ ٣٤ ٥٦ ٧٨"})
    assert response.status_code == 303
    assert the_order(app).phone == "+212612345678"


def test_supplier_types_price_and_stock_with_arabic_indic_digits(app, client):
    me = log_in_stand(app, client)
    response = client.post("/supplier/products/new", data=form(me, price="١٢٠٫٥٠", stock="٤"))
    assert response.status_code == 302
    with app.app_context():
        created = db.session.scalar(select(Product).where(Product.supplier_id == me.supplier_id))
        assert (created.price_centimes, created.stock) == (12050, 4)
