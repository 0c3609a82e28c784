"""Load on several app servers: two app servers behind nginx, one app server alone, and a bare Flask
route, all in the same run, on PostgreSQL, Redis and the bucket stand-in (moto's server mode).

wrk (apt-get install wrk) drives 64 connections for --seconds (60) against each target, spreading
requests over the catalogue, product and cart pages (a Lua script); meanwhile a few Python threads
run a checkout mix (add to cart, check out). Reported per target: requests/s, p50 and p99 latency,
5xx answers; for the checkout mix: orders placed, 5xx, and the stock check afterwards.

    .venv/bin/python bench/servers.py [--seconds 60] [--connections 64] [--products 40]
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from tests.bucket import CREDENTIALS, make_buckets, moto_server  # noqa: E402
from tests.databases import scratch_database  # noqa: E402
from tests.servers import csrf_token, flask_command, free_port, gunicorn, scripted_browser, server_env  # noqa: E402

POSTGRES = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg://127.0.0.1:5432/test")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
FORM = {"name": "Amina Benali", "email": "bench@example.ma", "phone": "06 12 34 56 78",
        "delivery_method": "home", "city": "Rabat", "address": "3 rue Souika", "payment_method": "cash"}
# Every simulated shopper orders cash from one number, one address and 127.0.0.1: the cash-on-delivery
# guards (daily limits, SMS code for a new number) would refuse them after the first few.
ONE_HOST_SHOPPERS = {"COD_DAILY_LIMIT_PER_PHONE": "0", "COD_DAILY_LIMIT_PER_ADDRESS": "0",
                     "COD_DAILY_LIMIT_PER_IP": "0", "COD_CONFIRM_NEW_PHONES": "0"}
HELLO = "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/')\ndef hello():\n    return 'hello'\n"
LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
local errors = 0
response = function(status, headers, body)
  if status >= 500 then errors = errors + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("p50_ms=%%.2f p99_ms=%%.2f\\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def seed(url: str, products: int) -> list[int]:
    """Products of a verified stand, through the app's own factories."""
    from app import create_app
    from app.extensions import db
    from tests.factories import make_product, make_supplier

    app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url, "JOBS_INLINE": True})
    with app.app_context():
        supplier = make_supplier()
        ids = [make_product(supplier, title=f"Produit {n}", stock=100_000).id for n in range(products)]
        db.session.commit()
        db.engine.dispose()
    return ids


@contextmanager
def nginx(upstreams: list[str], work: Path):
    """nginx (started here, on a free port) balancing over the app servers."""
    port = free_port()
    servers = "\n".join(f"server {u.removeprefix('http://')};" for u in upstreams)
    conf = work / "nginx.conf"
    conf.write_text(f"""pid {work}/nginx.pid; error_log {work}/nginx-error.log; worker_processes 1;
events {{ worker_connections 1024; }}
http {{ access_log off; upstream app {{ least_conn; {servers} keepalive 64; }}
  server {{ listen 127.0.0.1:{port};
    location / {{ proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host $host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; }} }} }}
""")
    process = subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"])
    time.sleep(0.5)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def wrk(base: str, paths: list[str], seconds: int, connections: int, work: Path) -> dict:
    script = work / "mix.lua"
    script.write_text(LUA % ", ".join(f'"{p}"' for p in paths))
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
                          base], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50, p99 = (float(x) for x in re.search(r"p50_ms=([\d.]+) p99_ms=([\d.]+)", out).groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"rate": rate, "p50": p50, "p99": p99, "bad": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else "none"}


