"""Importing an institution's CSV file: counts, idempotence, separators, bad rows kept apart."""
from __future__ import annotations

import io

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.extensions import db
from app.verification.cin import cin_hmac, loan_hmac
from app.verification.importer import describe
from app.verification.imports import import_file
from app.verification.models import LoanStatus, MicrocreditImport, MicrocreditRecord
from app.verification.services import find_record

HEADER = "institution,loan_reference,national_id,full_name,city,activity,status,disbursed_on,closed_on"


@pytest.fixture(autouse=True)
def in_english(app_ctx):
    """Reports are compared in English, whatever catalogues exist."""
    with force_locale("en"):
        yield


def csv_bytes(*rows: str, header: str = HEADER, sep: str = ",") -> bytes:
    lines = [header.replace(",", sep), *(r.replace(",", sep) if sep != "," else r for r in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def row(ref: str = "L-1", cin: str = "AB123456", status: str = "active", institution: str = "Al Amana",
        name: str = "Fatima Zahra", disbursed: str = "2024-01-15", closed: str = "") -> str:
    return f"{institution},{ref},{cin},{name},Safi,Pottery,{status},{disbursed},{closed}"


def run_import(data: bytes, institution: str = "Al Amana", **kw) -> MicrocreditImport:
    run = import_file(io.BytesIO(data), institution, **kw)
    db.session.commit()
    return run


def records() -> list[MicrocreditRecord]:
    return list(db.session.scalars(select(MicrocreditRecord).order_by(MicrocreditRecord.id)))


def test_import_creates_records_and_reports_counts(app_ctx):
    run = run_import(csv_bytes(row("L-1"), row("L-2", cin="CD 99", status="repaid", closed="2024-06-01")))

    assert (run.rows_total, run.rows_created, run.rows_updated, run.rows_unchanged, run.rows_bad) == (2, 2, 0, 0, 0)
    first, second = records()
    assert first.institution == "Al Amana" and first.status == LoanStatus.ACTIVE and first.closed_on is None
    assert second.national_id_hmac == cin_hmac("cd99") and str(second.closed_on) == "2024-06-01"
    assert first.created_at == run.created_at and first.created_at.utcoffset().total_seconds() == 0
    assert first.missing_since is None


def test_reimporting_the_same_file_changes_nothing_and_says_so(app_ctx):
    data = csv_bytes(row("L-1"), row("L-2"))
    run_import(data)
    before = [(r.id, r.updated_at) for r in records()]

    again = run_import(data)

    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    assert [(r.id, r.updated_at) for r in records()] == before


def test_reimport_updates_a_status_and_counts_it_as_updated(app_ctx):
    run_import(csv_bytes(row("L-1"), row("L-2")))

    again = run_import(csv_bytes(row("L-1", status="repaid", closed="2024-12-01"), row("L-2")))

    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 1, 1)
    assert records()[0].status == LoanStatus.REPAID
    assert db.session.scalar(select(func.count()).select_from(MicrocreditRecord)) == 2


@pytest.mark.parametrize("sep", [";", ","])
def test_separator_is_detected_from_the_header(app_ctx, sep):
    run = run_import(csv_bytes(row("L-1"), row("L-2"), sep=sep))

    assert run.rows_created == 2 and run.rows_bad == 0


def test_commas_inside_names_work_with_semicolon_files(app_ctx):
    data = (HEADER.replace(",", ";") + "\nAl Amana;L-1;AB1;Zahra, Fatima;Safi;Pottery;active;2024-01-15;\n").encode()

    run_import(data)

    assert records()[0].full_name == "Zahra, Fatima"


def test_utf8_bom_and_crlf_are_tolerated(app_ctx):
    data = "\ufeff".encode() + csv_bytes(row("L-1", name="فاطمة الزهراء")).replace(b"\n", b"\r\n")

    run = run_import(data)

    assert run.rows_created == 1 and records()[0].full_name == "فاطمة الزهراء"


def test_header_names_are_read_whatever_their_case_and_order(app_ctx):
    header = "Loan_Reference,INSTITUTION,national_id,full_name,city,activity,status,closed_on,disbursed_on,extra"
    data = f"{header}\nL-9,Al Amana,AB1,Fatima,Safi,Pottery,active,,2024-01-15,ignored\n".encode()

    run = run_import(data)

    assert run.rows_created == 1 and records()[0].loan_reference_hmac == loan_hmac("L-9")


def test_every_bad_row_is_reported_with_its_line_and_good_rows_are_kept(app_ctx):
    data = csv_bytes(
        row("L-1"),                                   # line 2: good
        row("L-2", name=""),                          # 3: missing value
        row("L-3", disbursed="15/01/2024"),           # 4: bad date
        row("L-4", status="closed"),                  # 5: unknown status
        row("L-5", cin=""),                           # 6: empty CIN
        row("L-1"),                                   # 7: duplicate of line 2
        row("L-6", institution="Other Bank"),         # 8: another institution
        row("L-7", name="x" * 161),                   # 9: over-long field
        row("L-8", disbursed="2024-02-30"),           # 10: impossible date
        row("L-9", closed="2023-01-01"),              # 11: closed before disbursed
        row("L-10"),                                  # 12: good
    )

    run = run_import(data)

    assert (run.rows_total, run.rows_created, run.rows_bad) == (11, 2, 9)
    reasons = {bad["line"]: describe(bad) for bad in run.bad_rows}
    assert reasons[3] == "missing value in column full_name"
    assert "disbursed_on" in reasons[4] and "15/01/2024" in reasons[4]
    assert "unknown status closed" in reasons[5]
    assert reasons[6] == "missing value in column national_id"
    assert reasons[7] == "duplicate loan reference, already on line 2"
    assert "another institution (Other Bank)" in reasons[8]
    assert "full_name" in reasons[9] and "160" in reasons[9]
    assert "2024-02-30" in reasons[10]
    assert reasons[11] == "closed_on is before disbursed_on"
    assert [r.loan_reference_end for r in records()] == ["L-1", "-10"]


def test_a_row_with_several_problems_lists_them_all(app_ctx):
    run = run_import(csv_bytes(row("L-1", status="nope", disbursed="yesterday")))

    reason = describe(run.bad_rows[0])
    assert "unknown status nope" in reason and "yesterday" in reason


def test_a_report_never_quotes_the_national_id(app_ctx):
    run = run_import(csv_bytes(row("L-1", cin="AB-12/34$$"), row("L-2", cin="X" * 30)))

    assert run.rows_bad == 2
    text = " ".join(describe(bad) for bad in run.bad_rows) + repr(run.bad_rows)
    assert "AB-12" not in text and "XXXXX" not in text


def test_rows_with_too_many_values_are_bad_but_trailing_empty_cells_are_fine(app_ctx):
    data = csv_bytes(row("L-1") + ",,", row("L-2") + ",surprise")

    run = run_import(data)

    assert run.rows_created == 1 and run.bad_rows[0]["line"] == 3 and "10 values" in describe(run.bad_rows[0])


def test_blank_lines_are_skipped_and_line_numbers_stay_physical(app_ctx):
    data = csv_bytes(row("L-1"), "", row("L-2", status="bad"))

    run = run_import(data)

    assert run.rows_total == 2 and run.bad_rows[0]["line"] == 4


def test_a_quoted_name_spanning_two_lines_is_reported_at_its_first_line(app_ctx):
    data = csv_bytes('Al Amana,L-1,AB1,"Fatima\nZahra",Safi,Pottery,active,2024-01-15,', row("L-2", status="bad"))

    run = run_import(data)

    assert run.rows_created == 1 and run.bad_rows[0]["line"] == 4


def test_institution_names_match_an_already_known_spelling(app_ctx):
    run_import(csv_bytes(row("L-1")))

    again = run_import(csv_bytes(row("L-1", institution="AL AMANA")), institution="  al   amana ")

    assert again.institution == "Al Amana" and again.rows_unchanged == 1


def test_a_full_file_marks_records_it_no_longer_lists_as_missing(app_ctx):
    run_import(csv_bytes(row("L-1"), row("L-2")))

    again = run_import(csv_bytes(row("L-1")))

    assert again.rows_missing == 1
    gone = find_record("Al Amana", "L-2")
    assert gone is not None and gone.missing_since is not None


def test_a_record_listed_again_is_no_longer_missing(app_ctx):
    run_import(csv_bytes(row("L-1"), row("L-2")))
    run_import(csv_bytes(row("L-1")))

    again = run_import(csv_bytes(row("L-1"), row("L-2")))

    assert again.rows_updated == 1 and all(r.missing_since is None for r in records())


def test_a_partial_file_leaves_absent_records_alone(app_ctx):
    run_import(csv_bytes(row("L-1"), row("L-2")))

    again = run_import(csv_bytes(row("L-3")), partial=True)

    assert again.rows_missing == 0 and again.partial
    assert all(r.missing_since is None for r in records())


def test_a_file_without_any_good_row_does_not_mark_everything_missing(app_ctx):
    run_import(csv_bytes(row("L-1")))

    again = run_import(csv_bytes(row("L-1", status="bogus")))

    assert again.rows_missing == 0 and records()[0].missing_since is None


def test_another_institution_records_are_untouched_by_a_full_file(app_ctx):
    run_import(csv_bytes(row("L-1", institution="Attawfiq")), institution="Attawfiq")

    run_import(csv_bytes(row("L-2")))

    assert [r.missing_since for r in records() if r.institution == "Attawfiq"] == [None]


def test_formula_in_a_name_is_stored_as_plain_text(app_ctx):
    run_import(csv_bytes(row("L-1", name="=cmd|' /C calc'!A0")))

    assert records()[0].full_name == "=cmd|' /C calc'!A0"


def test_each_import_is_audited_with_its_counts(app_ctx):
    run = run_import(csv_bytes(row("L-1"), row("L-2", status="x")), actor_id=None)

    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "microcredit.imported"))
    assert entry.object_id == run.id and entry.details["created"] == 1 and entry.details["bad"] == 1
