"""Admin home (staff land on the moderation queue, oversight on the solidarity report, organisers on the
fairs) and what every admin page shares: the permissions its navigation asks about and numbers in the locale."""
from flask import redirect, url_for
from flask_babel import format_decimal
from flask_login import current_user

from app.accounts.models import Role
from app.accounts.policy import Permission, can
from app.web.admin import bp
from app.web.guards import STAFF_ROLES, roles_required


@bp.get("/")
@roles_required(*STAFF_ROLES, Role.OVERSIGHT, Role.ORGANISER)
def index():
    """Send each staff role to the page it works from."""
    if can(current_user, Permission.MODERATE):
        return redirect(url_for("admin.moderation_queue"))
    if can(current_user, Permission.READ_REPORTS):
        return redirect(url_for("admin.solidarity_report"))
    return redirect(url_for("admin.fairs_list"))


@bp.context_processor
def admin_permissions() -> dict:
    """`admin_can("moderate")` (the nav shows only what the user may open) and `number(n)` in the locale."""
    return {"admin_can": lambda name: can(current_user, Permission(name)), "number": format_decimal}
