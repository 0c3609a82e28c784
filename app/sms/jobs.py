"""Sending a text message: queued as a background job (RQ with retries when REDIS_URL is set).

`send_sms` is the one function callers use; the job leaves after the caller's commit, so the
request that places an order or receives a webhook never waits for (or fails with) the provider.
"""
from __future__ import annotations

import logging

from app import jobs
from app.sms import gateway

log = logging.getLogger(__name__)

RETRY_INTERVALS = (30, 120, 600)  # seconds: an operator outage rarely lasts a quarter of an hour


def send_sms(to: str, body: str) -> None:
    """Send `body` to `to` (E.164) in the background, after the writes in progress are committed."""
    jobs.enqueue(deliver_sms, to, body, queue="sms", retry_intervals=RETRY_INTERVALS)


def deliver_sms(to: str, body: str) -> None:
    """The job: a failure worth retrying raises (RQ tries again later); a refusal is only logged."""
    try:
        gateway.deliver(to, body)
    except gateway.SmsError as error:
        if error.retry:
            raise
        log.error("sms refused by the provider, not retried: %s", error)
