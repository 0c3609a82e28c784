"""Admin home."""
from flask import render_template

from app.web.admin import bp
from app.web.guards import staff_required


@bp.get("/")
@staff_required
def index():
    """Staff landing page."""
    return render_template("admin/index.html")
