"""`flask import-microcredit FILE --institution NAME`: a progress bar, then a summary."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.verification.models import MicrocreditRecord

HEADER = "institution;loan_reference;national_id;full_name;city;activity;status;disbursed_on;closed_on\n"


@pytest.fixture(autouse=True)
def in_english(app, monkeypatch):
    """Commands speak the site's default language; read them in English."""
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_LOCALE", "en")


def write(tmp_path, body: str, name: str = "amana.csv"):
    path = tmp_path / name
    path.write_bytes((HEADER + body).encode())
    return str(path)


def count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(MicrocreditRecord))


def test_the_command_imports_and_prints_a_summary_with_bad_rows(app, tmp_path):
    path = write(tmp_path, "Al Amana;L-1;AB1;Fatima;Safi;Pottery;active;2024-01-15;\n"
                           "Al Amana;L-2;AB2;Amina;Safi;Pottery;lost;2024-01-15;\n")

    result = app.test_cli_runner().invoke(args=["import-microcredit", path, "--institution", "Al Amana"])

    assert result.exit_code == 0, result.output
    assert "created       1" in result.output and "bad rows      1" in result.output
    assert "line 3:" in result.output
    assert count(app) == 1


def test_running_it_twice_says_nothing_changed(app, tmp_path):
    path = write(tmp_path, "Al Amana;L-1;AB1;Fatima;Safi;Pottery;active;2024-01-15;\n")
    runner = app.test_cli_runner()
    runner.invoke(args=["import-microcredit", path, "--institution", "Al Amana"])

    result = runner.invoke(args=["import-microcredit", path, "--institution", "Al Amana"])

    assert "created       0" in result.output and "updated       0" in result.output
    assert "Nothing changed" in result.output


def test_a_refused_file_fails_with_its_reason_and_writes_nothing(app, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\xff\xd8\xff\xe0 JFIF binary")

    result = app.test_cli_runner().invoke(args=["import-microcredit", str(path), "--institution", "Al Amana"])

    assert result.exit_code != 0 and "not UTF-8" in result.output
    assert count(app) == 0
