"""Moderation and administration, for staff only; one module per concern registers its views on `bp`."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from app.web.admin import views  # noqa: E402,F401  (views register themselves on bp)
