"""Loading the logged-in user: the session carries the user's session version."""
from __future__ import annotations

from app.accounts.models import User
from app.extensions import db


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: refuses a session whose version the user has since bumped."""
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version):
        return None
    return user
