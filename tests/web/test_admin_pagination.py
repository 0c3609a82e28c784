"""Admin pagination links keep the list's filters, and only them: URL-building options such as
`_external` or `_anchor` in the query string never reach url_for (they rewrote the "Next" link)."""
import pytest

from app.accounts.models import Role
from app.extensions import db
from app.web.admin import users as users_view
from tests.factories import make_user
from tests.helpers import login_as


@pytest.fixture
def admin_with_two_pages(app, client, monkeypatch):
    monkeypatch.setattr(users_view, "PAGE_SIZE", 2)
    with app.app_context():
        for n in range(4):
            make_user(Role.SHOPPER, email=f"shopper{n}@example.ma", name="Shopper")
        login_as(client, make_user(Role.ADMIN, email="admin@example.ma"))
        db.session.commit()


def test_next_link_keeps_the_filters(client, admin_with_two_pages):
    page = client.get("/admin/users?q=shopper").get_data(as_text=True)
    assert 'rel="next" href="/admin/users?q=shopper&amp;page=2"' in page


def test_query_string_cannot_choose_the_link_scheme(client, admin_with_two_pages):
    page = client.get("/admin/users?q=shopper&_external=1&_scheme=javascript&_anchor=x&x=%22alert(1)")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'rel="next" href="/admin/users?q=shopper&amp;x=%22alert(1)&amp;page=2"' in html
    assert "http://" not in html.split('class="pagination"')[1] and "#x" not in html


@pytest.mark.parametrize("url", ["/admin/users", "/admin/audit", "/admin/moderation", "/admin/verifications",
                                 "/admin/imports"])
@pytest.mark.parametrize("page", ["99999999999999999999", "abc", "0", "²"])
def test_a_page_number_that_makes_no_sense_shows_the_first_page(client, admin_with_two_pages, url, page):
    assert client.get(f"{url}?page={page}").status_code == 200


def test_every_list_reads_the_page_one_way_and_draws_the_same_links(app, client):
    """The shopper's history and the supplier's orders page like the admin lists: one macro, one parser."""
    from tests.factories import make_product, make_sale, make_supplier

    with app.app_context():
        shopper = make_user(Role.SHOPPER, email="history@example.ma")
        supplier = make_supplier()
        product = make_product(supplier)
        for _ in range(21):  # the history shows 20 a page
            make_sale(product).user_id = shopper.id
        db.session.commit()
        login_as(client, shopper)
    first = client.get("/account/orders").get_data(as_text=True)
    assert "Page 1 of 2" in first and 'rel="next" href="/account/orders?page=2"' in first
    second = client.get("/account/orders?page=2").get_data(as_text=True)
    assert 'rel="prev" href="/account/orders"' in second and 'rel="next"' not in second  # page 1: no ?page=
    for nonsense in ("99999999999999999999", "abc", "0", "²"):  # the first page, not a 500
        assert "Page 1 of 2" in client.get(f"/account/orders?page={nonsense}").get_data(as_text=True)
