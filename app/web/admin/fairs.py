"""The fair report: what a fair brought to its beneficiaries (admins and the oversight role read it)."""
from __future__ import annotations

from flask import current_app, render_template
from flask_babel import format_date

from app.accounts.policy import Permission
from app.csv_export import csv_response
from app.exhibition.queries import fair_by_slug
from app.reports import charts
from app.reports.fairs import fair_report
from app.web.admin import bp
from app.web.admin.dashboard import SVG_CSP
from app.web.guards import permission_required

CSV_HEADER = ("stand", "beneficiary", "scans", "items sold in person", "takings MAD", "online during MAD",
              "online 4 weeks before MAD", "online 4 weeks after MAD", "orders from the QR codes",
              "orders from the QR codes MAD", "pickups handed over at the stand")


def _report(slug: str):
    return fair_report(fair_by_slug(slug), current_app.config["BABEL_DEFAULT_TIMEZONE"])


@bp.get("/fairs/<slug>/report")
@permission_required(Permission.READ_REPORTS)
def fair_report_page(slug: str):
    """Scans, in-person sales, orders from the QR codes, pickups and producer earnings per stand, compared
    with the weeks around the fair."""
    return render_template("admin/fair_report.html", report=_report(slug))


@bp.get("/fairs/<slug>/report.csv")
@permission_required(Permission.READ_REPORTS)
def fair_report_csv(slug: str):
    """The report's per-stand table as CSV."""
    report = _report(slug)
    rows = [(s.stand_label, s.name, s.scans, s.items_in_person, s.takings_centimes / 100,
             s.online_during_centimes / 100, s.online_before_centimes / 100, s.online_after_centimes / 100,
             s.qr_orders, s.qr_orders_centimes / 100, s.pickups_handed_over)
            for s in report.stands]
    return csv_response(f"fair-{report.fair.slug}.csv", rows, CSV_HEADER)


@bp.get("/fairs/<slug>/scans.svg")
@permission_required(Permission.READ_REPORTS)
def fair_scans_chart(slug: str):
    """Scans per day as an SVG chart."""
    days = _report(slug).scans_by_day
    svg = charts.fair_scans_by_day(days, [format_date(day, "d MMM") for day, _ in days])
    return svg, 200, {"Content-Type": "image/svg+xml; charset=utf-8", "Content-Security-Policy": SVG_CSP,
                      "Cache-Control": "private, max-age=60"}
