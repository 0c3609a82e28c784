"""The cart through HTTP: guests by signed cookie, shoppers by account, tampering refused cleanly."""
import pytest
from sqlalchemy import func, select

from app.cart.models import Cart, CartItem
from app.catalog.models import ListingStatus
from app.extensions import db
from tests.factories import add_photos, make_cart, make_product, make_user
from tests.helpers import login_as


def _product(**kw):
    product = make_product(**kw)
    db.session.commit()
    return product


def _items() -> dict[int, int]:
    return {i.product_id: i.quantity for i in db.session.scalars(select(CartItem))}


def test_guest_adds_a_product_and_sees_it_in_the_cart(app, client):
    with app.app_context():
        product = _product(title="Tapis de Taznakht", price_centimes=120000)
        pid = product.id
    response = client.post("/cart/items", data={"product_id": pid, "quantity": "2"})
    assert response.status_code == 303
    page = client.get("/cart").get_data(as_text=True)
    assert "Tapis de Taznakht" in page
    assert "2400" in page.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", "")


def test_the_cart_shows_each_piece_s_photo_and_the_header_counts_the_pieces(app, client):
    with app.app_context():
        product = make_product(title="Tajine bleu", stock=5)
        cover, _second = add_photos(product)
        bare = make_product(title="Sans photo")
        db.session.commit()
        pid, bare_id, cover_hash = product.id, bare.id, cover.content_hash
    before = client.get("/products").get_data(as_text=True)
    assert 'class="cart-count"' not in before  # nothing in the cart: no number
    client.post("/cart/items", data={"product_id": pid, "quantity": "2"})
    client.post("/cart/items", data={"product_id": bare_id, "quantity": "1"})
    page = client.get("/cart").get_data(as_text=True)
    thumbs = page.split('class="cart-thumb"')[1:]
    assert len(thumbs) == 2 and cover_hash[:12] in thumbs[0]  # the cover, cover first
    assert '<span class="cart-count">3<' in client.get("/products").get_data(as_text=True)


def test_the_cart_cookie_is_signed_and_http_only(app, client):
    with app.app_context():
        pid = _product().id
    response = client.post("/cart/items", data={"product_id": pid, "quantity": "1"})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("cart=") and "HttpOnly" in cookie
    with app.app_context():
        token = db.session.scalar(select(Cart.token))
    assert token not in cookie.split(";")[0].split("=", 1)[1].split(".")[-1]  # signature follows the value


def test_a_price_sent_with_the_form_is_ignored(app, client):
    with app.app_context():
        pid = _product(price_centimes=15000).id
    client.post("/cart/items", data={"product_id": pid, "quantity": "1", "price": "1", "price_centimes": "1"})
    page = client.get("/cart").get_data(as_text=True)
    assert "150" in page


@pytest.mark.parametrize("quantity", ["-1", "0", "1000000000000", "1.5", "abc", "", "1e2", "²"])
def test_tampered_quantities_are_refused_cleanly(app, client, quantity):
    with app.app_context():
        pid = _product(stock=5).id
    response = client.post("/cart/items", data={"product_id": pid, "quantity": quantity})
    assert response.status_code == 422
    assert "whole number" in response.get_data(as_text=True)
    with app.app_context():
        assert _items() == {}


@pytest.mark.parametrize("product_id", ["abc", "-3", "", "1.0", "9" * 40, "2147483648", "٣"])
def test_bad_product_ids_are_a_400(client, product_id):
    assert client.post("/cart/items", data={"product_id": product_id, "quantity": "1"}).status_code == 400


def test_unknown_product_is_a_404(client):
    assert client.post("/cart/items", data={"product_id": "999999", "quantity": "1"}).status_code == 404


