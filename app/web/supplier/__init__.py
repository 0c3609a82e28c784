"""The beneficiary portal; one module per concern registers its views on `bp`."""
from flask import Blueprint

bp = Blueprint("supplier", __name__, url_prefix="/supplier")

from app.web.supplier import views  # noqa: E402,F401  (views register themselves on bp)
