"""Microcredit import and verification lookup, on SQLite and PostgreSQL.

    .venv/bin/python bench/microcredit_import.py [--records 100000] [--pg postgresql+psycopg://127.0.0.1:5432/postgres]

Generates a realistic institution file, imports it (records/second), re-imports it (must
change nothing), and times the verification lookup at 10 000 and at the full count.
Baselines measured in the same run: a naive row-by-row ORM import of a sample, and the same
lookup on an unindexed column (what the indexed lookup avoids). Each database is created for
the run and dropped at the end (PostgreSQL: a database of its own; SQLite: a temporary file).
"""
from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.verification.cin import cin_hmac  # noqa: E402
from app.verification.imports import import_file  # noqa: E402
from app.verification.models import MicrocreditRecord  # noqa: E402
from app.verification.services import find_record  # noqa: E402
from tests.databases import scratch_database  # noqa: E402

INSTITUTION = "Al Amana Microfinance"
HEADER = "institution;loan_reference;national_id;full_name;city;activity;status;disbursed_on;closed_on\n"
FIRST = ["Fatima", "Khadija", "Aicha", "Zineb", "Meryem", "Mohamed", "Youssef", "Hassan", "Amina", "Rachid"]
LAST = ["El Amrani", "Bennani", "Alaoui", "Tazi", "Idrissi", "Berrada", "Chraibi", "Ouazzani", "Fassi", "Naciri"]
CITIES = ["Safi", "Fès", "Marrakech", "Salé", "Casablanca", "Tiznit", "Essaouira", "Ouarzazate", "Tétouan"]
CRAFTS = ["Poterie", "Tissage", "Maroquinerie", "Vannerie", "Huile d'argan", "Bijouterie", "Broderie"]
LOOKUPS = 2000


def generate(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = date(2019, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        out.write("\ufeff" + HEADER)
        for n in range(count):
            disbursed = start + timedelta(days=rng.randrange(1800))
            status = rng.choices(("active", "repaid", "written_off"), (60, 35, 5))[0]
            closed = (disbursed + timedelta(days=rng.randrange(90, 720))).isoformat() if status != "active" else ""
            out.write(f"{INSTITUTION};AM-{n:08d};{cin(n)};{rng.choice(FIRST)} {rng.choice(LAST)};"
                      f"{rng.choice(CITIES)};{rng.choice(CRAFTS)};{status};{disbursed.isoformat()};{closed}\n")


def cin(n: int) -> str:
    return f"{chr(65 + n % 26)}{chr(65 + (n // 26) % 26)}{n:06d}"


def timed_import(path: Path) -> tuple[float, float, object]:
    """Wall-clock and this process's CPU seconds of one import (CPU stays readable on a busy machine)."""
    started, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as stream:
        run = import_file(stream, INSTITUTION, filename=path.name)
    db.session.commit()
    return time.perf_counter() - started, time.process_time() - cpu, run


def lookup_micros(count: int, column: str, rng: random.Random) -> float:
    """Median time of one verification lookup (HMAC + query), in microseconds."""
    samples = []
    for _ in range(LOOKUPS):
        n = rng.randrange(count)
        started = time.perf_counter()
        if column == "indexed":
            record = find_record(INSTITUTION, f"AM-{n:08d}")
            ok = record is not None and record.national_id_hmac == cin_hmac(cin(n))
        else:  # baseline: the same question asked of a column without an index
            ok = db.session.scalar(select(MicrocreditRecord.id).where(
                MicrocreditRecord.activity == f"none-{n}")) is None
        samples.append(time.perf_counter() - started)
        assert ok
    db.session.rollback()
    return statistics.median(samples) * 1e6


def naive_rate(path: Path, sample: int) -> float:
    """Baseline: one ORM object and one flush per row, as a first version would do."""
    from app.verification.importer import parse

    with path.open("rb") as stream:
        parsed = parse(stream, INSTITUTION, cin_hmac)
    rows = list(parsed.rows.values())[:sample]
    started = time.perf_counter()
    for row in rows:
        db.session.add(MicrocreditRecord(institution="Naive Bench", **row))
        db.session.flush()
    db.session.commit()
    elapsed = time.perf_counter() - started
    db.session.execute(MicrocreditRecord.__table__.delete().where(MicrocreditRecord.institution == "Naive Bench"))
    db.session.commit()
    return len(rows) / elapsed


def run_backend(name: str, url: str, small: Path, full: Path, count: int, small_count: int) -> dict:
    app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False})
    rng = random.Random(11)
    result: dict = {"backend": name}
    with app.app_context():
        db.create_all()
        timed_import(small)
        result["lookup_small"] = lookup_micros(small_count, "indexed", rng)
        result["scan_small"] = lookup_micros(small_count, "scan", rng)
        result["naive_rate"] = naive_rate(small, min(5000, small_count))
        db.drop_all()
        db.create_all()
        elapsed, cpu, run = timed_import(full)
        result["import_seconds"], result["import_rate"] = elapsed, run.rows_created / elapsed
        result["import_cpu_rate"] = run.rows_created / cpu
        elapsed, cpu, again = timed_import(full)
        result["reimport_seconds"], result["reimport_cpu"] = elapsed, cpu
        result["reimport"] = (again.rows_created, again.rows_updated, again.rows_unchanged, again.rows_missing)
        result["lookup_full"] = lookup_micros(count, "indexed", rng)
        result["scan_full"] = lookup_micros(count, "scan", rng)
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    return result


