"""Microcredit imports for administrators: upload an institution's file, read the report."""
from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_login import current_user

from app.csv_export import csv_response
from app.extensions import db
from app.verification import importer, queries
from app.verification.forms import ImportForm
from app.verification.imports import import_file
from app.verification.models import MicrocreditImport
from app.web.admin import bp
from app.web.guards import admin_required
from app.web.pagination import paginate
from app.web.second_factor import fresh_second_factor_required
from app.web.unit_of_work import unit_of_work

PAGE_SIZE = 20


@bp.get("/imports")
@admin_required
@fresh_second_factor_required
def imports():
    """The upload form and the imports made so far."""
    return _render_form(ImportForm(formdata=None))


@bp.post("/imports")
@admin_required
@fresh_second_factor_required
def upload_import():
    """Import an uploaded file; a refused file writes nothing and says why."""
    form = ImportForm()
    if not form.validate():
        return _render_form(form, 422)
    upload = form.file.data
    with unit_of_work() as work:
        run = import_file(upload.stream, form.institution.data, filename=upload.filename or "",
                          actor_id=current_user.id, partial=form.partial.data)
    if work.error:
        form.file.errors = [str(work.error.message)]
        return _render_form(form, work.error.status)
    return redirect(url_for("admin.import_report", import_id=run.id), 303)


@bp.get("/imports/<int:import_id>")
@admin_required
def import_report(import_id: int):
    """The report of one import: counts and every bad row with its line and reason."""
    run = db.get_or_404(MicrocreditImport, import_id)
    return render_template("admin/imports/report.html", run=run, describe=importer.describe)


@bp.get("/imports/<int:import_id>/bad-rows.csv")
@admin_required
def import_bad_rows(import_id: int):
    """The bad rows as CSV (cells neutralised: a hostile file's formulas stay text)."""
    run = db.get_or_404(MicrocreditImport, import_id)
    if not run.bad_rows:
        abort(404)
    rows = ((bad["line"], bad.get("code", ""), bad.get("value", ""), importer.describe(bad)) for bad in run.bad_rows)
    return csv_response(f"import-{run.id}-bad-rows.csv", rows, header=("line", "code", "value", "reason"))


def _render_form(form: ImportForm, status: int = 200):
    page = paginate(queries.recent_imports(), PAGE_SIZE)
    summary = queries.records_per_institution()
    return render_template("admin/imports/index.html", form=form, page=page, summary=summary,
                           institutions=[row.institution for row in summary]), status
