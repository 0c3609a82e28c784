"""Flask commands of this domain (registered by app.cli): microcredit import and spot audits."""
from __future__ import annotations

import functools
import os

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from app import jobs
from app.errors import DomainError
from app.extensions import db
from app.verification import importer


def in_default_locale(command):
    """Commands run outside any request: messages are worded in the site's default language."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
            return command(*args, **kwargs)

    return wrapper


@click.command("import-microcredit")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--institution", required=True, help="The institution that delivered the file.")
@click.option("--partial", is_flag=True, help="The file lists only some records: absent ones are not marked missing.")
@with_appcontext
@in_default_locale
def import_microcredit(file: str, institution: str, partial: bool) -> None:
    """Import an institution's CSV file of microcredit records, with a progress bar and a summary."""
    from app.verification.imports import import_file

    size = os.path.getsize(file)
    bars: dict[str, object] = {}

    def on_progress(phase: str, done: int, total: int) -> None:
        bar = bars.get(phase)
        if bar is None:
            label = "Reading" if phase == "read" else "Writing"
            bar = click.progressbar(length=max(total, 1), label=label)
            bars[phase] = bar
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        with open(file, "rb") as stream:
            run = import_file(stream, institution, filename=os.path.basename(file), partial=partial,
                              size=size, on_progress=on_progress)
        jobs.commit()
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from error
    finally:
        for bar in bars.values():
            bar.__exit__(None, None, None)
    _print_summary(run)


def _print_summary(run) -> None:
    click.echo(f"Import #{run.id} of {run.institution} ({'partial' if run.partial else 'full'} file):")
    click.echo(f"  rows read     {run.rows_total}")
    click.echo(f"  created       {run.rows_created}")
    click.echo(f"  updated       {run.rows_updated}")
    click.echo(f"  unchanged     {run.rows_unchanged}")
    click.echo(f"  bad rows      {run.rows_bad}")
    click.echo(f"  now missing   {run.rows_missing}")
    click.echo(f"  suppliers flagged for review  {run.suppliers_flagged}")
    if run.rows_created == run.rows_updated == run.rows_missing == 0:
        click.echo("Nothing changed: the records were already up to date.")
    for bad in run.bad_rows[:50]:
        click.echo(f"  line {bad['line']}: {importer.describe(bad)}")
    if run.rows_bad > 50:
        click.echo(f"  ... and {run.rows_bad - 50} more bad rows (see /admin/imports/{run.id})")


@click.command("spot-audit")
@click.option("--size", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="How many verified suppliers to draw per institution.")
@with_appcontext
@in_default_locale
def spot_audit(size: int) -> None:
    """Draw a random sample of verified suppliers per institution and queue them for a manual re-check."""
    from app.verification.spot_audits import draw_spot_audits, spot_audit_report

    drawn = draw_spot_audits(size)
    jobs.commit()
    if not drawn:
        click.echo("No verified supplier to audit.")
    for institution, count in drawn.items():
        click.echo(f"{institution}: {count} supplier(s) queued for a spot audit")
    click.echo(f"\n{'institution':<40}{'drawn':>7}{'pending':>9}{'passed':>8}{'failed':>8}")
    for row in spot_audit_report():
        click.echo(f"{row.institution[:39]:<40}{row.drawn:>7}{row.pending:>9}{row.passed:>8}{row.failed:>8}")


commands: list = [import_microcredit, spot_audit]
