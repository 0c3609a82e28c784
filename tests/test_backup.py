"""deploy/backup.sh and deploy/restore.sh, run once for real: SQLite's online backup and
pg_dump/pg_restore, plus the photo folders. Data and files deleted after the backup come back."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from app import models  # noqa: F401  (every table, for create_all)
from app.extensions import db
from tests.databases import scratch_database
from tests.servers import ROOT

POSTGRES = os.environ.get("TEST_DATABASE_URL") or "postgresql+psycopg://127.0.0.1:5432/test"


def run(script: str, argument: Path, env: dict) -> str:
    done = subprocess.run([str(ROOT / "deploy" / script), str(argument)], env={**os.environ, **env},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def shop_with_one_category_and_photos(url: str, tmp_path: Path) -> dict:
    engine = create_engine(url)
    db.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO categories (slug, name, position, name_i18n) "
                          "VALUES ('poterie', 'Poterie', 1, '{}')"))
    engine.dispose()
    (tmp_path / "media" / "ab").mkdir(parents=True)
    (tmp_path / "media" / "ab" / "abc-320.webp").write_bytes(b"rendition")
    (tmp_path / "private" / "originals").mkdir(parents=True)
    (tmp_path / "private" / "originals" / "abc.jpg").write_bytes(b"original")
    return {"DATABASE_URL": url, "MEDIA_ROOT": str(tmp_path / "media"), "PRIVATE_ROOT": str(tmp_path / "private")}


def lose_everything(url: str, tmp_path: Path) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM categories"))
    engine.dispose()
    (tmp_path / "media" / "ab" / "abc-320.webp").unlink()
    (tmp_path / "private" / "originals" / "abc.jpg").unlink()


def assert_back(url: str, tmp_path: Path) -> None:
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM categories")).scalars().all() == ["Poterie"]
    engine.dispose()
    assert (tmp_path / "media" / "ab" / "abc-320.webp").read_bytes() == b"rendition"
    assert (tmp_path / "private" / "originals" / "abc.jpg").read_bytes() == b"original"


def test_sqlite_online_backup_and_photos_restore(tmp_path):
    url = f"sqlite:///{tmp_path / 'souk.db'}"
    env = shop_with_one_category_and_photos(url, tmp_path)

    backup = run("backup.sh", tmp_path / "backups", env)
    lose_everything(url, tmp_path)
    run("restore.sh", Path(backup), env)

    assert_back(url, tmp_path)


def test_postgresql_dump_and_restore(tmp_path):
    try:
        create_engine(make_url(POSTGRES).set(database="postgres")).connect().close()
    except Exception:  # noqa: BLE001
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL is not running on 127.0.0.1:5432: CI must start it")
        pytest.skip(reason="PostgreSQL is not running on 127.0.0.1:5432")
    with scratch_database(POSTGRES, prefix="souk_backup") as url:
        env = shop_with_one_category_and_photos(url, tmp_path)

        backup = run("backup.sh", tmp_path / "backups", env)
        lose_everything(url, tmp_path)
        run("restore.sh", Path(backup), env)

        assert_back(url, tmp_path)
