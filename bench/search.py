"""Search latency at 100 000 products: median and 95th percentile, on SQLite (FTS5) and, if asked, PostgreSQL.

Times the search service as the catalogue calls it (one page of ids, then the cards), for French,
Arabic and English queries, single words, prefixes, several words, and search combined with filters.
"before" scores every match (no window, no stop-words: what the catalogue did until 7 Dec 2026),
"after" is the shipped code (the RANK_WINDOW newest matches scored, frequent words not scored);
both run on the same database in interleaved rounds.

    .venv/bin/python bench/search.py [--products 100000] [--postgres postgresql+psycopg://127.0.0.1:5432/postgres]
"""
from __future__ import annotations

import argparse
import os
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


MODES = {"before": {"RANK_WINDOW": 10**9, "COMMON_SHARE": 2.0}, "after": {}}


def measure(url: str) -> dict[str, dict[str, list[float]]]:
    """Milliseconds per search, by mode and query."""
    from app import create_app
    from app.catalog import search
    from app.catalog.queries import parse_catalogue_args
    from app.exhibition.browse import catalogue
    from app.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "APP_ENV": "development"})
    shipped = {name: getattr(search, name) for name in ("RANK_WINDOW", "COMMON_SHARE")}
    timings: dict[str, dict[str, list[float]]] = {mode: {} for mode in MODES}
    with app.test_request_context("/products"):
        for round_ in range(ROUNDS + 1):  # round 0 warms the statement caches and the database's pages
            for mode, settings in MODES.items():
                for name, value in (shipped | settings).items():
                    setattr(search, name, value)
                for args in QUERIES:
                    started = time.perf_counter()
                    catalogue(parse_catalogue_args(args), "fr")
                    elapsed = (time.perf_counter() - started) * 1000
                    label = " ".join(f"{k}={v}" if k != "q" else v for k, v in args.items())
                    if round_:
                        timings[mode].setdefault(label, []).append(elapsed)
        for name, value in shipped.items():
            setattr(search, name, value)
        db.session.remove()
        db.engine.dispose()
    return timings


def summary(by_query: dict[str, list[float]]) -> tuple[float, float, float]:
    timings = sorted(t for values in by_query.values() for t in values)
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], timings[-1]


def report(label: str, by_mode: dict[str, dict[str, list[float]]]) -> None:
    print(f"  {'query':<40} {'before':>9} {'after':>9}   (medians, ms)")
    for query in by_mode["after"]:
        print(f"  {query:<40} {statistics.median(by_mode['before'][query]):9.1f} "
              f"{statistics.median(by_mode['after'][query]):9.1f}")
    for mode, by_query in by_mode.items():
        median, p95, worst = summary(by_query)
        searches = sum(len(values) for values in by_query.values())
        print(f"{label:<12} {mode:<7} {searches:>5} searches   median {median:6.1f} ms   p95 {p95:6.1f} ms   "
              f"max {worst:6.1f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--postgres", help="URL of a PostgreSQL server database to create a scratch database from")
    args = parser.parse_args()
    print(f"{args.products} products; {len(QUERIES)} queries x {ROUNDS} rounds x before/after; "
          f"one catalogue page of 24 per search; load average {os.getloadavg()[0]:.1f}")
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
