"""`flask doctor`: every dependency and setting a production site needs, one line each.

Each check answers "ok", "warn" (works, but not as production should) or "FAIL" (broken), with
what is wrong in words a sysadmin acts on. The command exits 1 when anything failed.
"""
from __future__ import annotations

from collections.abc import Callable

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import text

from app import jobs
from app.extensions import db
from app.media import storage

Result = tuple[str, str]  # ("ok" | "warn" | "FAIL", detail)


def check_config() -> Result:
    config = current_app.config
    if config["APP_ENV"] != "production":
        return "warn", f"APP_ENV is {config['APP_ENV']} (production sets secure cookies and refuses defaults)"
    from config import check_production_urls

    try:
        check_production_urls(config)
    except RuntimeError as error:
        return "FAIL", str(error)
    return "ok", f"production, SITE_URL {config['SITE_URL']}"


def check_secrets() -> Result:
    from config import check_production_secrets

    try:
        check_production_secrets(current_app.config)
    except RuntimeError as error:
        return ("FAIL" if current_app.config["APP_ENV"] == "production" else "warn"), str(error)
    return "ok", "SECRET_KEY and CIN_HMAC_KEY set, long enough"


def check_database() -> Result:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001  (any failure is the answer)
        db.session.rollback()
        return "FAIL", f"{db.engine.url.render_as_string(hide_password=True)} unreachable: {type(error).__name__}"
    return "ok", f"{db.engine.dialect.name} answers"


def check_migrations() -> Result:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    try:
        migrate = current_app.extensions["migrate"]
        script = ScriptDirectory.from_config(migrate.migrate.get_config(migrate.directory))
        with db.engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except Exception as error:  # noqa: BLE001
        return "FAIL", f"cannot read the schema version: {type(error).__name__}"
    heads = set(script.get_heads())
    if current != heads:
        return "FAIL", f"schema at {sorted(current) or 'nothing'}, code expects {sorted(heads)}: run flask db upgrade"
    return "ok", f"schema at head {', '.join(sorted(heads))}"


def check_redis() -> Result:
    if not current_app.config.get("REDIS_URL"):
        return "warn", "REDIS_URL not set: limits, cache and jobs live in one process (one server only)"
    if not jobs.queue_reachable():
        return "FAIL", "REDIS_URL set but Redis does not answer"
    return "ok", "Redis answers"


def check_queue() -> Result:
    if not current_app.config.get("REDIS_URL") or not jobs.queue_reachable():
        return "warn", "no queue: jobs run inside the app servers"
    from rq import Worker

    connection = jobs.redis_connection()
    workers = Worker.all(connection=connection)
    waiting = {name: len(jobs.rq_queue(name, connection)) for name in jobs.queue_names()}
    if not workers:
        return "FAIL", f"no worker is running (flask worker); waiting: {waiting}"
    return "ok", f"{len(workers)} worker(s); waiting: {waiting}"


def check_storage() -> Result:
    state = storage.check()
    backend = current_app.config.get("MEDIA_STORAGE", "file")
    return ("ok", f"{backend}: writable") if state == "ok" else ("FAIL", f"{backend}: {state}")


def check_mail() -> Result:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        level = "FAIL" if config["APP_ENV"] == "production" else "warn"
        return level, f"MAIL_SERVER not set: e-mails go to the outbox folder {config['OUTBOX_DIR']}"
    return "ok", f"SMTP {config['MAIL_SERVER']}:{config['MAIL_PORT']}"


def check_sms() -> Result:
    config = current_app.config
    if config.get("SMS_BACKEND", "outbox") != "http":
        level = "FAIL" if config["APP_ENV"] == "production" else "warn"
        return level, "SMS_BACKEND is not http: text messages go to the outbox folder"
    missing = [name for name in ("SMS_API_BASE", "SMS_API_KEY") if not config.get(name)]
    if missing:
        return "FAIL", f"SMS_BACKEND=http needs {', '.join(missing)}"
    return "ok", f"SMS provider {config['SMS_API_BASE']}"


CHECKS: list[tuple[str, Callable[[], Result]]] = [
    ("config", check_config), ("secrets", check_secrets), ("database", check_database),
    ("migrations", check_migrations), ("redis", check_redis), ("queue", check_queue),
    ("storage", check_storage), ("mail", check_mail), ("sms", check_sms),
]


@click.command("doctor")
@with_appcontext
def doctor() -> None:
    """Check configuration, secrets, database, migrations, Redis, queue, storage, mail and SMS."""
    failed = False
    for name, check in CHECKS:
        level, detail = check()
        failed |= level == "FAIL"
        click.echo(f"{level:<4}  {name:<10} {detail}")
    if failed:
        raise SystemExit(1)


commands: list = [doctor]
