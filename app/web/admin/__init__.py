"""Moderation and administration, for staff only; one module per concern registers its views on `bp`."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

# Views register themselves on bp when imported.
from app.web.admin import (  # noqa: E402,F401
    audit,
    cash_on_delivery,
    catalog_admin,
    dashboard,
    fairs,
    glossary,
    group_manager,
    imports,
    moderation,
    orders,
    solidarity,
    users,
    verification,
    views,
)
