"""Assisted onboarding: a field agent opens a stand for a present beneficiary who consents by SMS code."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts.models import Role, User
from app.assist.models import Assistance
from app.audit.models import AuditEntry
from app.extensions import db
from app.sms.outbox import outbox_sms
from app.suppliers.models import Supplier
from app.verification.models import VerificationRequest
from tests.factories import make_category, make_phone_user, make_user
from tests.helpers import last_sms_code, log_in_new_user

PHONE = "+212612345678"
EN = {"Accept-Language": "en"}
STAND = {"display_name": "Khadija Tissage", "craft": "Tissage", "city": "Salé", "region": "Rabat-Salé-Kénitra"}


@pytest.fixture(autouse=True)
def _empty_outbox(outbox):
    """Codes are read from an empty outbox."""


@pytest.fixture
def agent(app, client) -> int:
    return log_in_new_user(app, client, Role.GROUP_MANAGER, name="Agent Samira")


def consent(app, client, name="Khadija", phone="06 12 34 56 78"):
    assert client.post("/assist/", data={"name": name, "phone": phone}).location == "/assist/consent"
    return client.post("/assist/consent", data={"code": last_sms_code(app, PHONE)})


def audit(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        rows = list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))
        db.session.expunge_all()
        return rows


def beneficiary(app) -> User:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.phone == PHONE))
        db.session.expunge_all()
        return user


def test_with_the_consent_code_the_agent_opens_the_stand_and_each_act_is_audited(app, client, agent):
    with app.app_context():
        category_id = make_category().id
        db.session.commit()
    response = consent(app, client)
    assert response.location == "/supplier/"
    khadija = beneficiary(app)
    assert (khadija.role, khadija.name, khadija.email) == (Role.BENEFICIARY, "Khadija", None)

    page = client.get("/supplier/profile", headers=EN).text
    assert "Agent Samira is preparing this stand for Khadija" in page
    assert client.post("/supplier/profile", data=STAND).status_code in (302, 303)
    assert client.post("/supplier/products/new", data={"title": "Tapis de Salé", "description": "Laine",
                                                       "category": category_id, "price": "350", "stock": "2",
                                                       "title_ar": "", "description_ar": "", "title_en": "",
                                                       "description_en": ""},
                       ).status_code in (302, 303)

    [consented] = audit(app, "assist.consent")
    assert (consented.actor_id, consented.object_id) == (agent, khadija.id)
    steps = [(e.actor_id, e.object_id, e.details["step"]) for e in audit(app, "assist.action")]
    assert steps == [(agent, khadija.id, "supplier.profile"), (agent, khadija.id, "supplier.new_product")]
    with app.app_context():
        stand = db.session.scalar(select(Supplier.display_name).where(Supplier.user_id == khadija.id))
    assert stand == "Khadija Tissage"


def test_the_consent_sms_names_the_agent(app, client, agent):
    client.post("/assist/", data={"name": "Khadija", "phone": PHONE}, headers=EN)
    with app.app_context():
        [message] = outbox_sms(PHONE)
    assert "Agent Samira" in message["body"]


def test_without_the_right_code_nothing_is_opened(app, client, agent):
    client.post("/assist/", data={"name": "Khadija", "phone": PHONE})
    code = last_sms_code(app, PHONE)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        assert client.post("/assist/consent", data={"code": wrong}).status_code == 422
    assert client.post("/assist/consent", data={"code": code}).status_code == 422
    assert beneficiary(app) is None
    with app.app_context():
        assert db.session.scalar(select(Assistance)) is None


def test_verification_stays_the_beneficiarys_own_step(app, client, agent):
    consent(app, client)
    client.post("/supplier/profile", data=STAND)
    assert client.get("/supplier/verify").status_code == 403
    response = client.post("/supplier/verify", data={"institution": "Al Amana", "loan_reference": "LR-1",
                                                     "national_id": "AB123456"})
    assert response.status_code == 403
    assert client.get("/account/phone/change").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(VerificationRequest)) is None


@pytest.mark.parametrize("role", [Role.SHOPPER, Role.BENEFICIARY, Role.OVERSIGHT])
def test_only_group_managers_and_staff_may_assist(app, client, role):
    log_in_new_user(app, client, role)
    assert client.get("/assist/").status_code == 403
    assert client.post("/assist/", data={"name": "K", "phone": PHONE}).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    assert client.get("/assist/").location.startswith("/account/login")


def test_a_staff_account_cannot_be_taken_over_by_an_agent(app, client, agent):
    with app.app_context():
        make_user(Role.ADMIN, phone=PHONE)
        db.session.commit()
    response = client.post("/assist/", data={"name": "X", "phone": PHONE}, headers=EN)
    assert response.status_code == 422 and "cannot be assisted" in response.text


def test_the_beneficiary_logs_in_with_their_phone_and_takes_over(app, client, agent):
    consent(app, client)
    client.post("/supplier/profile", data=STAND)
    own = app.test_client()
    own.post("/account/phone/", data={"phone": PHONE})
    assert own.post("/account/phone/code", data={"code": last_sms_code(app, PHONE)}).location == "/supplier/"

    assert own.get("/supplier/").status_code == 200  # their stand, ready
    assert client.get("/supplier/").location.startswith("/account/login")  # the agent is out
    with app.app_context():
        assert db.session.scalar(select(Assistance.ended_at)) is not None
    assert len(audit(app, "assist.taken_over")) == 1


def test_handing_over_ends_the_sitting_and_the_agent_logs_in_again_as_themselves(app, client, agent):
    consent(app, client)
    response = client.post("/assist/end")
    assert response.location.startswith("/account/login?next=/assist/")
    assert client.get("/supplier/").location.startswith("/account/login")  # no longer the beneficiary
    [ended] = audit(app, "assist.end")
    assert ended.actor_id == agent
    with app.app_context():
        assert db.session.scalar(select(Assistance.ended_at)) is not None


def test_an_existing_phone_beneficiary_is_assisted_without_a_new_account(app, client, agent):
    with app.app_context():
        make_phone_user(PHONE, name="Khadija")
        db.session.commit()
    consent(app, client, name="ignored")
    with app.app_context():
        assert db.session.scalar(select(db.func.count(User.id)).where(User.phone == PHONE)) == 1
    assert beneficiary(app).name == "Khadija"
