"""Writing an institution's file of records: idempotent on (institution, loan reference), in bulk.

A reference is written only as its keyed hash and last 3 characters (app/verification/cin.py).

One query reads every existing record of the institution; new rows are inserted and changed
rows updated in batches (executemany), so an import runs at tens of thousands of rows a second.
The caller (CLI command or admin view) commits once: a crash leaves nothing half-imported.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import BinaryIO

from sqlalchemy import String, bindparam, insert, select, text, type_coerce, update

from app.audit.services import record as audit
from app.db import utcnow
from app.errors import Invalid
from app.extensions import db
from app.verification import importer
from app.verification.cin import hasher, loan_hasher, reference_end
from app.verification.models import MicrocreditImport, MicrocreditRecord
from app.verification.services import flag_ineligible_suppliers

log = logging.getLogger(__name__)

BATCH_SIZE = 5000
MAX_STORED_BAD_ROWS = 2000
RECORDS = MicrocreditRecord.__table__
# What a re-import may change; (institution, loan_reference_hmac) is the identity.
FIELDS = ("national_id_hmac", "full_name", "city", "activity", "status", "disbursed_on", "closed_on")

Progress = Callable[[str, int, int], None]


def resolve_institution(name: str) -> str:
    """The stored spelling of an institution already known, else the name cleaned up."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise Invalid(importer.REASONS["missing_value"] % {"column": "institution"})
    longest = importer.MAX_LENGTHS["institution"]
    if len(cleaned) > longest:
        raise Invalid(importer.REASONS["too_long"] % {"column": "institution", "max": longest})
    known = db.session.scalars(select(MicrocreditRecord.institution).distinct())
    return next((k for k in known if importer.canonical(k) == importer.canonical(cleaned)), cleaned)


def import_file(stream: BinaryIO, institution: str, *, filename: str = "", actor_id: int | None = None,
                partial: bool = False, size: int = 0, on_progress: Progress | None = None) -> MicrocreditImport:
    """Import one institution's file; raises importer.FileRefused (nothing written) for a bad file."""
    name = resolve_institution(institution)
    read_progress = (lambda done: on_progress("read", done, size)) if on_progress else None
    parsed = importer.parse(stream, name, hasher(), on_progress=read_progress)
    now = utcnow()
    counts, cin_changed = _apply(parsed, name, partial, now, on_progress)
    run = MicrocreditImport(institution=name, filename=filename[:255], imported_by_id=actor_id, created_at=now,
                            partial=partial, rows_total=parsed.total, rows_bad=len(parsed.bad_rows),
                            bad_rows=parsed.bad_rows[:MAX_STORED_BAD_ROWS], **counts)
    db.session.add(run)
    db.session.flush()
    run.suppliers_flagged = len(flag_ineligible_suppliers(name, run.id, cin_changed))
    audit("microcredit.imported", "microcredit_import", run.id, actor_id, institution=name, partial=partial,
          total=run.rows_total, created=run.rows_created, updated=run.rows_updated, unchanged=run.rows_unchanged,
          bad=run.rows_bad, missing=run.rows_missing, flagged=run.suppliers_flagged)
    log.info("microcredit import %s of %s: %s rows, %s created, %s updated, %s unchanged, %s bad, %s missing",
             run.id, name, run.rows_total, run.rows_created, run.rows_updated, run.rows_unchanged,
             run.rows_bad, run.rows_missing)
    return run


