"""Orders placed per second through the HTTP layer, and the contended case with zero oversell.

Builds a PostgreSQL database of its own (dropped at the end), serves the shop with gunicorn
(2 workers x 8 threads, CSRF on as in production) on a free loopback port, and drives it with
shoppers that each have their own cookie jar and do what a browser does:
GET /cart (session and CSRF token) -> POST /cart/items -> POST /checkout (cash on delivery).

  1. baseline, same run: GET /healthz at the same concurrency (the HTTP floor of this machine);
  2. uncontended: 16 shoppers for --seconds, plenty of stock over 40 products;
  3. contended: --contenders shoppers at once for one product with --scarce items in stock,
     reporting orders made, stock left, oversell (must be 0) and any 5xx.

    .venv/bin/python bench/orders.py [--database-url postgresql+psycopg://127.0.0.1:5432/postgres]
                                     [--seconds 10] [--shoppers 16] [--contenders 64] [--scarce 10]
The load generator runs on the same machine as the server: compare with the baseline line.
"""
from __future__ import annotations

import argparse
import functools
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

print = functools.partial(print, flush=True)  # noqa: A001  (figures appear as they are measured)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, make_url, select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.accounts.models import Role, User  # noqa: E402
from app.catalog.models import Category, ListingStatus, Product  # noqa: E402
from app.db import utcnow  # noqa: E402
from app.extensions import db  # noqa: E402
from app.orders.models import Order  # noqa: E402
from app.suppliers.models import Supplier, VerificationState  # noqa: E402

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
FORM = {"name": "Bench Shopper", "email": "bench@example.ma", "phone": "0612345678", "delivery_method": "home",
        "city": "Casablanca", "address": "1 boulevard Zerktouni", "payment_method": "cash"}
WSGI = """
import os
from app import create_app
app = create_app({"SQLALCHEMY_DATABASE_URI": os.environ["BENCH_DATABASE_URL"], "OUTBOX_DIR": os.environ["OUTBOX_DIR"],
                  "RATELIMIT_ENABLED": False})
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def own_database(base: str) -> tuple[str, object]:
    url = make_url(base)
    name = f"souk_bench_orders_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return url.set(database=name).render_as_string(hide_password=False), (admin, name)


def drop_database(handle) -> None:
    admin, name = handle
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def seed(url: str, products: int, stock: int) -> list[int]:
    app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        db.session.add(Category(id=1, slug="craft", name="Craft"))
        for i in range(4):
            db.session.add(User(id=i + 1, email=f"s{i}@example.ma", password_hash="x", role=Role.BENEFICIARY))
        db.session.flush()
        for i in range(4):
            db.session.add(Supplier(id=i + 1, user_id=i + 1, slug=f"s{i}", display_name=f"Supplier {i}",
                                    verification_state=VerificationState.VERIFIED, verified_at=utcnow()))
        db.session.flush()
        for i in range(products):
            db.session.add(Product(id=i + 1, supplier_id=i % 4 + 1, category_id=1, slug=f"p{i}",
                                   title=f"Product {i}", price_centimes=5000 + i * 10, stock=stock,
                                   status=ListingStatus.PUBLISHED, published_at=utcnow()))
        db.session.commit()
        ids = list(db.session.scalars(select(Product.id)))
        db.engine.dispose()
    return ids


def add_product(url: str, stock: int) -> int:
    app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        product = Product(id=100_000, supplier_id=1, category_id=1, slug="scarce", title="Last items",
                          price_centimes=9900, stock=stock, status=ListingStatus.PUBLISHED, published_at=utcnow())
        db.session.add(product)
        db.session.commit()
        pid = product.id
        db.engine.dispose()
    return pid


def counts(url: str, product_id: int) -> tuple[int, int]:
    app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        from app.orders.models import OrderLine

        orders = db.session.scalar(
            select(func.coalesce(func.sum(OrderLine.quantity), 0)).where(OrderLine.product_id == product_id))
        stock = db.session.get(Product, product_id).stock
        db.engine.dispose()
    return orders, stock


def start_gunicorn(url: str, tmp: Path) -> tuple[subprocess.Popen, str]:
    (tmp / "bench_wsgi.py").write_text(WSGI)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": f"{tmp}:{ROOT}", "BENCH_DATABASE_URL": url, "OUTBOX_DIR": str(tmp / "outbox"),
           "APP_ENV": "development"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "8", "--worker-class", "gthread",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "bench_wsgi:app"],
        cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                return process, base
        except requests.RequestException:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def buy(base: str, product_id: int) -> int:
    """One shopper, one order, as a browser does it; returns the checkout's status (303 when placed)."""
    with requests.Session() as shopper:
        token = CSRF.search(shopper.get(f"{base}/cart", timeout=30).text)[1]
        shopper.post(f"{base}/cart/items", data={"product_id": product_id, "quantity": "1", "csrf_token": token},
                     allow_redirects=False, timeout=30)
        answer = shopper.post(f"{base}/checkout", data={**FORM, "csrf_token": token}, allow_redirects=False,
                              timeout=30)
        placed = answer.status_code == 303 and "/orders/" in answer.headers.get("Location", "")
        return 200 if placed else answer.status_code


