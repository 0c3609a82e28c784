"""The solidarity report through HTTP: oversight reads it (and nothing else), admins record payouts."""
import csv
import io

import pytest

from app.accounts.models import Role
from app.extensions import db
from app.solidarity.ledger import balance, credit_order
from tests.factories import make_product, make_sale, make_supplier
from tests.helpers import log_in_new_user


@pytest.fixture
def supplier_id(app):
    with app.app_context():
        supplier = make_supplier(trade_name="=cmd|' /C calc'!A0")
        credit_order(make_sale(make_product(supplier, price_centimes=20000)))  # owed 150 MAD
        db.session.commit()
        return supplier.id


def log_in(app, client, role):
    log_in_new_user(app, client, role)


@pytest.mark.parametrize("role, expected", [(None, 302), (Role.SHOPPER, 403), (Role.BENEFICIARY, 403),
                                            (Role.MODERATOR, 403), (Role.OVERSIGHT, 200), (Role.ADMIN, 200)])
def test_report_is_for_oversight_and_admins(app, client, supplier_id, role, expected):
    if role:
        log_in(app, client, role)
    for url in ("/admin/solidarity", "/admin/solidarity/suppliers.csv", "/admin/solidarity/groups.csv",
                f"/admin/solidarity/suppliers/{supplier_id}"):
        assert client.get(url).status_code == expected


@pytest.mark.parametrize("url", ["/admin/moderation", "/admin/dashboard", "/admin/users", "/admin/catalogue",
                                 "/admin/catalogue/categories"])
def test_oversight_cannot_reach_moderation_or_management(app, client, url):
    log_in(app, client, Role.OVERSIGHT)
    assert client.get(url).status_code == 403


def test_oversight_lands_on_the_report_and_cannot_record_payouts(app, client, supplier_id):
    log_in(app, client, Role.OVERSIGHT)
    assert client.get("/admin/").headers["Location"].endswith("/admin/solidarity")
    page = client.get("/admin/solidarity").get_data(as_text=True)
    assert "150.00" in page and 'name="amount"' not in page
    assert client.post("/admin/solidarity/payouts", data={"supplier_id": supplier_id, "amount": "10"}
                       ).status_code == 403
    with app.app_context():
        assert balance(supplier_id) == 15000


def test_admin_records_a_payout(app, client, supplier_id):
    log_in(app, client, Role.ADMIN)
    response = client.post("/admin/solidarity/payouts", data={"supplier_id": supplier_id, "amount": "100,50",
                                                              "note": "virement 7"})
    assert response.status_code == 303
    with app.app_context():
        assert balance(supplier_id) == 15000 - 10050


@pytest.mark.parametrize("amount, message", [("abc", "Enter an amount in dirhams"), ("0", "more than zero"),
                                             ("151", "more than the supplier is owed")])
def test_wrong_payout_amounts_are_explained(app, client, supplier_id, amount, message):
    log_in(app, client, Role.ADMIN)
    client.set_cookie("lang", "en")
    response = client.post("/admin/solidarity/payouts", data={"supplier_id": supplier_id, "amount": amount})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert balance(supplier_id) == 15000


def test_csv_export_is_neutralised(app, client, supplier_id):
    log_in(app, client, Role.OVERSIGHT)
    body = client.get("/admin/solidarity/suppliers.csv").get_data(as_text=True).lstrip("\ufeff")
    header, row = list(csv.reader(io.StringIO(body)))
    assert header[:3] == ["supplier_id", "supplier", "group"]
    assert row[1] == "'=cmd|' /C calc'!A0" and row[-1] == "150.00"


def test_supplier_ledger_lists_earnings_and_payouts(app, client, supplier_id):
    log_in(app, client, Role.ADMIN)
    client.post("/admin/solidarity/payouts", data={"supplier_id": supplier_id, "amount": "50", "note": "VIR-0042"})
    client.set_cookie("lang", "en")
    page = client.get(f"/admin/solidarity/suppliers/{supplier_id}").get_data(as_text=True)
    assert "earning" in page and "payout" in page and "VIR-0042" in page
    assert "100.00" in page  # still owed: 150 - 50
    assert client.get("/admin/solidarity/suppliers/999999").status_code == 404


@pytest.mark.parametrize("supplier", ["99999999999", "0", "-3"])
def test_payout_to_no_such_supplier_is_refused_without_error(app, client, supplier_id, supplier):
    log_in(app, client, Role.ADMIN)
    response = client.post("/admin/solidarity/payouts", data={"supplier_id": supplier, "amount": "10"})
    assert response.status_code in (404, 422)
    with app.app_context():
        assert balance(supplier_id) == 15000


def test_the_rules_write_percentages_as_each_language_does(app, client):
    """Arabic keeps "70%" in one piece (a space let the sign drift to the other side of the number)."""
    log_in(app, client, Role.OVERSIGHT)
    arabic = client.get("/ar/admin/solidarity").text
    assert "70%" in arabic and "70 %" not in arabic
    assert "70\xa0%" in client.get("/fr/admin/solidarity").text