def _apply(parsed: importer.ParsedFile, institution: str, partial: bool, now,
           on_progress: Progress | None) -> tuple[dict, set[int]]:
    """Write the file's good rows against what the institution had: the counts, and the re-keyed records."""
    _lock_institution(institution)
    existing = _existing(institution)
    rows = _hashed(parsed.rows)
    inserts, updates, unchanged = _diff(rows, existing, institution, now)
    total = len(inserts) + len(updates)
    writer = _copy if db.session.get_bind().dialect.name == "postgresql" else _write
    writer("insert", inserts, on_progress, 0, total)
    writer("update", updates, on_progress, len(inserts), total)
    # A file without a single good row is a broken delivery, not an institution that lost every borrower.
    missing = [] if partial or not rows else _newly_missing(existing, rows)
    _mark_missing(missing, now)
    db.session.expire_all()  # bulk statements bypass the identity map
    counts = {"rows_created": len(inserts), "rows_updated": len(updates), "rows_unchanged": unchanged,
              "rows_missing": len(missing)}
    return counts, _cin_changed(updates, existing)


def _lock_institution(institution: str) -> None:
    """Two imports of one institution at once would both insert the same new loans: the second waits.

    A transaction-scoped advisory lock on PostgreSQL; SQLite already serialises writers.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                           {"key": f"microcredit-import:{institution}"})


def _hashed(rows: dict[str, dict]) -> dict[str, dict]:
    """The parsed rows keyed by their reference's keyed hash, the reference itself replaced by hash and end."""
    hash_loan = loan_hasher()
    hashed = {}
    for reference, row in rows.items():
        digest = hash_loan(reference)
        hashed[digest] = {**{k: v for k, v in row.items() if k != "loan_reference"}, "loan_reference_hmac": digest,
                          "loan_reference_end": reference_end(reference)}
    return hashed


def _existing(institution: str) -> dict[str, tuple]:
    """Every record of the institution, in one query: reference hash -> (id, fields..., missing_since)."""
    # Status read as plain text: 100 000 enum conversions would cost more than the comparison needs.
    fields = (type_coerce(RECORDS.c[f], String) if f == "status" else RECORDS.c[f] for f in FIELDS)
    columns = [RECORDS.c.loan_reference_hmac, RECORDS.c.id, *fields, RECORDS.c.missing_since]
    result = db.session.execute(select(*columns).where(RECORDS.c.institution == institution))
    return {row[0]: tuple(row[1:]) for row in result}


def _diff(rows: dict[str, dict], existing: dict[str, tuple], institution: str, now) -> tuple[list, list, int]:
    inserts, updates, unchanged = [], [], 0
    for reference, row in rows.items():
        current = existing.get(reference)
        if current is None:
            inserts.append({**row, "institution": institution, "created_at": now, "updated_at": now})
            continue
        values = tuple(row[f] for f in FIELDS)
        if values == current[1:-1] and current[-1] is None:
            unchanged += 1
        else:
            updates.append({"b_id": current[0], **{f: row[f] for f in FIELDS}, "updated_at": now})
    return inserts, updates, unchanged


def _cin_changed(updates: list[dict], existing: dict[str, tuple]) -> set[int]:
    """Records whose national ID the institution changed: whoever verified with the old one must be re-checked."""
    hmac_at = 1 + FIELDS.index("national_id_hmac")
    by_id = {current[0]: current[hmac_at] for current in existing.values()}
    return {u["b_id"] for u in updates if by_id[u["b_id"]] != u["national_id_hmac"]}


# Updating a record also clears missing_since: the institution lists it again.
_UPDATE = (
    update(RECORDS)
    .where(RECORDS.c.id == bindparam("b_id"))
    .values({**{f: bindparam(f) for f in FIELDS}, "updated_at": bindparam("updated_at"), "missing_since": None})
)


def _write(kind: str, rows: list[dict], on_progress: Progress | None, done: int, total: int) -> None:
    """Batched executemany (SQLite); with a qmark driver, rows go as ready tuples (twice as fast)."""
    connection = db.session.connection()
    fast = connection.dialect.paramstyle == "qmark"
    columns = _DRIVER_COLUMNS[kind]
    convert = _converters(connection.dialect, columns) if fast else None
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start:start + BATCH_SIZE]
        if fast:
            connection.exec_driver_sql(_DRIVER_SQL[kind], [tuple(f(r[c]) for c, f in zip(columns, convert, strict=True))
                                                           for r in batch])
        else:
            connection.execute(insert(RECORDS) if kind == "insert" else _UPDATE, batch)
        if on_progress:
            on_progress("write", done + start + len(batch), total)