def report(results: list[dict], count: int, small_count: int) -> None:
    print(f"\nMicrocredit import: {count} records, generated file; lookup = median of {LOOKUPS} random loans\n")
    print(f"{'backend':<11}{'import':>9}{'rec/s':>9}{'rec/CPU-s':>11}{'naive ORM rec/s':>17}{'re-import':>11}"
          f"{'(CPU)':>8}{'re-import created/updated/unchanged':>37}")
    for r in results:
        created, updated, unchanged, _ = r["reimport"]
        print(f"{r['backend']:<11}{r['import_seconds']:>8.2f}s{r['import_rate']:>9.0f}{r['import_cpu_rate']:>11.0f}"
              f"{r['naive_rate']:>17.0f}{r['reimport_seconds']:>10.2f}s{r['reimport_cpu']:>7.2f}s"
              f"{f'{created} / {updated} / {unchanged}':>37}")
    print("rec/CPU-s: records per second of this process's CPU time (PostgreSQL's own work not included).")
    print(f"\n{'backend':<11}{'lookup @' + str(small_count):>18}{'lookup @' + str(count):>18}"
          f"{'unindexed @' + str(small_count):>20}{'unindexed @' + str(count):>20}")
    for r in results:
        print(f"{r['backend']:<11}{r['lookup_small']:>16.0f}µs{r['lookup_full']:>16.0f}µs"
              f"{r['scan_small']:>18.0f}µs{r['scan_full']:>18.0f}µs")
    for r in results:
        created, updated, _, missing = r["reimport"]
        verdict = "changes nothing" if created == updated == missing == 0 else "CHANGED RECORDS (bug)"
        print(f"{r['backend']}: re-importing the same file {verdict}.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG_URL", "postgresql+psycopg://127.0.0.1:5432/postgres"))
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.INFO)
    with tempfile.TemporaryDirectory() as folder:
        small, full = Path(folder) / "amana-small.csv", Path(folder) / "amana.csv"
        generate(small, args.small)
        generate(full, args.records)
        print(f"generated {full.stat().st_size / 1e6:.1f} MB ({args.records} rows)")
        results = [run_backend("SQLite", f"sqlite:///{Path(folder) / 'bench.db'}", small, full,
                               args.records, args.small)]
        if not args.no_pg:
            with scratch_database(args.pg, prefix="souk_bench") as url:
                results.append(run_backend("PostgreSQL", url, small, full, args.records, args.small))
    report(results, args.records, args.small)


if __name__ == "__main__":
    main()
