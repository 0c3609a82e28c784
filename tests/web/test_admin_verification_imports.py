"""/admin/imports: upload an institution's file, read the same report as the command, export bad rows safely."""
from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from app.accounts.models import Role
from app.extensions import db
from app.verification.models import MicrocreditImport, MicrocreditRecord
from tests.helpers import log_in_new_user

HEADER = "institution;loan_reference;national_id;full_name;city;activity;status;disbursed_on;closed_on\n"
FILE = (HEADER
        + "Al Amana;L-1;AB1;Fatima;Safi;Pottery;active;2024-01-15;\n"
        + "Al Amana;L-2;AB2;=cmd|' /C calc'!A0;Safi;Pottery;repaid;2024-01-15;2024-05-01\n"
        + "=HYPERLINK(\"http://evil\");L-3;AB3;Amina;Safi;Pottery;active;2024-01-15;\n"
        + "Al Amana;L-4;AB4;Khadija;Safi;Pottery;gone;2024-01-15;\n")


@pytest.fixture(autouse=True)
def in_english(client):
    """Pages are read in English, whatever catalogues exist."""
    client.set_cookie("lang", "en")


@pytest.fixture
def admin(app, client):
    return log_in_new_user(app, client, Role.ADMIN)


def upload(client, data: bytes, institution: str = "Al Amana", **form):
    return client.post("/admin/imports", data={"institution": institution, "file": (io.BytesIO(data), "amana.csv"),
                                               **form}, content_type="multipart/form-data")


def counts(app) -> tuple[int, int]:
    with app.app_context():
        return (db.session.scalar(select(func.count()).select_from(MicrocreditRecord)),
                db.session.scalar(select(func.count()).select_from(MicrocreditImport)))


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.BENEFICIARY, Role.SHOPPER])
def test_only_administrators_import(app, client, role):
    log_in_new_user(app, client, role)

    assert client.get("/admin/imports").status_code == 403
    assert upload(client, FILE.encode()).status_code == 403


def test_the_upload_page_shows_the_form(client, admin):
    page = client.get("/admin/imports").get_data(as_text=True)

    assert 'type="file"' in page and 'enctype="multipart/form-data"' in page


def test_an_upload_imports_good_rows_and_reports_every_bad_one(app, client, admin):
    response = upload(client, FILE.encode())

    assert response.status_code == 303
    report = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "another institution" in report and "unknown status gone" in report
    assert counts(app) == (2, 1)
    with app.app_context():
        run = db.session.scalar(select(MicrocreditImport))
        assert (run.rows_created, run.rows_bad, run.imported_by_id, run.filename) == (2, 2, admin, "amana.csv")


def test_a_second_upload_of_the_same_file_reports_nothing_changed(client, admin):
    upload(client, FILE.encode())

    report = client.get(upload(client, FILE.encode()).headers["Location"]).get_data(as_text=True)

    assert "Nothing changed" in report


def test_a_binary_file_is_refused_whole_with_a_clear_message(app, client, admin):
    response = upload(client, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    assert response.status_code == 422 and "not UTF-8" in response.get_data(as_text=True)
    assert counts(app) == (0, 0)


def test_a_file_without_the_columns_is_refused_whole(app, client, admin):
    response = upload(client, b"name,phone\nFatima,0600000000\n")

    assert response.status_code == 422 and "lacks required columns" in response.get_data(as_text=True)
    assert counts(app) == (0, 0)


def test_a_huge_line_is_refused(app, client, admin):
    response = upload(client, HEADER.encode() + b"Al Amana;" + b"x" * (5 * 1024 * 1024) + b"\n")

    assert response.status_code == 422 and "longer than" in response.get_data(as_text=True)
    assert counts(app) == (0, 0)


def test_the_form_needs_a_file_and_an_institution(client, admin):
    response = client.post("/admin/imports", data={"institution": ""}, content_type="multipart/form-data")

    assert response.status_code == 422


def test_the_bad_rows_export_keeps_formulas_inert(client, admin):
    location = upload(client, FILE.encode()).headers["Location"]

    response = client.get(location + "/bad-rows.csv")

    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["line", "code", "value", "reason"]
    cells = [cell for r in rows[1:] for cell in r]
    assert "'=HYPERLINK(\"http://evil\")" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_the_imports_list_links_each_report(client, admin):
    location = upload(client, FILE.encode()).headers["Location"]

    page = client.get("/admin/imports").get_data(as_text=True)

    assert "amana.csv" in page and f'href="{location}"' in page


def test_the_imports_page_sums_up_each_institution_records(client, admin):
    upload(client, FILE.encode())
    upload(client, (HEADER + "Al Amana;L-1;AB1;Fatima;Safi;Pottery;written_off;2024-01-15;\n").encode())

    page = client.get("/admin/imports").get_data(as_text=True)

    table = page[page.index("Records per institution"):page.index("Imports so far")]
    # L-1 now written off; L-2 still repaid but absent from the second (full) file
    assert "<td>Al Amana</td><td>2</td><td>0</td><td>1</td><td>1</td><td>1</td>" in table.replace("\n", "")
