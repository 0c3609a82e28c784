"""The fair organiser role (issue 16, item 3): organisers run the fairs (dates, venue, stands and their
numbers) and read every fair's report, and reach nothing else of /admin (tests/web/test_admin_access.py
walks every route); they are staff, so their password alone does not let them in
(tests/web/test_security_second_factor.py)."""
from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.demo.data import ACCOUNTS
from app.exhibition.models import Fair, FairStand
from app.extensions import db
from tests.factories import make_fair, make_supplier, make_user, shop_today
from tests.helpers import DEFAULT_PASSWORD, log_in_new_user

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def fair(app):
    """Souk Tiznit in ten days, Khadija at A1 and Youssef at A2."""
    with app.app_context():
        khadija, youssef = make_supplier(display_name="Khadija"), make_supplier(display_name="Youssef")
        found = make_fair(slug="souk-tiznit", suppliers=(khadija, youssef), name="Souk Tiznit", venue="Bab El Had")
        db.session.commit()
        stands = dict(db.session.execute(select(FairStand.stand_label, FairStand.id)).all())
        return {"id": found.id, "khadija": khadija.id, "youssef": youssef.id, "a1": stands["A1"],
                "a2": stands["A2"]}


def stand_labels(app) -> dict[int, str]:
    with app.app_context():
        return dict(db.session.execute(select(FairStand.id, FairStand.stand_label)).all())


def test_an_organiser_lands_on_the_fairs_and_her_menu_shows_nothing_else(app, client, fair):
    log_in_new_user(app, client, Role.ORGANISER)
    assert client.get("/admin/").location.endswith("/admin/fairs")
    page = client.get("/admin/fairs").get_data(as_text=True)
    assert "Souk Tiznit" in page
    assert all(f"/admin/fairs/souk-tiznit/{path}" in page for path in ("edit", "stands", "report"))
    nav = page.split('class="admin-nav"')[1].split("</nav>")[0]
    assert "/admin/fairs" in nav
    assert 'href="/admin/fairs"' in client.get("/account/").get_data(as_text=True)  # her account page leads there
    assert not any(f"/admin/{path}" in nav for path in ("moderation", "users", "catalogue", "solidarity", "orders",
                                                        "audit"))


def test_an_organiser_changes_a_fairs_dates_venue_and_stands(app, client, fair):
    log_in_new_user(app, client, Role.ORGANISER)
    form = client.get("/admin/fairs/souk-tiznit/edit").get_data(as_text=True)
    assert 'value="Bab El Had"' in form
    starts = shop_today() + timedelta(days=20)
    response = client.post("/admin/fairs/souk-tiznit/edit", data={
        "name": "Souk Tiznit", "city": "Tiznit", "venue": "Place Al Machouar", "starts_on": starts.isoformat(),
        "ends_on": (starts + timedelta(days=2)).isoformat(), "suppliers": [fair["khadija"]]})
    assert (response.status_code, response.location) == (303, "/admin/fairs/souk-tiznit/edit")
    with app.app_context():
        saved = db.session.get(Fair, fair["id"])
        assert (saved.venue, saved.city, saved.starts_on) == ("Place Al Machouar", "Tiznit", starts)
        assert [s.supplier_id for s in saved.stands] == [fair["khadija"]]  # Youssef no longer exhibits


def test_a_fair_ending_before_it_starts_comes_back_explained(app, client, fair):
    log_in_new_user(app, client, Role.ORGANISER)
    response = client.post("/admin/fairs/souk-tiznit/edit", data={
        "name": "Souk Tiznit", "city": "Tiznit", "starts_on": "2027-03-10", "ends_on": "2027-03-01",
        "suppliers": [fair["khadija"]]})
    assert response.status_code == 422
    assert "The last day must be on or after the first day." in response.get_data(as_text=True)


