"""Portal home: the beneficiary's dashboard."""
from __future__ import annotations

from flask import g, render_template

from app.portal.queries import earnings_of_supplier, listing_counts, recent_lines_of_supplier, stock_alerts
from app.web.supplier import bp, stand_required


@bp.get("/")
@stand_required
def index():
    """Dashboard: verification state, listings by state, stock alerts, orders and earnings."""
    supplier = g.supplier
    return render_template(
        "supplier/index.html",
        supplier=supplier,
        counts=listing_counts(supplier.id),
        alerts=stock_alerts(supplier.id),
        **_orders_and_earnings(supplier.id),
    )


def _orders_and_earnings(supplier_id: int) -> dict:
    """Recent order lines and the ledger totals (the full list is on the orders page)."""
    return {"recent_lines": recent_lines_of_supplier(supplier_id), "earnings": earnings_of_supplier(supplier_id)}
