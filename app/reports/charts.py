"""Dashboard charts drawn by pygal as standalone SVG documents.

Served as images (<img src=...svg>), so the SVG's own <style> never meets the page's CSP,
and the configuration <script> pygal always writes is removed: the charts need no script.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pygal
from flask_babel import format_currency, format_date, format_decimal
from flask_babel import lazy_gettext as _l
from pygal.style import Style

from app.money import CURRENCY, to_decimal
from app.reports import dashboard

STYLE = Style(
    background="transparent", plot_background="#fffdf9", foreground="#2a1f17",
    foreground_strong="#2a1f17", foreground_subtle="#e7dccd", opacity=".9", opacity_hover="1",
    colors=("#b4532a", "#2d4f8b", "#e3a535", "#2f7a45", "#8e3d1b", "#6b5c50", "#a8322b", "#5b7fbf"),
    font_family="system-ui, sans-serif", title_font_size=24, label_font_size=17, major_label_font_size=17,
    value_font_size=16, legend_font_size=18, tooltip_font_size=16,
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)

AGE_LABELS = {
    "under_1_day": _l("under a day"), "1_to_3_days": _l("1 to 3 days"),
    "3_to_7_days": _l("3 to 7 days"), "over_7_days": _l("over a week"),
}
BACKLOG_LABELS = {
    "request:request": _l("requests"), "request:flag": _l("flags after import"),
    "request:spot_audit": _l("spot checks"), "supplier:pending": _l("suppliers pending"),
    "supplier:flagged": _l("suppliers flagged"),
}


def _mad(centimes: int) -> float:
    return float(to_decimal(centimes))


def _money(value: float | None) -> str:
    return format_currency(value or 0, CURRENCY)


def _count(value: float | None) -> str:
    return format_decimal(value or 0)


def _chart(kind, title: str, formatter: Callable, **options):
    config = dict(
        style=STYLE, js=[], no_prefix=True, width=760, height=380, show_legend=False, title=title,
        value_formatter=formatter, truncate_label=28, margin=16, print_zeroes=False,
    )
    config.update(options)
    return kind(**config)


def _count_axis(values: list[int]) -> dict:
    """Whole-number ticks for charts of counts (pygal would otherwise draw 0.1, 0.2 ...)."""
    top = max(values, default=0)
    step = max(1, -(-top // 8))
    return {"y_labels": list(range(0, top + step + 1, step))}


def _render(chart) -> bytes:
    return _SCRIPT.sub("", chart.render(is_unicode=True)).encode("utf-8")


def sales_by_week() -> bytes:
    rows = dashboard.sales_by_week()
    chart = _chart(pygal.Bar, str(_l("Sales by week")), _money, x_label_rotation=-35,
                   show_minor_x_labels=False, x_labels_major_every=4)
    chart.x_labels = [format_date(date.fromisoformat(r.label), "d MMM") for r in rows]
    chart.add(str(_l("Sales")), [_mad(r.amount) for r in rows])
    return _render(chart)


def _horizontal(title: str, rows: list[dashboard.Row], money: bool = True) -> bytes:
    chart = _chart(pygal.HorizontalBar, title, _money if money else _count, x_label_rotation=-30)
    chart.x_labels = [r.label or str(_l("unknown")) for r in reversed(rows)]
    chart.add(title, [_mad(r.amount) if money else r.amount for r in reversed(rows)])
    return _render(chart)


def sales_by_region() -> bytes:
    return _horizontal(str(_l("Sales by region")), dashboard.sales_by_region())


def sales_by_category() -> bytes:
    chart = _chart(pygal.Pie, str(_l("Sales by category")), _money, show_legend=True, inner_radius=.4)
    for row in dashboard.sales_by_category():
        chart.add(row.label or str(_l("deleted products")), _mad(row.amount))
    return _render(chart)


def top_suppliers() -> bytes:
    return _horizontal(str(_l("Top suppliers")), dashboard.top_suppliers())


def waiting_listings() -> bytes:
    rows = dashboard.waiting_listings_by_age()
    chart = _chart(pygal.Bar, str(_l("Listings waiting, by age")), _count, **_count_axis([r.amount for r in rows]))
    chart.x_labels = [str(AGE_LABELS[r.label]) for r in rows]
    chart.add(str(_l("Listings")), [r.amount for r in rows])
    return _render(chart)


def verification_backlog() -> bytes:
    rows = dashboard.verification_backlog()
    chart = _chart(pygal.Bar, str(_l("Verification backlog")), _count, **_count_axis([r.amount for r in rows]),
                   x_label_rotation=-20)
    chart.x_labels = [str(BACKLOG_LABELS[r.label]) for r in rows]
    chart.add(str(_l("Cases")), [r.amount for r in rows])
    return _render(chart)


def fair_scans_by_day(days: list[tuple], labels: list[str]) -> bytes:
    """A fair's QR-code scans per day (the report's table holds the same figures)."""
    chart = _chart(pygal.Bar, str(_l("QR code scans per day")), _count, **_count_axis([n for _, n in days]))
    chart.x_labels = labels
    chart.add(str(_l("Scans")), [n for _, n in days])
    return _render(chart)


CHARTS: dict[str, tuple[Callable[[], bytes], object]] = {
    "sales-by-week": (sales_by_week, _l("Sales by week")),
    "sales-by-region": (sales_by_region, _l("Sales by region")),
    "sales-by-category": (sales_by_category, _l("Sales by category")),
    "top-suppliers": (top_suppliers, _l("Top suppliers")),
    "waiting-listings": (waiting_listings, _l("Listings waiting, by age")),
    "verification-backlog": (verification_backlog, _l("Verification backlog")),
}
