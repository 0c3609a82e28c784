"""Flask commands of this domain (registered by app.cli)."""
from __future__ import annotations

import secrets
import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from app import jobs
from app.accounts import services
from app.accounts.errors import AccountError


@click.command("create-admin")
@click.argument("email")
@click.option("--password", help="The password; asked for when omitted on a terminal, generated otherwise.")
@click.option("--generate", is_flag=True, help="Generate a password and print it.")
@click.option("--name", default="", help="The administrator's name.")
@with_appcontext
def create_admin(email: str, password: str | None, generate: bool, name: str) -> None:
    """Make EMAIL an administrator (creating the account if needed)."""
    exists = services.find_by_email(email) is not None
    generated = False
    if password is None and (generate or not exists):
        if generate or not sys.stdin.isatty():
            password, generated = secrets.token_urlsafe(15), True
        else:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user, created = services.make_admin(email, password, name)
    except AccountError as error:
        with current_app.test_request_context():  # the message is translatable: it needs a locale
            raise click.ClickException(str(error.message)) from error
    jobs.commit()
    click.echo(f"{'Created' if created else 'Updated'} administrator {user.email}")
    if generated:
        click.echo(f"Password: {password}")
    if not user.totp_secret:
        click.echo("Second factor: staff accounts need one. At the first login, after the password, the site "
                   "opens /account/two-factor/setup: scan its QR code with an authenticator app (FreeOTP, Aegis, "
                   "Google Authenticator...), type the 6-digit code, and keep the 10 recovery codes it shows once.")


commands: list = [create_admin]