def checkout_mix(base: str, product_ids: list[int], stop: threading.Event, tally: dict) -> None:
    """One shopper after another: product page, add to cart, check out."""
    n = 0
    while not stop.is_set():
        browser = scripted_browser()
        pid = product_ids[n % len(product_ids)]
        n += 1
        try:
            token = csrf_token(browser, f"{base}/products/{pid}")
            browser.post(f"{base}/cart/items", data={"product_id": pid, "quantity": "1", "csrf_token": token},
                         timeout=20)
            token = csrf_token(browser, f"{base}/checkout")
            answer = browser.post(f"{base}/checkout", data={**FORM, "csrf_token": token}, allow_redirects=False,
                                  timeout=20)
            key = "orders" if answer.status_code in (302, 303) else f"http_{answer.status_code}"
        except (requests.RequestException, AttributeError) as error:
            key = type(error).__name__
        tally[key] = tally.get(key, 0) + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--products", type=int, default=40)
    parser.add_argument("--shoppers", type=int, default=2, help="checkout-mix threads beside wrk")
    args = parser.parse_args()
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        url = stack.enter_context(scratch_database(POSTGRES, prefix="souk_bench"))
        bucket = stack.enter_context(moto_server())
        make_buckets(bucket, "bench-media", "bench-originals")
        env = server_env(DATABASE_URL=url, REDIS_URL=REDIS, MEDIA_STORAGE="s3", S3_BUCKET="bench-media",
                         S3_PRIVATE_BUCKET="bench-originals", S3_ENDPOINT_URL=bucket, S3_REGION="us-east-1",
                         OUTBOX_DIR=str(work / "outbox"), WEB_CONCURRENCY="2", GUNICORN_THREADS="4",
                         SECRET_KEY="bench-secret-shared-by-every-app-server-0123", **CREDENTIALS,
                         **ONE_HOST_SHOPPERS)
        subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        ids = seed(url, args.products)
        (work / "hello.py").write_text(HELLO)
        # The bare route, served with the same gunicorn settings as the shop.
        hello = stack.enter_context(gunicorn({**env, "PYTHONPATH": str(work)}, "--chdir", str(work), app="hello:app"))
        one = stack.enter_context(gunicorn(env))
        two = stack.enter_context(gunicorn(env))
        stack.enter_context(flask_command(env, "worker"))
        proxy = stack.enter_context(nginx([one, two], work))
        paths = ["/products", *[f"/products/{pid}" for pid in ids[:10]], "/cart", "/products?page=2"]
        before = stock(url, ids)
        print(f"{args.connections} connections, {args.seconds} s per target, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f}; PostgreSQL, Redis, moto bucket; gunicorn 2 workers x 4 threads")
        print(f"{'target':<28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}  checkout mix")
        results = {}
        for name, base, page_paths in (("bare Flask route", hello, ["/"]), ("one app server", one, paths),
                                       ("two app servers (nginx)", proxy, paths)):
            tally: dict = {}
            stop = threading.Event()
            shoppers = [threading.Thread(target=checkout_mix, args=(base, ids, stop, tally))
                        for _ in range(args.shoppers if name != "bare Flask route" else 0)]
            for thread in shoppers:
                thread.start()
            results[name] = wrk(base, page_paths, args.seconds, args.connections, work)
            stop.set()
            for thread in shoppers:
                thread.join()
            r = results[name]
            print(f"{name:<28} {r['rate']:>8.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['bad']:>8}  {tally or '-'}"
                  + (f"  socket errors: {r['socket_errors']}" if r["socket_errors"] != "none" else ""))
        after = stock(url, ids)
        sold = orders_sold(url)
        consistent = all(before[pid] - after[pid] == sold.get(pid, 0) for pid in ids)
        print(f"stock consistent with the order lines: {consistent}; orders without lines: {orphan_orders(url)}")
        base = results["bare Flask route"]["rate"]
        for name in ("one app server", "two app servers (nginx)"):
            print(f"{name}: {results[name]['rate'] / base:.2f} of the bare route")
    redis.Redis.from_url(REDIS).flushdb()


def stock(url: str, ids: list[int]) -> dict[int, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT id, stock FROM products")).all())
    engine.dispose()
    return {pid: rows[pid] for pid in ids}


def orders_sold(url: str) -> dict[int, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT product_id, SUM(quantity) FROM order_lines GROUP BY product_id")).all()
    engine.dispose()
    return {pid: int(total) for pid, total in rows}


def orphan_orders(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        count = conn.execute(text("SELECT COUNT(*) FROM orders o WHERE NOT EXISTS "
                                  "(SELECT 1 FROM order_lines l WHERE l.order_id = o.id)")).scalar()
    engine.dispose()
    return int(count)


if __name__ == "__main__":
    main()
