"""`flask worker` runs queued jobs; `flask scheduler` enqueues the periodic ones (both need REDIS_URL)."""
from __future__ import annotations

import logging
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from app import jobs

log = logging.getLogger(__name__)

RECONNECT_SECONDS = 5


def periodic_jobs() -> list[tuple[str, int]]:
    """(job, every N seconds): reservation expiry, and photos whose rendering job was lost."""
    return [
        ("app.orders.commands:expire_reservations_job", 60),
        ("app.media.jobs:requeue_stuck_photos", 60),
    ]


def _redis_or_fail():
    if not current_app.config.get("REDIS_URL"):
        raise click.ClickException("REDIS_URL is not set: jobs run inside the app servers.")
    return jobs.redis_connection()


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queues are empty.")
@with_appcontext
def worker(burst: bool) -> None:
    """Run queued jobs (photos first, then e-mails, SMS and periodic jobs); survives Redis restarts."""
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
    from rq import SimpleWorker

    connection = _redis_or_fail()
    while True:
        # SimpleWorker: jobs run in this process (each in an app context of its own), so they
        # never share a database pool with a forked child.
        queues = [jobs.rq_queue(name, connection) for name in jobs.queue_names()]
        try:
            # with_scheduler: jobs waiting for a retry go back on their queue when their time comes.
            SimpleWorker(queues, connection=connection).work(burst=burst, with_scheduler=True)
            return
        except (RedisConnectionError, RedisTimeoutError) as error:
            if burst:
                raise click.ClickException(f"Redis unreachable: {error}") from error
            log.warning("worker lost Redis (%s); reconnecting in %ss", error, RECONNECT_SECONDS)
            time.sleep(RECONNECT_SECONDS)


@click.command("scheduler")
@with_appcontext
def scheduler() -> None:
    """Enqueue the periodic jobs on time (run one, beside the workers); survives Redis restarts."""
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
    from rq.cron import CronScheduler

    connection = _redis_or_fail()
    queue = jobs.queue_names()[-1]
    while True:
        cron = CronScheduler(connection=connection, name="souk-scheduler")
        for target, seconds in periodic_jobs():
            cron.register(jobs.perform, queue, args=(target, (), {}), interval=seconds,
                          job_timeout=jobs.JOB_TIMEOUT, name=target)
        try:
            cron.start()
            return
        except (RedisConnectionError, RedisTimeoutError) as error:
            log.warning("scheduler lost Redis (%s); reconnecting in %ss", error, RECONNECT_SECONDS)
            time.sleep(RECONNECT_SECONDS)


commands: list = [worker, scheduler]
