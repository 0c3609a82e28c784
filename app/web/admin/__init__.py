"""Moderation and administration, for staff only; one module per concern registers its views on `bp`."""
from importlib import import_module
from importlib.util import find_spec

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

# Views register themselves on bp when imported.
from app.web.admin import (  # noqa: E402,F401
    audit,
    catalog_admin,
    dashboard,
    moderation,
    solidarity,
    users,
    views,
)

# Verification review and microcredit imports are built alongside; load them when present.
for _name in ("verification", "imports"):
    if find_spec(f"app.web.admin.{_name}") is not None:
        import_module(f"app.web.admin.{_name}")