def test_more_than_the_stock_is_refused_with_how_many_are_left(app, client):
    with app.app_context():
        pid = _product(stock=2, title="Poterie bleue").id
    response = client.post("/cart/items", data={"product_id": pid, "quantity": "3"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 409
    assert "Only 2 left of Poterie bleue" in response.get_data(as_text=True)


def test_quantity_zero_removes_the_line(app, client):
    with app.app_context():
        pid = _product().id
    client.post("/cart/items", data={"product_id": pid, "quantity": "2"})
    assert client.post(f"/cart/items/{pid}", data={"quantity": "0"}).status_code == 303
    with app.app_context():
        assert _items() == {}


def test_changing_a_quantity(app, client):
    with app.app_context():
        pid = _product(stock=9).id
    client.post("/cart/items", data={"product_id": pid, "quantity": "1"})
    client.post(f"/cart/items/{pid}", data={"quantity": "4"})
    with app.app_context():
        assert _items() == {pid: 4}
    assert client.post(f"/cart/items/{pid}", data={"quantity": "-4"}).status_code == 422


def test_a_forged_cart_cookie_is_refused(app, client):
    with app.app_context():
        victim = make_cart((make_product(), 1))
        pid = make_product().id
        db.session.commit()
        token = victim.token
    client.set_cookie("cart", token)  # the raw token of another shopper, unsigned
    refused = client.post("/cart/items", data={"product_id": pid, "quantity": "1"})
    assert refused.status_code == 400
    assert 'cart=;' in refused.headers.get("Set-Cookie", "")  # forgotten: the next try gets a fresh cart
    assert "Tajine" not in client.get("/cart").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Cart).where(Cart.token == token)).items[0].quantity == 1


def test_another_shoppers_cart_is_not_shared(app):
    with app.app_context():
        pid = _product(title="Babouches jaunes").id
    alice, bob = app.test_client(), app.test_client()
    alice.post("/cart/items", data={"product_id": pid, "quantity": "1"})
    assert "Babouches jaunes" not in bob.get("/cart").get_data(as_text=True)


def test_withdrawn_products_stay_in_the_cart_flagged_and_checkout_is_held(app, client):
    with app.app_context():
        product = _product(title="Panier en doum")
        pid = product.id
    client.post("/cart/items", data={"product_id": pid, "quantity": "1"})
    with app.app_context():
        db.session.get(type(product), pid).status = ListingStatus.ARCHIVED
        db.session.commit()
    page = client.get("/cart", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Panier en doum" in page and "No longer for sale" in page
    assert 'href="/checkout"' not in page


def test_logged_in_shopper_cart_follows_the_account(app):
    with app.app_context():
        user = make_user()
        pid = _product().id
        db.session.commit()
        phone, laptop = app.test_client(), app.test_client()
        login_as(phone, user)
        login_as(laptop, user)
    phone.post("/cart/items", data={"product_id": pid, "quantity": "2"})
    assert f'data-product-id="{pid}"' in laptop.get("/cart").get_data(as_text=True)


def test_guest_cart_is_merged_into_the_account_at_login(app, client):
    from flask_login import login_user

    with app.app_context():
        user = make_user()
        pid = _product().id
        db.session.commit()
        user_id = user.id
    client.post("/cart/items", data={"product_id": pid, "quantity": "2"})
    cookie = client.get_cookie("cart").value
    with app.test_request_context(headers={"Cookie": f"cart={cookie}"}):
        login_user(db.session.get(type(user), user_id))  # what the login view does; the signal merges
        db.session.remove()
    with app.app_context():
        cart = db.session.scalar(select(Cart).where(Cart.user_id == user_id))
        assert {i.product_id: i.quantity for i in cart.items} == {pid: 2}


def test_logging_in_through_the_login_page_merges_the_guest_cart(app, client, auth):
    with app.app_context():
        user = make_user(email="merge@example.ma")
        kept, added = _product(stock=5), _product(stock=5)
        make_cart((kept, 1), user=user)
        db.session.commit()
        kept_id, added_id, user_id = kept.id, added.id, user.id
    client.post("/cart/items", data={"product_id": added_id, "quantity": "2"})
    client.post("/cart/items", data={"product_id": kept_id, "quantity": "1"})
    response = auth.login("merge@example.ma")
    assert response.status_code in (302, 303)
    with app.app_context():
        cart = db.session.scalar(select(Cart).where(Cart.user_id == user_id))
        assert {i.product_id: i.quantity for i in cart.items} == {kept_id: 2, added_id: 2}
        assert db.session.scalar(select(func.count()).select_from(Cart)) == 1
    assert f'data-product-id="{added_id}"' in client.get("/cart").get_data(as_text=True)


def test_an_id_beyond_the_database_integer_range_is_a_404_not_a_crash(app, client):
    with app.app_context():
        pid = _product().id
    client.post("/cart/items", data={"product_id": pid, "quantity": "1"})
    assert client.post("/cart/items/" + "9" * 30, data={"quantity": "1"}).status_code == 404
    assert client.post("/cart/items/2147483648", data={"quantity": "1"}).status_code == 404
