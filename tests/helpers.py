"""Test helpers that make tests read as behaviour."""
from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Callable
from types import SimpleNamespace

from flask.testing import FlaskClient
from sqlalchemy import event, select

from app.catalog.models import ListingStatus
from app.extensions import db
from app.orders.models import Order
from app.web.second_factor import VERIFIED_AT

DEFAULT_PASSWORD = "correct horse battery"


class AuthActions:
    """Log in and out through the real routes."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, email: str, password: str = DEFAULT_PASSWORD, **extra):
        return self.client.post("/account/login", data={"email": email, "password": password, **extra})

    def logout(self):
        return self.client.post("/account/logout")


def login_as(client: FlaskClient, user) -> None:
    """Log a user in by writing the session directly (for tests that are not about login), second factor
    included (tests/web/test_security_second_factor.py is about that)."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session[VERIFIED_AT] = time.time()  # staff have just given their second factor


def last_sms_code(app, phone: str) -> str:
    """The 6-digit code in the latest text message sent to `phone` (from the development outbox)."""
    from app.sms.outbox import outbox_sms

    with app.app_context():
        body = outbox_sms(phone)[-1]["body"]
    return re.search(r"\b\d{6}\b", body).group()


# -- beneficiary portal (photos) -------------------------------------------------------------

def upload_photos(client: FlaskClient, product_id: int, *files: tuple[bytes, str], as_json: bool = False):
    """POST photos to a listing's gallery as the portal's form (or its script, as_json) does."""
    data = {"photo": [(io.BytesIO(content), name) for content, name in files]}
    headers = {"Accept": "application/json"} if as_json else {}
    return client.post(f"/supplier/products/{product_id}/photos", data=data,
                       content_type="multipart/form-data", headers=headers)


# -- a new account, logged in ----------------------------------------------------------------

def log_in_new_user(app, client: FlaskClient, role=None, **kw) -> int:
    """Create an account of `role` (a shopper by default), log the client in as it, return its id."""
    from tests.factories import make_user  # here, not at the top: factories imports this module

    with app.app_context():
        user = make_user(role, **kw) if role is not None else make_user(**kw)
        db.session.commit()
        login_as(client, user)
        return user.id


def log_in_stand_with_draft(app, client: FlaskClient):
    """A verified beneficiary with a stand and one draft listing, logged in: (supplier_id, product_id)."""
    from tests.factories import make_product, make_supplier  # (see above)

    with app.app_context():
        supplier = make_supplier()
        product = make_product(supplier, status=ListingStatus.DRAFT)
        login_as(client, supplier.user)
        db.session.commit()
        return SimpleNamespace(supplier_id=supplier.id, product_id=product.id)


def get_counting_queries(app, client: FlaskClient, url: str):
    """GET `url` (it must answer 200) and count the SQL statements it ran: (response, count).
    Tests compare counts for few and many rows, so an N+1 query shows up as a difference."""


    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 200, url
    return response, len(statements)


def count_queries(app, client: FlaskClient, url: str) -> int:
    """How many SQL statements a GET of `url` runs (see get_counting_queries)."""
    return get_counting_queries(app, client, url)[1]


def fill_cart(app, client: FlaskClient, *specs: dict, quantity: int = 1) -> list[int]:
    """Make one product per spec (make_product keywords) and put `quantity` of each in the cart."""
    from tests.factories import make_product  # here, not at the top: factories imports this module

    with app.app_context():
        ids = [make_product(**spec).id for spec in specs]
        db.session.commit()
    for product_id in ids:
        client.post("/cart/items", data={"product_id": product_id, "quantity": str(quantity)})
    return ids


def the_order(app):
    """The one order in the database, detached so the test can read it after the context ends."""
    with app.app_context():
        order = db.session.scalar(select(Order))
        db.session.expunge_all()
        return order


# Everything production refuses to start without (tests/web/test_security_headers.py checks each).
PRODUCTION_SETTINGS = {"APP_ENV": "production", "TESTING": False, "SECRET_KEY": "s" * 40, "CIN_HMAC_KEY": "c" * 40,
                       "SITE_URL": "https://souk.example", "TRUSTED_HOSTS": ["souk.example", "localhost"]}


def all_at_once(*calls: Callable[[], object]) -> None:
    """Run each call in its own thread, all released in the same instant (a barrier); wait for every one."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], object]) -> None:
        start.wait()
        call()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
