"""Dashboard: sales and backlogs as pygal charts, each chart served as its own SVG image."""
from __future__ import annotations

from datetime import date

from flask import abort, render_template
from flask_babel import format_date
from flask_babel import gettext as _

from app.reports import charts, dashboard
from app.web.admin import bp
from app.web.guards import staff_required

# The SVG is a document of its own: its inline <style> is allowed there, scripts are not.
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@bp.get("/dashboard")
@staff_required
def dashboard_page():
    """Charts with the same figures as tables for screen readers and exact reading."""
    by_week = dashboard.sales_by_week()
    return render_template(
        "admin/dashboard.html",
        charts=charts.CHARTS,
        by_week=by_week,
        week_labels={r.label: _("week of %(day)s", day=format_date(date.fromisoformat(r.label), "medium"))
                     for r in by_week},
        totals=dashboard.totals(),
        by_region=dashboard.sales_by_region(),
        by_category=dashboard.sales_by_category(),
        suppliers=dashboard.top_suppliers(),
        waiting=dashboard.waiting_listings_by_age(),
        backlog=dashboard.verification_backlog(),
        age_labels=charts.AGE_LABELS,
        backlog_labels=charts.BACKLOG_LABELS,
    )


@bp.get("/dashboard/chart/<name>.svg")
@staff_required
def dashboard_chart(name: str):
    """One chart as image/svg+xml (one aggregate query)."""
    if name not in charts.CHARTS:
        abort(404)
    render, _title = charts.CHARTS[name]
    return render(), 200, {
        "Content-Type": "image/svg+xml; charset=utf-8",
        "Content-Security-Policy": SVG_CSP,
        "Cache-Control": "private, max-age=60",
        "Vary": "Cookie, Accept-Language",
    }
