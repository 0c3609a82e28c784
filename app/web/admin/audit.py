"""Audit log: filter by actor, action, object and dates; page through it or export it as CSV."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from app.accounts.policy import Permission
from app.csv_export import csv_response
from app.db import utcnow
from app.numbers import MAX_ID
from app.reports import audit_log as queries
from app.web.admin import bp
from app.web.guards import permission_required
from app.web.pagination import paginate

PAGE_SIZE = 50
CSV_HEADER = ("created_at", "actor_id", "actor_email", "actor_name", "action", "object_type", "object_id", "details")


class AuditFilterForm(FlaskForm):
    """The filters, read from the query string (a GET form: nothing changes, no CSRF token)."""

    class Meta:
        csrf = False

    actor = StringField(_l("Actor (email, name or #id)"), validators=[Optional(), Length(max=254)])
    action = StringField(_l("Action"), validators=[Optional(), Length(max=80)],
                         description=_l("Exact action, or a prefix ending with a dot, e.g. listing."))
    object_type = StringField(_l("Object type"), validators=[Optional(), Length(max=40)])
    object_id = IntegerField(_l("Object id"), validators=[Optional(), NumberRange(min=1, max=MAX_ID)])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])

    def validate_until(self, field) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end date must be on or after the start date."))

    def to_filter(self) -> queries.AuditFilter:
        return queries.AuditFilter(
            actor=(self.actor.data or "").strip(), action=(self.action.data or "").strip(),
            object_type=(self.object_type.data or "").strip(), object_id=self.object_id.data,
            since=self.since.data, until=self.until.data,
        )


@bp.get("/audit")
@permission_required(Permission.READ_AUDIT)
def audit_log():
    """The log, newest first, filtered and paginated."""
    form = AuditFilterForm(formdata=request.args)
    valid = form.validate()
    filters = form.to_filter() if valid else queries.AuditFilter()
    page = paginate(queries.entries(filters), PAGE_SIZE)
    return render_template("admin/audit.html", form=form, page=page, actions=queries.known_actions(),
                           object_types=queries.known_object_types()), (200 if valid else 422)


@bp.get("/audit.csv")
@permission_required(Permission.READ_AUDIT)
def audit_export():
    """The filtered log as CSV; cells that a spreadsheet would run as formulas are neutralised."""
    form = AuditFilterForm(formdata=request.args)
    if not form.validate():
        return render_template("admin/audit.html", form=form, page=None, actions=[], object_types=[]), 422
    filename = f"audit-{utcnow():%Y%m%d-%H%M}.csv"
    return csv_response(filename, queries.csv_rows(form.to_filter()), CSV_HEADER)
