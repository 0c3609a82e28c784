"""Portal home: the beneficiary's dashboard."""
from __future__ import annotations

from flask import g, render_template

from app.suppliers.queries import listing_counts, stock_alerts
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
    """Recent order lines and the ledger balance (built by the orders and solidarity domains).

    ORDERS/LEDGER BLOCK: filled in once app.orders / app.solidarity.ledger expose their reads.
    """
    return {"recent_lines": None, "earnings": None}
