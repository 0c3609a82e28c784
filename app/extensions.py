"""Unbound extensions, bound to the app in create_app (avoids import cycles)."""
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from app.catalog.search import is_search_table
from app.db import Base


def include_in_migrations(name: str | None, type_: str, parent_names: dict) -> bool:
    """Autogenerate ignores the search index: `search.install` owns it."""
    return not (type_ == "table" and is_search_table(name))


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True, include_name=include_in_migrations)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
