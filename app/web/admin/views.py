"""Admin home: staff land on the moderation queue, oversight on the solidarity report."""
from flask import redirect, url_for
from flask_login import current_user

from app.accounts.models import Role
from app.web.admin import bp
from app.web.guards import STAFF_ROLES, roles_required


@bp.get("/")
@roles_required(*STAFF_ROLES, Role.OVERSIGHT)
def index():
    """Send each staff role to the page it works from."""
    if current_user.role == Role.OVERSIGHT:
        return redirect(url_for("admin.solidarity_report"))
    return redirect(url_for("admin.moderation_queue"))
