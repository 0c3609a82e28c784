"""Search latency at 100 000 products: median and 95th percentile, on SQLite (FTS5) and, if asked, PostgreSQL.

Times the search service as the catalogue calls it (one page of ids, then the cards), for French,
Arabic and English queries, single words, prefixes, several words, and search combined with filters.

    .venv/bin/python bench/search.py [--products 100000] [--postgres postgresql+psycopg://127.0.0.1:5432/postgres]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.catalogue import seed  # noqa: E402

QUERIES = [
    {"q": "tajine"}, {"q": "taj"}, {"q": "tapis berbère"}, {"q": "the"}, {"q": "huile argan"},
    {"q": "babouches jaunes"}, {"q": "زيت"}, {"q": "طاجين"}, {"q": "amrani"}, {"q": "n°4711"},
    {"q": "tajine", "sort": "price_asc"}, {"q": "tajine", "category": "poterie"}, {"q": "panier", "city": "Salé"},
    {"q": "bracelet", "min_price": "100", "max_price": "900"}, {"q": "introuvable"},
    {"q": "fait main"},  # in every description: the worst case, every product matches
]
ROUNDS = 15


def measure(url: str) -> dict[str, list[float]]:
    from app import create_app
    from app.catalog.queries import catalogue, parse_catalogue_args
    from app.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "APP_ENV": "development"})
    timings: dict[str, list[float]] = {}
    with app.test_request_context("/products"):
        for args in QUERIES:  # warm the statement caches and the database's pages
            catalogue(parse_catalogue_args(args), "fr")
        for _ in range(ROUNDS):
            for args in QUERIES:
                started = time.perf_counter()
                catalogue(parse_catalogue_args(args), "fr")
                label = " ".join(f"{k}={v}" if k != "q" else v for k, v in args.items())
                timings.setdefault(label, []).append((time.perf_counter() - started) * 1000)
        db.session.remove()
        db.engine.dispose()
    return timings


def report(label: str, by_query: dict[str, list[float]]) -> None:
    for query, values in by_query.items():
        print(f"    {query:<40} median {statistics.median(values):7.1f} ms")
    timings = sorted(t for values in by_query.values() for t in values)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{label:<12} {len(timings):>6} searches   median {statistics.median(timings):6.1f} ms   "
          f"p95 {p95:6.1f} ms   max {timings[-1]:6.1f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--postgres", help="URL of a PostgreSQL server database to create a scratch database from")
    args = parser.parse_args()
    print(f"{args.products} products; {len(QUERIES)} queries x {ROUNDS} rounds; one catalogue page of 24 per search")
    with tempfile.TemporaryDirectory(prefix="souk-search-") as work:
        path = Path(work) / "search.db"
        started = time.monotonic()
        seed(path, args.products)
        print(f"sqlite seeded in {time.monotonic() - started:.0f} s")
        report("sqlite/fts5", measure(f"sqlite:///{path}"))
    if args.postgres:
        measure_postgres(args.postgres, args.products)


def measure_postgres(server_url: str, products: int) -> None:
    from tests.databases import scratch_database

    with scratch_database(server_url, prefix="souk_bench") as scratch:
        started = time.monotonic()
        seed(scratch, products)
        print(f"postgresql seeded in {time.monotonic() - started:.0f} s")
        report("postgresql", measure(scratch))


if __name__ == "__main__":
    main()