def test_an_organiser_numbers_the_stands_and_the_change_is_audited(app, client, fair):
    user_id = log_in_new_user(app, client, Role.ORGANISER)
    page = client.get("/admin/fairs/souk-tiznit/stands").get_data(as_text=True)
    assert f'name="stand-{fair["a1"]}" value="A1"' in page and "Khadija" in page
    response = client.post("/admin/fairs/souk-tiznit/stands",
                           data={f"stand-{fair['a1']}": " B4 ", f"stand-{fair['a2']}": "B5"})
    assert (response.status_code, response.location) == (303, "/admin/fairs/souk-tiznit/stands")
    assert stand_labels(app) == {fair["a1"]: "B4", fair["a2"]: "B5"}
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "fair.stands_numbered"))
        assert (entry.actor_id, entry.object_id) == (user_id, fair["id"])


@pytest.mark.parametrize(("a1", "a2", "reason"), [
    ("B4", "b4", "Two stands cannot have the same number."),
    ("", "B5", "Give every stand a number of at most 40 characters."),
    ("B" * 41, "B5", "Give every stand a number of at most 40 characters."),
])
def test_a_stand_number_missing_or_given_twice_is_refused_and_nothing_changes(app, client, fair, a1, a2, reason):
    log_in_new_user(app, client, Role.ORGANISER)
    response = client.post("/admin/fairs/souk-tiznit/stands",
                           data={f"stand-{fair['a1']}": a1, f"stand-{fair['a2']}": a2})
    assert response.status_code == 422 and reason in response.get_data(as_text=True)
    assert stand_labels(app) == {fair["a1"]: "A1", fair["a2"]: "A2"}


def test_a_stand_of_another_fair_cannot_be_renumbered_from_this_one(app, client, fair):
    with app.app_context():
        other = make_fair(slug="moussem-tan-tan", suppliers=(make_supplier(),))
        db.session.commit()
        elsewhere = other.stands[0].id
    log_in_new_user(app, client, Role.ORGANISER)
    assert client.post("/admin/fairs/souk-tiznit/stands", data={f"stand-{elsewhere}": "Z9"}).status_code == 303
    assert stand_labels(app)[elsewhere] == "A1"


def test_an_organiser_reads_every_fairs_report_and_its_csv(app, client, fair):
    log_in_new_user(app, client, Role.ORGANISER)
    assert "Souk Tiznit" in client.get("/admin/fairs/souk-tiznit/report").get_data(as_text=True)
    csv = client.get("/admin/fairs/souk-tiznit/report.csv").get_data(as_text=True)
    assert csv.lstrip("\ufeff").startswith("stand,beneficiary")


def test_oversight_lists_the_fairs_for_their_reports_but_cannot_change_them(app, client, fair):
    log_in_new_user(app, client, Role.OVERSIGHT)
    page = client.get("/admin/fairs").get_data(as_text=True)
    assert "/admin/fairs/souk-tiznit/report" in page and "/admin/fairs/souk-tiznit/edit" not in page
    assert client.get("/admin/fairs/souk-tiznit/edit").status_code == 403
    assert client.post("/admin/fairs/souk-tiznit/stands", data={f"stand-{fair['a1']}": "Z"}).status_code == 403


def test_an_admin_can_make_someone_an_organiser_and_the_demo_has_one_to_try(app, client):
    log_in_new_user(app, client, Role.ADMIN)
    assert '<option value="organiser">Fair organiser</option>' in client.get("/admin/users").get_data(as_text=True)
    assert {seed.role for seed in ACCOUNTS} == set(Role)  # one demo account per role, the organiser's included


def test_an_organiser_logs_in_with_her_code_and_lands_on_the_fairs(app, client, fair):
    secret = pyotp.random_base32()
    with app.app_context():
        make_user(Role.ORGANISER, email="hassan@example.ma", totp_secret=secret)
        db.session.commit()
    login = client.post("/account/login", data={"email": "hassan@example.ma", "password": DEFAULT_PASSWORD})
    assert login.location == "/admin/"
    assert client.get("/admin/").location.startswith("/account/two-factor/")  # the password alone: not in
    answer = client.post("/account/two-factor/", data={"code": pyotp.TOTP(secret).now(), "next": "/admin/"})
    assert answer.location == "/admin/" and client.get("/admin/").location == "/admin/fairs"
