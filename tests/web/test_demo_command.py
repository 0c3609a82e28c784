"""`flask seed-demo` as an operator runs it, and the shop pages it fills."""
from __future__ import annotations

import re

import pyotp
import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.catalog.models import ListingStatus, Product
from app.demo import data
from app.extensions import db
from app.suppliers.models import Supplier, VerificationState
from tests.factories import make_supplier
from tests.helpers import login_as


@pytest.fixture
def small_photos(app, monkeypatch):
    """Small pictures and a small pool: the command path is the same, only quicker."""
    monkeypatch.setitem(app.config, "DEMO_PHOTO_SIZE", (240, 180))


def account_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "password:" in line]


def test_seed_demo_prints_one_line_per_role_and_a_second_run_adds_nothing(app, small_photos):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo", "--products", "18"])
    assert first.exit_code == 0, first.output
    lines = account_lines(first.output)
    assert len(lines) == len(Role)
    for role in Role:
        assert any(re.match(rf"{role.value}\s+\S+@{re.escape(data.DOMAIN)}\s+password: \S+$", line) for line in lines)

    second = runner.invoke(args=["seed-demo", "--products", "18"])
    assert second.exit_code == 0, second.output
    assert "already there" in second.output
    assert account_lines(second.output) == lines


def test_a_newcomer_verifies_a_stand_of_their_own_with_the_printed_record(app, client, small_photos):
    output = app.test_cli_runner().invoke(args=["seed-demo", "--products", "0"]).output
    printed = re.search(r"institution: (.+?)\s{3}loan reference: (\S+)\s{3}ID number \(CIN\): (\S+)\s{3}name: (.+)$",
                        output, re.M)
    assert printed, output
    institution, reference, cin, name = printed.groups()
    assert name == data.NEWCOMER_RECORD.name
    with app.app_context():
        newcomer = make_supplier(verified=False, display_name=name)
        login_as(client, newcomer.user)
        db.session.commit()
        supplier_id = newcomer.id
    answer = client.post("/supplier/verify", data={"national_id": cin, "institution": institution,
                                                   "loan_reference": reference})
    assert answer.status_code == 303
    with app.app_context():
        assert db.session.get(Supplier, supplier_id).verification_state == VerificationState.VERIFIED


def test_seed_demo_refuses_a_negative_product_count(app, small_photos):
    result = app.test_cli_runner().invoke(args=["seed-demo", "--products", "-5"])
    assert result.exit_code != 0
    assert "products" in result.output


def test_demo_fills_the_public_pages(app, client, small_photos):
    assert app.test_cli_runner().invoke(args=["seed-demo", "--products", "30"]).exit_code == 0

    pickup = client.get("/fr/pickup-points").get_data(as_text=True)
    assert "Salé" in pickup and "Casablanca" in pickup
    fairs = client.get("/fr/fairs").get_data(as_text=True)
    assert "Foire de l&#39;économie sociale et solidaire de Casablanca" in fairs
    assert "Fès" in fairs
    assert "Fez" in client.get("/fairs").get_data(as_text=True)  # English (the tests' default): translated city
    assert client.get("/halls/poterie").status_code == 200
    with app.app_context():
        product = db.session.scalar(select(Product).where(Product.status == ListingStatus.PUBLISHED).limit(1))
        supplier_slug = db.session.scalar(select(Supplier.slug).where(Supplier.id == product.supplier_id))
        product_id, title = product.id, product.title
        titles = {title} | {t.title for t in product.translations}
    page = client.get(f"/products/{product_id}", follow_redirects=True).get_data(as_text=True)
    assert any(t in page.replace("&#39;", "'") for t in titles) and "/media/" in page
    stand = client.get(f"/suppliers/{supplier_slug}")
    assert stand.status_code == 200
    results = client.get("/products", query_string={"q": title.split()[0]}).get_data(as_text=True)
    assert "/media/" in results


def test_seed_demo_refuses_to_run_in_production(app, monkeypatch):
    monkeypatch.setitem(app.config, "APP_ENV", "production")
    result = app.test_cli_runner().invoke(args=["seed-demo", "--products", "5"])
    assert result.exit_code != 0 and "production" in result.output
    with app.app_context():
        assert db.session.scalar(select(Supplier.id).limit(1)) is None


def test_a_newcomer_logs_in_as_demo_staff_with_what_seed_demo_prints(app, client, small_photos):
    output = app.test_cli_runner().invoke(args=["seed-demo", "--products", "0"]).output
    line = next(line for line in account_lines(output) if line.startswith("admin"))
    email, password = line.split()[1], line.split("password: ")[1]
    secret = re.search(r"authenticator key is ([A-Z2-7]+)", output).group(1)
    assert client.post("/account/login", data={"email": email, "password": password}).status_code == 302
    assert client.get("/admin/users").location.startswith("/account/two-factor/")
    assert client.post("/account/two-factor/", data={"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert client.get("/admin/users").status_code == 200
