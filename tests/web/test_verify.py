"""/supplier/verify through the client: who may open it, what a match does, what a miss says, the rate limit."""
from __future__ import annotations

import pytest

from app.accounts.models import Role
from app.extensions import db
from app.suppliers.models import VerificationState
from tests.factories import make_microcredit_record, make_supplier, make_user, make_verified_supplier
from tests.helpers import log_in_new_user, login_as

NEUTRAL = "We could not confirm these details automatically"


@pytest.fixture(autouse=True)
def in_english(client):
    """Pages are read in English, whatever catalogues exist."""
    client.set_cookie("lang", "en")


@pytest.fixture
def beneficiary(app, client):
    """A logged-in beneficiary with an unverified stand; Al Amana's loan LR-1 (CIN AB123456) exists."""
    with app.app_context():
        make_microcredit_record(loan_reference="LR-1", national_id="AB123456")
        make_microcredit_record(institution="Attawfiq", loan_reference="AT-1", national_id="CD1")
        make_microcredit_record(loan_reference="LR-OFF", national_id="AB123456", status="written_off")
        supplier = make_supplier(verified=False)
        db.session.commit()
        login_as(client, supplier.user)
        return supplier.id


def state(app, supplier_id):
    from app.suppliers.models import Supplier

    with app.app_context():
        return db.session.get(Supplier, supplier_id).verification_state


def post(client, cin="AB123456", institution="Al Amana", reference="LR-1", **kw):
    return client.post("/supplier/verify", data={"national_id": cin, "institution": institution,
                                                 "loan_reference": reference}, **kw)


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/supplier/verify")

    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_a_shopper_is_forbidden(app, client):
    log_in_new_user(app, client, Role.SHOPPER)

    assert client.get("/supplier/verify").status_code == 403


def test_a_beneficiary_without_a_stand_is_led_to_create_it(app, client):
    log_in_new_user(app, client, Role.BENEFICIARY)

    response = client.get("/supplier/verify")

    assert response.status_code == 302 and response.headers["Location"].endswith("/supplier/profile")


def test_the_form_offers_the_known_institutions(client, beneficiary):
    page = client.get("/supplier/verify").get_data(as_text=True)

    assert '<option value="Al Amana">' in page and '<option value="Attawfiq">' in page
    assert 'type="password"' in page


def test_a_full_match_verifies_at_once_and_says_verified(app, client, beneficiary):
    response = post(client, cin="ab 123456", follow_redirects=True)

    assert response.status_code == 200 and "Your stand is verified" in response.get_data(as_text=True)
    assert state(app, beneficiary) == VerificationState.VERIFIED


@pytest.mark.parametrize("cin, institution, reference", [
    ("ZZ000000", "Al Amana", "LR-1"),
    ("AB123456", "Attawfiq", "LR-1"),
    ("AB123456", "Al Amana", "LR-404"),
    ("AB123456", "Al Amana", "LR-OFF"),
])
def test_any_miss_gets_the_same_neutral_message_and_a_pending_request(app, client, beneficiary,
                                                                      cin, institution, reference):
    response = post(client, cin, institution, reference, follow_redirects=True)
    page = response.get_data(as_text=True)

    assert response.status_code == 200 and NEUTRAL in page
    for revealing in ("national ID is wrong", "reference is wrong", "written off", "does not match", "not found"):
        assert revealing not in page
    assert state(app, beneficiary) == VerificationState.PENDING


def test_the_neutral_message_is_word_for_word_the_same_whatever_failed(client, beneficiary):
    def flash_of(**details) -> str:
        page = post(client, follow_redirects=True, **details).get_data(as_text=True)
        return page[page.index('class="flash'):page.index("</p>", page.index('class="flash'))]

    assert flash_of(cin="ZZ0") == flash_of(reference="LR-404") == flash_of(reference="LR-OFF")


def test_an_institution_outside_the_list_is_refused_by_the_form(client, beneficiary):
    response = post(client, institution="Invented Bank")

    assert response.status_code == 422


def test_the_cin_is_never_echoed_back_into_the_page(client, beneficiary):
    response = post(client, cin="QX987654", reference="")

    assert response.status_code == 422 and "QX987654" not in response.get_data(as_text=True)


def test_attempts_are_rate_limited_per_account(app, client, beneficiary):
    for _ in range(5):
        assert post(client, cin="ZZ0").status_code == 303

    assert post(client).status_code == 429
    assert state(app, beneficiary) == VerificationState.PENDING


def test_the_limit_is_per_account_not_shared(app, client, beneficiary):
    for _ in range(5):
        post(client, cin="ZZ0")
    with app.app_context():
        other = make_supplier(verified=False)
        db.session.commit()
        login_as(client, other.user)

    assert post(client).status_code == 303


def test_a_verified_supplier_sees_their_state_and_no_form(app, client):
    with app.app_context():
        supplier = make_verified_supplier()
        db.session.commit()
        login_as(client, supplier.user)

    page = client.get("/supplier/verify").get_data(as_text=True)
    assert "Your stand is verified" in page and 'name="national_id"' not in page
    assert post(client).status_code == 200  # a post changes nothing


def test_a_refusal_reason_is_shown_to_the_beneficiary(app, client, beneficiary):
    from app.verification.services import decide

    post(client, reference="LR-404")
    with app.app_context():
        staff = make_user(Role.MODERATOR)
        from app.verification.models import VerificationRequest

        case = db.session.scalar(db.select(VerificationRequest))
        decide(case.id, staff.id, approve=False, reason="Al Amana has no loan LR-404")
        db.session.commit()

    assert "Al Amana has no loan LR-404" in client.get("/supplier/verify").get_data(as_text=True)


def test_the_form_needs_a_csrf_token(app_config, beneficiary):
    from app import create_app

    strict = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    client = strict.test_client()
    with strict.app_context():
        from app.suppliers.models import Supplier

        login_as(client, db.session.get(Supplier, beneficiary).user)

    assert post(client).status_code == 400


def test_a_pending_beneficiary_sees_what_they_sent_but_not_their_cin(client, beneficiary):
    post(client, cin="QX246810", reference="LR-404")

    page = client.get("/supplier/verify").get_data(as_text=True)

    assert "Al Amana, loan …404" in page and "QX246810" not in page and "LR-404" not in page
