"""The beneficiary portal: verification, stand profile, listings and photos, orders and earnings."""
from flask import Blueprint

bp = Blueprint("supplier", __name__, url_prefix="/supplier")
