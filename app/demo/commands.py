"""`flask seed-demo`: load the demo catalogue and print one account per role (registered by app.cli)."""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask import current_app
from flask.cli import with_appcontext

from app import jobs
from app.demo.data import DEMO_TOTP_SECRET
from app.demo.photos import FINAL_SIZE
from app.demo.services import seed_demo


@click.command("seed-demo")
@click.option("--products", "product_count", default=300, show_default=True, type=click.IntRange(0, 1_000_000),
              help="Top the demo catalogue up to this many products.")
@with_appcontext
def seed_demo_command(product_count: int) -> None:
    """Load the demo (idempotent: a second run adds nothing) and print the demo accounts."""
    if current_app.config["APP_ENV"] == "production":
        # The demo accounts' passwords are printed and published in the code.
        raise click.UsageError("seed-demo makes accounts with public passwords: it refuses to run in production.")
    started = time.monotonic()

    def progress(label: str, total: int):
        return click.progressbar(length=total, label=label, show_pos=True)

    config = current_app.config
    with _quiet_services():
        report = seed_demo(product_count, progress=progress,
                           photo_size=tuple(config.get("DEMO_PHOTO_SIZE", FINAL_SIZE)))
        jobs.commit()
    if report.already_there:
        click.echo(f"The demo is already there ({report.products_after} products): nothing to add.")
    else:
        added = ", ".join(f"{n} {what}" for what, n in report.created.items() if n)
        click.echo(f"Demo loaded in {time.monotonic() - started:.1f} s: {added}.")
    click.echo("Demo accounts (demo-only passwords, never use them on a real deployment):")
    for account in report.accounts:
        click.echo(f"{account.role.value:<14}{account.email:<38}password: {account.password}")
    record = report.newcomer_record
    click.echo("To verify a stand of your own, register as a beneficiary and enter this microcredit record at "
               "/supplier/verify (it vouches for one stand only):")
    click.echo(f"  institution: {record.institution}   loan reference: {record.loan_reference}   "
               f"ID number (CIN): {record.cin}   name: {record.name}")
    click.echo(f"Staff accounts (admin, moderator, group manager, oversight) also ask for a second factor. Their "
               f"demo-only authenticator key is {DEMO_TOTP_SECRET}: add it to an authenticator app (or scan "
               f"otpauth://totp/Souk%20Solidaire:demo?secret={DEMO_TOTP_SECRET}&issuer=Souk%20Solidaire), "
               f"or print the current code with:\n  python -c \"import pyotp; "
               f"print(pyotp.TOTP('{DEMO_TOTP_SECRET}').now())\"")


@contextmanager
def _quiet_services() -> Iterator[None]:
    """Keep the hundreds of per-photo, per-order INFO lines of the services out of the operator's way
    (the demo's own stage timings stay); warnings and errors still show."""
    app_logger, demo_logger = logging.getLogger("app"), logging.getLogger("app.demo")
    levels = app_logger.level, demo_logger.level
    app_logger.setLevel(logging.WARNING)
    demo_logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        app_logger.setLevel(levels[0])
        demo_logger.setLevel(levels[1])


commands = [seed_demo_command]
