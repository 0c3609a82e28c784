"""The sitemap at 100 000 products: time, size and peak memory of the index and of each product block.

`.venv/bin/python bench/sitemap.py [--products 100000] [--postgres postgresql+psycopg://127.0.0.1:5432/postgres]`

Requests go through the test client as a crawler's would (the body is read to the end and thrown
away chunk by chunk, so the streamed blocks are timed whole). Peak memory is Python's own
allocations (tracemalloc) during the request: a block is written out as it is read, so it stays
flat whatever the catalogue size.
The baseline is the index alone (one MAX(id)). Prints wall milliseconds, the best of the rounds.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.catalogue import seed  # noqa: E402

ROUNDS = 3


def measure(url: str, label: str) -> None:
    from app import create_app
    from app.web.discovery import SITEMAP_PRODUCTS

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "APP_ENV": "development", "SITE_URL": "https://souk.example",
                      "REDIS_URL": ""})
    client = app.test_client()
    index = client.get("/sitemap.xml").text
    blocks = [loc.rsplit("/", 1)[-1] for loc in re.findall(r"<loc>([^<]+)</loc>", index) if "products-" in loc]
    print(f"{label}: index lists {index.count('<sitemap>')} sitemaps ({len(blocks)} product blocks of "
          f"{SITEMAP_PRODUCTS} ids)")
    total_urls = 0
    for path in ["/sitemap.xml", "/sitemaps/pages.xml"] + [f"/sitemaps/{name}" for name in blocks]:
        best, peak, size, urls = float("inf"), 0, 0, 0
        for _ in range(ROUNDS):
            tracemalloc.start()
            started = time.perf_counter()
            size = urls = 0
            response = client.get(path, buffered=False)
            for chunk in response.response:  # read as a crawler does, keeping nothing
                chunk = chunk if isinstance(chunk, bytes) else chunk.encode()
                size, urls = size + len(chunk), urls + chunk.count(b"<url>")
            response.close()
            best = min(best, (time.perf_counter() - started) * 1000)
            peak = max(peak, tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        total_urls += urls if path != "/sitemap.xml" else 0
        print(f"  {path:<32} {best:8.1f} ms  {size / 1e6:6.2f} MB  {urls:6} urls  peak {peak / 2**20:5.1f} MiB",
              flush=True)
    print(f"  {total_urls} <url> entries in all (each product in 3 languages)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--postgres", help="URL of a PostgreSQL server database to create a scratch database from")
    args = parser.parse_args()
    print(f"{args.products} products; best of {ROUNDS} rounds; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="souk-sitemap-") as work:
        path = Path(work) / "sitemap.db"
        seed(path, args.products)
        measure(f"sqlite:///{path}", "sqlite")
    if args.postgres:
        from tests.databases import scratch_database

        with scratch_database(args.postgres, prefix="souk_bench") as scratch:
            seed(scratch, args.products)
            measure(scratch, "postgresql")


if __name__ == "__main__":
    main()
