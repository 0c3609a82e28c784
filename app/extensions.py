"""Unbound extensions, bound to the app in create_app (avoids import cycles)."""
from flask import current_app, request, session
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_login.config import COOKIE_NAME
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from app.db import Base


class VisitorLoginManager(LoginManager):
    """Flask-Login, skipping its lookups (a signal, a session fingerprint hashed, cookies and headers
    read) for a visitor who carries neither a session nor a remember cookie, as most readers of the
    catalogue do: there is no one to load, so the visitor is anonymous at once. A request or header
    loader, should one be registered, is always asked."""

    def _load_user(self) -> None:
        nothing_to_load = (not session and self._request_callback is None and self._header_callback is None
                           and current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) not in request.cookies)
        if nothing_to_load:
            return self._update_request_context_with_user()
        return super()._load_user()


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)  # include_name is given in create_app
login_manager = VisitorLoginManager()
csrf = CSRFProtect()
babel = Babel()
compress = Compress()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
