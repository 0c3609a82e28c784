"""Portal home."""
from flask import render_template

from app.web.guards import beneficiary_required
from app.web.supplier import bp


@bp.get("/")
@beneficiary_required
def index():
    """Beneficiary dashboard."""
    return render_template("supplier/index.html")
