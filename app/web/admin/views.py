"""Admin home (staff land on the moderation queue, oversight on the solidarity report) and what every
admin list shares: its page of rows and the links to the other pages."""
from flask import redirect, request, url_for
from flask_babel import format_decimal
from flask_login import current_user

from app.accounts.models import Role
from app.accounts.policy import Permission, can
from app.extensions import db
from app.numbers import page_number
from app.web.admin import bp
from app.web.guards import STAFF_ROLES, roles_required


@bp.get("/")
@roles_required(*STAFF_ROLES, Role.OVERSIGHT)
def index():
    """Send each staff role to the page it works from."""
    if can(current_user, Permission.MODERATE):
        return redirect(url_for("admin.moderation_queue"))
    return redirect(url_for("admin.solidarity_report"))


@bp.context_processor
def admin_permissions() -> dict:
    """`admin_can("moderate")` (the nav shows only what the user may open) and `number(n)` in the locale."""
    return {"admin_can": lambda name: can(current_user, Permission(name)), "number": format_decimal}


@bp.context_processor
def pagination_links() -> dict:
    """`page_url(n)`: this list's URL at page n, keeping its filters (admin/_pagination.html)."""
    return {"page_url": page_url}


def page_url(number: int) -> str:
    """Only the list's own arguments are kept: url_for options (`_external`, `_scheme`, `_anchor`)
    taken from the query string would let a crafted link choose where "Next" points."""
    args = {name: value for name, value in request.args.items() if not name.startswith("_")}
    return url_for(request.endpoint, **{**args, **(request.view_args or {}), "page": number})


def paginate(stmt, per_page: int):
    """One page of `stmt` for an admin list. A `page` that is no plausible number is the first page:
    left to Flask-SQLAlchemy, a huge one became an OFFSET PostgreSQL refuses (a 500)."""
    page = page_number(request.args.get("page")) or 1
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)
