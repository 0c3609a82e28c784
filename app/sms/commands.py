"""Flask commands of this domain (registered by app.cli)."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("sms-worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@with_appcontext
def sms_worker(burst: bool) -> None:
    """Run an RQ worker that sends the queued text messages, retrying later ones (needs REDIS_URL)."""
    from redis import Redis
    from rq import Queue, SimpleWorker

    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("REDIS_URL is not set: text messages are sent in the process.")
    connection = Redis.from_url(url)
    queue = Queue(current_app.config["SMS_QUEUE"], connection=connection)
    # The scheduler puts retries whose interval has passed back on the queue.
    SimpleWorker([queue], connection=connection).work(burst=burst, with_scheduler=True)


commands: list = [sms_worker]
