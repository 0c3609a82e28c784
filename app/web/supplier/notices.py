"""The notices sent to the beneficiary: what, by which channel, when, and whether it left."""
from __future__ import annotations

from flask import render_template
from flask_login import current_user

from app.notifications.services import notifications_of
from app.web.guards import beneficiary_required
from app.web.supplier import bp


@bp.get("/notifications")
@beneficiary_required
def notifications():
    """My latest notices, newest first."""
    return render_template("supplier/notifications.html", notices=notifications_of(current_user.id))