_DRIVER_COLUMNS = {
    "insert": ("institution", "loan_reference_hmac", "loan_reference_end", *FIELDS, "created_at", "updated_at"),
    "update": (*FIELDS, "updated_at", "b_id"),
}
_DRIVER_SQL = {
    "insert": f"INSERT INTO microcredit_records ({', '.join(_DRIVER_COLUMNS['insert'])}) "  # noqa: S608
              f"VALUES ({', '.join('?' * len(_DRIVER_COLUMNS['insert']))})",
    "update": f"UPDATE microcredit_records SET {', '.join(f'{c} = ?' for c in (*FIELDS, 'updated_at'))}, "  # noqa: S608
              "missing_since = NULL WHERE id = ?",
}


def _converters(dialect, columns: tuple[str, ...]) -> list:
    """Each column's own SQLAlchemy bind conversion for this dialect, run once per distinct value.

    A file repeats a few statuses, a few thousand dates and one timestamp: caching them keeps the
    types' rules (UTC timestamps, enum values) without paying for them on every row.
    """
    converters = []
    for name in columns:
        processor = RECORDS.c["id" if name == "b_id" else name].type.dialect_impl(dialect).bind_processor(dialect)
        converters.append(_cached(processor) if processor else _identity)
    return converters


def _identity(value):
    return value


def _cached(processor):
    cache: dict = {}

    def convert(value):
        try:
            return cache[value]
        except KeyError:
            cache[value] = converted = processor(value)
            return converted

    return convert


INSERT_COLUMNS = _DRIVER_COLUMNS["insert"]
UPDATE_COLUMNS = ("b_id", *FIELDS, "updated_at")


def _copy(kind: str, rows: list[dict], on_progress: Progress | None, done: int, total: int) -> None:
    """PostgreSQL: COPY the rows (ten times faster than one INSERT per row), inside the session's transaction.

    Updates are copied to a temporary table, then applied with a single UPDATE ... FROM.
    """
    if not rows:
        return
    cursor = db.session.connection().connection.driver_connection.cursor()
    columns = INSERT_COLUMNS if kind == "insert" else UPDATE_COLUMNS
    table = "microcredit_records"
    if kind == "update":
        table = "mc_import_updates"
        cursor.execute("DROP TABLE IF EXISTS mc_import_updates")
        cursor.execute(f"CREATE TEMP TABLE mc_import_updates ON COMMIT DROP AS SELECT id AS b_id, "  # noqa: S608
                       f"{', '.join(columns[1:])} FROM microcredit_records WITH NO DATA")
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for n, row in enumerate(rows, 1):
            copy.write_row(tuple(row[c] for c in columns))
            if on_progress and n % BATCH_SIZE == 0:
                on_progress("write", done + n, total)
    if kind == "update":
        assignments = ", ".join(f"{c} = u.{c}" for c in columns[1:])
        cursor.execute(f"UPDATE microcredit_records AS r SET {assignments}, missing_since = NULL "  # noqa: S608
                       "FROM mc_import_updates AS u WHERE r.id = u.b_id")
    if on_progress:
        on_progress("write", done + len(rows), total)


def _newly_missing(existing: dict[str, tuple], present: dict[str, dict]) -> list[int]:
    """Records of a full file's institution that the file no longer lists (and were listed until now)."""
    return [current[0] for reference, current in existing.items() if reference not in present and current[-1] is None]


def _mark_missing(ids: list[int], now) -> None:
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start:start + BATCH_SIZE]
        db.session.execute(update(RECORDS).where(RECORDS.c.id.in_(chunk)).values(missing_since=now, updated_at=now))
