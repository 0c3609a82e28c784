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
