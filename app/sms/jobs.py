"""Sending after the commit: an RQ job with retries when REDIS_URL is set, in the process otherwise.

`send_sms` is the one function callers use; the request that places an order or receives a
webhook only queues the message, a worker (`flask --app wsgi sms-worker`) talks to the provider.
"""
from __future__ import annotations

import logging

from flask import current_app, has_app_context

from app.sms import gateway

log = logging.getLogger(__name__)

RETRY_INTERVALS = [30, 120, 600]  # seconds: an operator outage rarely lasts a quarter of an hour
JOB_TIMEOUT = 30


def send_sms(to: str, body: str) -> None:
    """Send `body` to `to` (E.164) once the caller has committed; never raises for a failed send."""
    config = current_app.config
    if not config["REDIS_URL"]:
        _deliver_logged(to, body)
        return
    try:
        _enqueue(config["REDIS_URL"], config["SMS_QUEUE"], to, body)
    except Exception:  # noqa: BLE001  (Redis down: the order is committed; log and carry on)
        log.exception("could not queue an sms")


def _enqueue(redis_url: str, queue_name: str, to: str, body: str) -> None:
    from redis import Redis
    from rq import Queue, Retry

    queue = Queue(queue_name, connection=Redis.from_url(redis_url))
    queue.enqueue(deliver_sms, to, body, job_timeout=JOB_TIMEOUT,
                  retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS))


def deliver_sms(to: str, body: str) -> None:
    """The job: deliver one message; a retryable failure raises so RQ tries again."""
    if has_app_context():
        _deliver_in_job(to, body)
        return
    from app import create_app

    with create_app().app_context():
        _deliver_in_job(to, body)


def _deliver_in_job(to: str, body: str) -> None:
    try:
        gateway.deliver(to, body)
    except gateway.SmsError as error:
        if error.retry:
            raise
        log.error("sms refused by the provider, not retried: %s", error)


def _deliver_logged(to: str, body: str) -> None:
    try:
        gateway.deliver(to, body)
    except gateway.SmsError as error:
        log.error("sms not sent: %s", error)