def for_seconds(seconds: float, workers: int, action) -> tuple[int, list[int], float]:
    """Run `action` in `workers` threads until time is up; returns (count, statuses, elapsed)."""
    stop = time.monotonic() + seconds
    statuses: list[int] = []
    lock = threading.Lock()

    def loop(worker: int) -> None:
        i = 0
        while time.monotonic() < stop:
            status = action(worker, i)
            i += 1
            with lock:
                statuses.append(status)

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(w,)) for w in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(statuses), statuses, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                                 "postgresql+psycopg://127.0.0.1:5432/postgres"))
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--shoppers", type=int, default=16)
    parser.add_argument("--contenders", type=int, default=64)
    parser.add_argument("--scarce", type=int, default=10)
    args = parser.parse_args()

    url, handle = own_database(args.database_url)
    process = None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            ids = seed(url, products=40, stock=1_000_000)
            process, base = start_gunicorn(url, Path(tmp))
            print(f"PostgreSQL {make_url(url).database}; gunicorn 2 workers x 8 threads on {base}; "
                  f"{os.cpu_count()} CPUs shared with the load generator")

            session = requests.Session()
            n, statuses, elapsed = for_seconds(
                args.seconds, args.shoppers, lambda w, i: session.get(f"{base}/healthz", timeout=30).status_code)
            print(f"baseline  GET /healthz            {args.shoppers:3d} concurrent: {n / elapsed:8.1f} req/s")

            n, statuses, elapsed = for_seconds(args.seconds, args.shoppers,
                                               lambda w, i: buy(base, ids[(w * 7 + i) % len(ids)]))
            placed = statuses.count(200)
            errors = sum(1 for s in statuses if s >= 500)
            print(f"orders    cart+checkout (3 req)   {args.shoppers:3d} concurrent: {placed / elapsed:8.1f} orders/s"
                  f"  ({placed} orders in {elapsed:.1f} s, {errors} 5xx, "
                  f"{3 * n / elapsed:.0f} req/s)")

            scarce = add_product(url, args.scarce)
            start = threading.Barrier(args.contenders)
            results: list[int] = []

            def contender() -> None:
                start.wait()
                results.append(buy(base, scarce))

            began = time.monotonic()
            threads = [threading.Thread(target=contender) for _ in range(args.contenders)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - began
            sold, left = counts(url, scarce)
            oversell = max(sold - args.scarce, 0)
            print(f"contended {args.contenders} shoppers at once for {args.scarce} items: "
                  f"{results.count(200)} orders placed, {sold} sold, stock left {left}, OVERSELL {oversell}, "
                  f"sold + left = {sold + left} (expected {args.scarce}), "
                  f"{sum(1 for s in results if s >= 500)} 5xx, "
                  f"{sum(1 for s in results if s in (303, 409))} refused cleanly, {elapsed:.1f} s")
            with create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url}).app_context():
                total = db.session.scalar(select(func.count()).select_from(Order))
                db.engine.dispose()
            print(f"orders in the database: {total}")
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
        drop_database(handle)


if __name__ == "__main__":
    main()
