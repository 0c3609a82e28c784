"""Faults in the middle of a load run: PostgreSQL, then Redis, cut and restored through proxies this
script starts itself (tests/faultproxy.py; the shared servers are never stopped).

Two app servers and one worker run on PostgreSQL, Redis and the bucket stand-in, all reached
through the proxies. Shopper threads browse and check out for the whole run; PostgreSQL is cut
for --outage seconds, then Redis. Reported per phase (before, PostgreSQL down, after, Redis down,
after): answers by status, 5xx other than 503, connection errors. Then: an order placed after the
outages gets its confirmation e-mail (the worker reconnected), no order without lines, and stock
equal to the starting stock minus what the order lines sold.

    .venv/bin/python bench/faults.py [--phase 10] [--outage 8] [--shoppers 4]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import make_url  # noqa: E402

from bench.servers import FORM, ONE_HOST_SHOPPERS, POSTGRES, orders_sold, orphan_orders, seed, stock  # noqa: E402
from tests.bucket import CREDENTIALS, make_buckets, moto_server  # noqa: E402
from tests.databases import scratch_database  # noqa: E402
from tests.faultproxy import FaultProxy  # noqa: E402
from tests.servers import csrf_token, flask_command, gunicorn, scripted_browser, server_env  # noqa: E402

REDIS_DB = 10


def shopper(bases: list[str], ids: list[int], stop: threading.Event, phase: list[str], tally: Counter,
            number: int) -> None:
    n = number
    while not stop.is_set():
        base, pid = bases[n % len(bases)], ids[n % len(ids)]
        n += 1
        browser = scripted_browser()
        for step in ("catalogue", "product", "add", "checkout"):
            try:
                if step == "catalogue":
                    answer = browser.get(f"{base}/products", timeout=15)
                elif step == "product":
                    answer = browser.get(f"{base}/products/{pid}", timeout=15)
                elif step == "add":
                    token = csrf_token(browser, f"{base}/products/{pid}")
                    answer = browser.post(f"{base}/cart/items", timeout=15,
                                          data={"product_id": pid, "quantity": "1", "csrf_token": token})
                else:
                    token = csrf_token(browser, f"{base}/checkout")
                    answer = browser.post(f"{base}/checkout", data={**FORM, "csrf_token": token},
                                          allow_redirects=False, timeout=15)
                tally[(phase[0], answer.status_code)] += 1
                if answer.status_code >= 500:
                    break
            except (requests.RequestException, AttributeError) as error:
                tally[(phase[0], type(error).__name__)] += 1
                break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase", type=float, default=10, help="seconds of load before, between and after")
    parser.add_argument("--outage", type=float, default=8, help="seconds each service stays cut")
    parser.add_argument("--shoppers", type=int, default=4)
    args = parser.parse_args()
    import redis

    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        url = stack.enter_context(scratch_database(POSTGRES, prefix="souk_faults"))
        real = make_url(url)
        pg = FaultProxy(real.host or "127.0.0.1", real.port or 5432)
        rd = FaultProxy("127.0.0.1", 6379)
        stack.callback(pg.close)
        stack.callback(rd.close)
        redis.Redis(port=6379, db=REDIS_DB).flushdb()
        bucket = stack.enter_context(moto_server())
        make_buckets(bucket, "faults-media", "faults-originals")
        proxied_db = real.set(port=pg.port).render_as_string(hide_password=False)
        env = server_env(DATABASE_URL=proxied_db, REDIS_URL=f"redis://127.0.0.1:{rd.port}/{REDIS_DB}",
                         MEDIA_STORAGE="s3", S3_BUCKET="faults-media", S3_PRIVATE_BUCKET="faults-originals",
                         S3_ENDPOINT_URL=bucket, S3_REGION="us-east-1", OUTBOX_DIR=str(work / "outbox"),
                         WEB_CONCURRENCY="2", SECRET_KEY="faults-secret-shared-by-every-app-server-01",
                         **CREDENTIALS, **ONE_HOST_SHOPPERS)
        import subprocess

        subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT,
                       env={**env, "DATABASE_URL": url}, check=True, capture_output=True)
        ids = seed(url, 10)
        before = stock(url, ids)
        bases = [stack.enter_context(gunicorn(env)), stack.enter_context(gunicorn(env))]
        worker = stack.enter_context(flask_command(env, "worker"))

        phase, tally, stop = ["1 before"], Counter(), threading.Event()
        threads = [threading.Thread(target=shopper, args=(bases, ids, stop, phase, tally, n))
                   for n in range(args.shoppers)]
        for thread in threads:
            thread.start()
        for name, action in (("2 PostgreSQL cut", pg.cut), ("3 after PostgreSQL", pg.restore),
                             ("4 Redis cut", rd.cut), ("5 after Redis", rd.restore)):
            time.sleep(args.phase if name.startswith(("2", "4")) else args.outage)
            action()
            phase[0] = name
        time.sleep(args.phase)
        stop.set()
        for thread in threads:
            thread.join()

        # After recovery: one more order, whose e-mail only the worker can deliver.
        outbox = work / "outbox"
        mails_before = len(list(outbox.glob("*.eml"))) if outbox.exists() else 0
        shopper_once = Counter()
        shopper(bases, ids, _stopped_after_one(), ["6 final order"], shopper_once, 0)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (len(list(outbox.glob("*.eml"))) if outbox.exists() else 0) <= \
                mails_before:
            time.sleep(0.5)
        mails_after = len(list(outbox.glob("*.eml"))) if outbox.exists() else 0

        print(f"{args.shoppers} shoppers over 2 app servers + 1 worker; PostgreSQL then Redis cut {args.outage:g} s "
              f"each; load average {os.getloadavg()[0]:.1f}")
        for name in sorted({key[0] for key in tally}):
            answers = {str(k[1]): v for k, v in sorted(tally.items(), key=str) if k[0] == name}
            bad = sum(v for k, v in answers.items() if k.isdigit() and int(k) >= 500 and k != "503")
            print(f"{name:<22} {answers}  5xx other than 503: {bad}")
        print(f"final order: {dict(shopper_once)}; worker alive: {worker.poll() is None}; "
              f"confirmation e-mail delivered after the outages: {mails_after > mails_before}")
        after = stock(url, ids)
        sold = orders_sold(url)
        print(f"orders without lines: {orphan_orders(url)}; stock consistent with the order lines: "
              f"{all(before[pid] - after[pid] == sold.get(pid, 0) for pid in ids)}")
    redis.Redis(port=6379, db=REDIS_DB).flushdb()


def _stopped_after_one() -> threading.Event:
    """An event that is set once the shopper has started its single round."""

    class Once(threading.Event):
        def __init__(self) -> None:
            super().__init__()
            self.calls = 0

        def is_set(self) -> bool:
            self.calls += 1
            return self.calls > 1

    return Once()


if __name__ == "__main__":
    main()
