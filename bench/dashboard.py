"""Dashboard charts at 10k and 100k order lines: GROUP BY in the database against summing in Python.

For each size a fresh SQLite database (or --database-url, e.g. a PostgreSQL database you own) is
filled with orders spread over half a year, suppliers, regions and categories. Each chart is
rendered through its endpoint (query + pygal SVG), and as a baseline in the same run the "sales by
region" figure is computed the naive way: every sold line loaded and summed in Python.

    .venv/bin/python bench/dashboard.py [--sizes 10000,100000] [--rounds 3] [--database-url URL]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, func, insert, select  # noqa: E402

from app import create_app  # noqa: E402
from app.accounts.models import Role, User  # noqa: E402
from app.catalog.models import Category, ListingStatus, Product  # noqa: E402
from app.db import utcnow  # noqa: E402
from app.extensions import db  # noqa: E402
from app.orders.models import Order, OrderLine, OrderStatus  # noqa: E402
from app.reports.charts import CHARTS  # noqa: E402
from app.reports.dashboard import SOLD_STATUSES  # noqa: E402
from app.suppliers.models import Supplier, VerificationState  # noqa: E402

LINES_PER_ORDER = 5


def fill(lines: int) -> None:
    db.session.remove()  # an open read transaction would block DROP TABLE on PostgreSQL
    db.drop_all()
    db.create_all()
    db.session.add(User(id=1, email="mod@example.ma", password_hash="x", role=Role.MODERATOR))
    db.session.add_all(Category(id=i + 1, slug=f"c{i}", name=f"Craft {i}") for i in range(8))
    db.session.add_all(User(id=10 + i, email=f"s{i}@example.ma", password_hash="x", role=Role.BENEFICIARY)
                       for i in range(60))
    db.session.flush()
    db.session.add_all(Supplier(id=i + 1, user_id=10 + i, slug=f"s{i}", display_name=f"Supplier {i}",
                                region=f"Region {i % 12}", verification_state=VerificationState.VERIFIED)
                       for i in range(60))
    db.session.flush()
    db.session.add_all(Product(id=i + 1, supplier_id=i % 60 + 1, category_id=i % 8 + 1, slug=f"p{i}",
                               title=f"Product {i}", price_centimes=1000 + i, status=ListingStatus.PUBLISHED)
                       for i in range(300))
    db.session.flush()
    now, orders = utcnow(), lines // LINES_PER_ORDER
    statuses = list(OrderStatus)
    db.session.execute(insert(Order), [
        {"id": i + 1, "number": f"B{i:09d}", "token": f"t{i}", "status": statuses[i % len(statuses)],
         "customer_name": "x", "email": "x@example.ma", "phone": "+212600000000", "delivery_method": "home",
         "payment_method": "cash", "subtotal_centimes": 0, "total_centimes": 0,
         "created_at": now - timedelta(hours=i % (24 * 180)), "updated_at": now} for i in range(orders)])
    db.session.execute(insert(OrderLine), [
        {"order_id": i // LINES_PER_ORDER + 1, "product_id": i % 300 + 1, "supplier_id": i % 300 % 60 + 1,
         "title": "x", "unit_price_centimes": 1000, "quantity": 1, "line_total_centimes": 1000,
         "producer_share_centimes": 750, "status": "pending"} for i in range(orders * LINES_PER_ORDER)])
    db.session.commit()


def python_sales_by_region() -> dict:
    totals: dict = defaultdict(int)
    rows = db.session.execute(select(OrderLine, Supplier.region).join(Order).join(Supplier)
                              .where(Order.status.in_(SOLD_STATUSES)))
    for line, region in rows:
        totals[region] += line.line_total_centimes
    db.session.expunge_all()
    return totals


def timed(fn, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure_chart(client, path: str, rounds: int) -> tuple[float, int]:
    count: list[int] = []

    def listener(*_args) -> None:
        count.append(1)

    event.listen(db.engine, "before_cursor_execute", listener)
    assert client.get(path).status_code == 200
    event.remove(db.engine, "before_cursor_execute", listener)
    return timed(lambda: client.get(path), rounds), len(count)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False,
                          "MEDIA_ROOT": tmp, "PRIVATE_ROOT": tmp, "OUTBOX_DIR": tmp})
        client = app.test_client()
        with app.app_context():
            print(f"database: {db.engine.dialect.name}, median of {args.rounds} rounds, milliseconds")
            print(f"{'lines':>8} {'chart':<22} {'ms':>8} {'queries':>8}")
            for size in (int(s) for s in args.sizes.split(",")):
                fill(size)
                assert db.session.scalar(select(func.count(OrderLine.id))) == size
                with client.session_transaction() as session:
                    session["_user_id"] = "1:1"
                for name in CHARTS:
                    ms, queries = measure_chart(client, f"/admin/dashboard/chart/{name}.svg", args.rounds)
                    print(f"{size:>8} {name:<22} {ms:>8.1f} {queries:>8}")
                ms = timed(lambda: client.get("/admin/dashboard"), args.rounds)
                print(f"{size:>8} {'(dashboard page)':<22} {ms:>8.1f}")
                ms = timed(python_sales_by_region, args.rounds)
                print(f"{size:>8} {'baseline: region in Python':<22} {ms:>8.1f}")
            db.session.remove()
            db.drop_all()


if __name__ == "__main__":
    main()
