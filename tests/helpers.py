"""Test helpers that make tests read as behaviour."""
from __future__ import annotations

from flask.testing import FlaskClient

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
    """Log a user in by writing the session directly (for tests that are not about login)."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


# -- beneficiary portal (photos) -------------------------------------------------------------

def upload_photos(client: FlaskClient, product_id: int, *files: tuple[bytes, str], as_json: bool = False):
    """POST photos to a listing's gallery as the portal's form (or its script, as_json) does."""
    import io

    data = {"photo": [(io.BytesIO(content), name) for content, name in files]}
    headers = {"Accept": "application/json"} if as_json else {}
    return client.post(f"/supplier/products/{product_id}/photos", data=data,
                       content_type="multipart/form-data", headers=headers)


# -- a new account, logged in ----------------------------------------------------------------

def log_in_new_user(app, client: FlaskClient, role=None, **kw) -> int:
    """Create an account of `role` (a shopper by default), log the client in as it, return its id."""
    from app.extensions import db
    from tests.factories import make_user

    with app.app_context():
        user = make_user(role, **kw) if role is not None else make_user(**kw)
        db.session.commit()
        login_as(client, user)
        return user.id


def log_in_stand_with_draft(app, client: FlaskClient):
    """A verified beneficiary with a stand and one draft listing, logged in: (supplier_id, product_id)."""
    from types import SimpleNamespace

    from app.catalog.models import ListingStatus
    from app.extensions import db
    from tests.factories import make_product, make_supplier

    with app.app_context():
        supplier = make_supplier()
        product = make_product(supplier, status=ListingStatus.DRAFT)
        login_as(client, supplier.user)
        db.session.commit()
        return SimpleNamespace(supplier_id=supplier.id, product_id=product.id)


def get_counting_queries(app, client: FlaskClient, url: str):
    """GET `url` (it must answer 200) and count the SQL statements it ran: (response, count).
    Tests compare counts for few and many rows, so an N+1 query shows up as a difference."""
    from sqlalchemy import event

    from app.extensions import db

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
