"""The one door to the SMS provider: every text message of the shop leaves through `deliver`.

Services never talk to a provider: they call `app.sms.jobs.send_sms` after their commit, and the
job (in a worker when REDIS_URL is set) calls `deliver`. A backend is picked by `SMS_BACKEND`:
`outbox` (development and tests: a file per message, as mail does) or `http` (the provider).
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Protocol

from flask import current_app


class SmsError(Exception):
    """A message that did not leave; `retry` says whether trying again later may help."""

    retry = False


class SmsUnavailable(SmsError):
    """The provider did not answer, timed out or failed on its side: try again later."""

    retry = True


class SmsRejected(SmsError):
    """The provider refused this message (bad number, bad key, no credit): retrying changes nothing."""


@dataclass(frozen=True)
class Sms:
    to: str  # E.164, e.g. +212612345678
    body: str
    sender: str


class SmsBackend(Protocol):
    @classmethod
    def from_config(cls, config) -> SmsBackend: ...

    def send(self, sms: Sms) -> str:
        """Hand the message over; returns the provider's id for it, raises SmsError."""


# name -> (module, class). Another provider is one more module and one more row.
BACKENDS = {
    "outbox": ("app.sms.outbox", "OutboxBackend"),
    "http": ("app.sms.http_provider", "HttpSmsProvider"),
}


def get_backend() -> SmsBackend:
    """The configured backend, built per call (cheap, and no state shared between threads)."""
    module, cls = BACKENDS[current_app.config["SMS_BACKEND"]]
    return getattr(import_module(module), cls).from_config(current_app.config)


def deliver(to: str, body: str) -> str:
    """Send one message now (from a job, never from a request); returns the provider's message id."""
    return get_backend().send(Sms(to=to, body=body, sender=current_app.config["SMS_SENDER"]))
