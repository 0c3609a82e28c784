"""Cart rules without HTTP: quantities, stock, availability, merge at login."""
import pytest

from app.cart import services
from app.cart.queries import load_cart, view_cart
from app.catalog.models import ListingStatus
from app.extensions import db
from tests.factories import make_cart, make_product, make_user


@pytest.mark.parametrize("raw", ["-1", "0", "1.5", "abc", "", "100", "99999999999999999999", " 2x", None, "²", "1e3"])
def test_bad_quantities_are_refused_with_a_clear_message(raw):
    with pytest.raises(services.QuantityInvalid) as caught:
        services.parse_quantity(raw)
    assert caught.value.status == 422


def test_zero_is_allowed_where_it_means_remove():
    assert services.parse_quantity("0", allow_zero=True) == 0
    assert services.parse_quantity(" 3 ") == 3
    assert services.parse_quantity("٢") == 2  # Arabic-Indic digits from a phone keyboard


def test_adding_more_than_the_stock_says_how_many_are_left(app_ctx):
    product = make_product(stock=2, title="Tajine de Safi")
    cart = services.new_cart()
    with pytest.raises(services.NotEnoughStock) as caught:
        services.add_item(cart, product.id, 3)
    with app_ctx.test_request_context(headers={"Accept-Language": "en"}):
        assert str(caught.value.message) == "Only 2 left of Tajine de Safi."


def test_adding_twice_adds_up_and_is_checked_against_the_stock(app_ctx):
    product = make_product(stock=3)
    cart = services.new_cart()
    services.add_item(cart, product.id, 2)
    with pytest.raises(services.NotEnoughStock):
        services.add_item(cart, product.id, 2)
    assert services.add_item(cart, product.id, 1).quantity == 3


def test_unpublished_products_cannot_be_added(app_ctx):
    product = make_product(status=ListingStatus.PENDING)
    with pytest.raises(services.ProductUnavailable):
        services.add_item(services.new_cart(), product.id, 1)


def test_products_of_an_unverified_supplier_cannot_be_added(app_ctx):
    from tests.factories import make_supplier

    product = make_product(supplier=make_supplier(verified=False))
    with pytest.raises(services.ProductUnavailable):
        services.add_item(services.new_cart(), product.id, 1)


def test_unpublished_or_sold_out_products_stay_in_the_cart_flagged(app_ctx):
    withdrawn, sold_out, short, fine = (make_product(stock=5), make_product(stock=5), make_product(stock=5),
                                        make_product(stock=5, price_centimes=2000))
    cart = make_cart((withdrawn, 1), (sold_out, 1), (short, 4), (fine, 2))
    withdrawn.status = ListingStatus.ARCHIVED
    sold_out.stock = 0
    short.stock = 2
    db.session.flush()
    view = view_cart(load_cart(cart.id))
    assert [line.problem for line in view.lines] == ["unavailable", "sold_out", "not_enough_stock", None]
    assert view.has_problems
    assert view.subtotal == 4000


def test_setting_zero_removes_even_a_withdrawn_product(app_ctx):
    product = make_product()
    cart = make_cart((product, 1))
    product.status = ListingStatus.ARCHIVED
    services.set_quantity(cart, product.id, 0)
    assert view_cart(load_cart(cart.id)).is_empty


def test_guest_cart_merges_into_the_account_cart_at_login(app_ctx):
    user = make_user()
    both, only_guest, only_account = make_product(stock=4), make_product(), make_product()
    account = make_cart((both, 1), (only_account, 1), user=user)
    guest = make_cart((both, 2), (only_guest, 1))
    merged = services.merge_guest_cart(guest.token, user.id)
    assert merged.id == account.id
    quantities = {item.product_id: item.quantity for item in load_cart(account.id).items}
    assert quantities == {both.id: 3, only_account.id: 1, only_guest.id: 1}
    assert services.find_cart(guest.token, None) is None


def test_merged_quantities_are_capped_at_the_stock(app_ctx):
    user = make_user()
    product = make_product(stock=3)
    make_cart((product, 2), user=user)
    guest = make_cart((product, 2))
    merged = services.merge_guest_cart(guest.token, user.id)
    assert load_cart(merged.id).items[0].quantity == 3


def test_a_guest_cart_becomes_the_account_cart_when_there_is_none(app_ctx):
    user = make_user()
    guest = make_cart((make_product(), 1))
    assert services.merge_guest_cart(guest.token, user.id).user_id == user.id


def test_an_account_cart_is_never_reachable_by_its_token(app_ctx):
    user = make_user()
    cart = make_cart((make_product(), 1), user=user)
    assert services.find_cart(cart.token, None) is None
    assert services.find_cart(None, user.id).id == cart.id
