"""Outgoing email: to the outbox folder by default, through SMTP when MAIL_SERVER is set.

The message is rendered in the caller (its language, its links) and delivered by a background
job (`app.jobs`): SMTP never runs inside a request or a webhook. Callers send after their
transaction commits, so a rolled-back order never mails anyone.
"""
from __future__ import annotations

import logging
import smtplib
import uuid
from email.message import EmailMessage
from pathlib import Path

from flask import current_app, render_template

from app import jobs

log = logging.getLogger(__name__)


def render_text(template: str, **context) -> str:
    """A message body (e-mail or SMS) from templates/, in the current locale."""
    return render_template(template, **context)


def send_email(to: str, subject: str, template: str, **context) -> EmailMessage:
    """Render `emails/<template>.txt` now and hand it to a background job for delivery."""
    message = compose(to, subject, render_text(f"emails/{template}.txt", **context))
    jobs.enqueue(deliver, message.as_bytes())
    return message


def compose(to: str, subject: str, text: str) -> EmailMessage:
    """A plain-text message from the shop."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    return message


def deliver(raw: bytes) -> None:
    """The job: send one rendered message (bytes, so it travels through the queue unchanged)."""
    from email import message_from_bytes, policy

    message = message_from_bytes(raw, policy=policy.default)
    if current_app.config["MAIL_SERVER"]:
        _send_smtp(message)
    else:
        _write_outbox(message)


def _write_outbox(message: EmailMessage) -> Path:
    outbox = Path(current_app.config["OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{uuid.uuid4().hex}.eml"
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(message.as_bytes())
    tmp.replace(path)
    log.info("email to outbox: %s", path.name)
    return path


def _send_smtp(message: EmailMessage) -> None:
    cfg = current_app.config
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=10) as smtp:
        smtp.starttls()
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        smtp.send_message(message)


def outbox_messages() -> list[EmailMessage]:
    """Messages in the outbox, oldest first (used by tests and the dev console)."""
    from email import message_from_bytes, policy

    outbox = Path(current_app.config["OUTBOX_DIR"])
    paths = sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime) if outbox.exists() else []
    return [message_from_bytes(p.read_bytes(), policy=policy.default) for p in paths]
