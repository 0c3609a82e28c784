"""Running fairs (organisers and admins: dates, venue, stands and their numbers) and the fair report,
what a fair brought to its beneficiaries (organisers, admins and the oversight role read it)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.accounts.policy import Permission
from app.csv_export import csv_response
from app.exhibition import services
from app.exhibition.models import Fair
from app.exhibition.queries import fair_by_slug, today
from app.fairs.queries import presence
from app.numbers import object_id
from app.reports import charts
from app.reports.fairs import fair_report, scans_by_day
from app.web.admin import bp
from app.web.admin.catalog_admin import KINDS, with_choices
from app.web.admin.dashboard import SVG_CSP
from app.web.admin.forms import save_or_explain
from app.web.guards import permission_required
from app.web.pagination import paginate
from app.web.unit_of_work import unit_of_work

STAND_INPUT = "stand-"  # the stand numbers form: one input per stand, named stand-<stand id>

CSV_HEADER = ("stand", "beneficiary", "scans", "items sold in person", "takings MAD", "online during MAD",
              "online 4 weeks before MAD", "online 4 weeks after MAD", "orders from the QR codes",
              "orders from the QR codes MAD", "pickups handed over at the stand")


def _report(slug: str):
    return fair_report(fair_by_slug(slug))


@bp.get("/fairs")
@permission_required(Permission.READ_FAIR_REPORTS)
def fairs_list():
    """Every fair, newest first, with its report (and, for organisers and admins, its settings and stands)."""
    page = paginate(select(Fair).order_by(*KINDS["fairs"].order), 30)
    return render_template("admin/fairs.html", page=page)


@bp.route("/fairs/<slug>/edit", methods=["GET", "POST"])
@permission_required(Permission.ORGANISE_FAIRS)
def fair_edit(slug: str):
    """A fair's name, dates, venue and who has a stand: the catalogue's fair form, for organisers too."""
    fair, spec = fair_by_slug(slug), KINDS["fairs"]
    form = with_choices(spec.form())
    if request.method == "GET":
        spec.fill(form, fair)
    elif save_or_explain(form, lambda: spec.save(form, fair.id)) is not None:
        return redirect(url_for("admin.fair_edit", slug=slug), 303)
    status = 422 if request.method == "POST" else 200
    return render_template("admin/fair_edit.html", fair=fair, form=form), status


@bp.get("/fairs/<slug>/stands")
@permission_required(Permission.ORGANISE_FAIRS)
def fair_stands(slug: str):
    """The fair's stands with their numbers, to renumber them, and during the fair who is at her stand today
    (opened fair mode, sold or handed an order over), with her last activity and the day's sales."""
    return _stands_page(fair_by_slug(slug))


@bp.post("/fairs/<slug>/stands")
@permission_required(Permission.ORGANISE_FAIRS)
def fair_stand_numbers(slug: str):
    """Save the stands' numbers; a number missing or given twice comes back explained (422)."""
    fair = fair_by_slug(slug)
    labels = {stand_id: value for name, value in request.form.items() if name.startswith(STAND_INPUT)
              and (stand_id := object_id(name.removeprefix(STAND_INPUT))) is not None}
    with unit_of_work() as work:
        services.number_stands(fair.id, labels, actor_id=current_user.id)
    if work.error:
        return _stands_page(fair, error=work.error.message, typed=labels), 422
    flash(_("Saved."))
    return redirect(url_for("admin.fair_stands", slug=slug), 303)


def _stands_page(fair: Fair, error=None, typed: dict[int, str] | None = None) -> str:
    day = today()
    stands = presence(fair.id, day)
    return render_template("admin/fair_stands.html", fair=fair, stands=stands, error=error, typed=typed or {},
                           stand_input=STAND_INPUT, on_today=fair.starts_on <= day <= fair.ends_on)


@bp.get("/fairs/<slug>/report")
@permission_required(Permission.READ_FAIR_REPORTS)
def fair_report_page(slug: str):
    """Scans, in-person sales, orders from the QR codes, pickups and producer earnings per stand, compared
    with the weeks around the fair."""
    return render_template("admin/fair_report.html", report=_report(slug))


@bp.get("/fairs/<slug>/report.csv")
@permission_required(Permission.READ_FAIR_REPORTS)
def fair_report_csv(slug: str):
    """The report's per-stand table as CSV."""
    report = _report(slug)
    rows = [(s.stand_label, s.name, s.scans, s.items_in_person, s.takings_centimes / 100,
             s.online_during_centimes / 100, s.online_before_centimes / 100, s.online_after_centimes / 100,
             s.qr_orders, s.qr_orders_centimes / 100, s.pickups_handed_over)
            for s in report.stands]
    return csv_response(f"fair-{report.fair.slug}.csv", rows, CSV_HEADER)


@bp.get("/fairs/<slug>/scans.svg")
@permission_required(Permission.READ_FAIR_REPORTS)
def fair_scans_chart(slug: str):
    """Scans per day as an SVG chart."""
    days = scans_by_day(fair_by_slug(slug).id)
    svg = charts.fair_scans_by_day(days, [format_date(day, "d MMM") for day, _ in days])
    return svg, 200, {"Content-Type": "image/svg+xml; charset=utf-8", "Content-Security-Policy": SVG_CSP,
                      "Cache-Control": "private, max-age=60"}
