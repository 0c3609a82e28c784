"""`app.jobs`: work leaves the request after the commit, through RQ when Redis answers, in this process otherwise.

Uses the real Redis on 127.0.0.1:6379 (queues of this test's own, deleted afterwards).
"""
from __future__ import annotations

import os
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from rq import SimpleWorker
from rq.cron import CronScheduler

from app import jobs
from app.db import utcnow
from app.extensions import db
from app.jobs.commands import periodic_jobs
from app.mail import outbox_messages, send_email
from app.media import services
from app.media.models import Image, ImageState
from app.orders.models import Order, OrderStatus
from tests.factories import make_product, make_user, photo_bytes, place_test_order

REDIS_URL = "redis://127.0.0.1:6379/0"
DEAD_REDIS = "redis://127.0.0.1:9/0"  # nothing listens on the discard port: Redis "down"


@pytest.fixture
def queues(app_ctx):
    """Queues of this test's own on the real Redis, deleted afterwards."""
    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except RedisConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not running on 127.0.0.1:6379: CI must start it")
        pytest.skip(reason="Redis is not running on 127.0.0.1:6379")
    prefix = f"test-jobs-{uuid.uuid4().hex[:10]}"
    app_ctx.config.update(REDIS_URL=REDIS_URL, MEDIA_QUEUE=f"{prefix}-media", DEFAULT_QUEUE=f"{prefix}-default")
    made = [jobs.rq_queue(name) for name in ("media", "default")]
    yield made
    app_ctx.config.update(REDIS_URL="", MEDIA_QUEUE="media", DEFAULT_QUEUE="default")
    for queue in made:
        for registry in (queue.finished_job_registry, queue.failed_job_registry):
            for job_id in registry.get_job_ids():
                registry.remove(job_id, delete_job=True)
        queue.delete(delete_jobs=True)
    connection.close()


def work(queues) -> None:
    SimpleWorker(queues, connection=queues[0].connection).work(burst=True)
    db.session.expire_all()


def subjects(app) -> list[str]:
    return [m["Subject"] for m in outbox_messages()]


def test_an_email_goes_through_the_queue_and_the_worker_delivers_it(app_ctx, queues):
    send_email("amina@example.ma", "Queued hello", "account_welcome", user=make_user(name="Amina"))
    jobs.commit()
    assert "Queued hello" not in subjects(app_ctx)  # nothing was sent inside the "request"
    assert len(queues[1]) == 1

    work(queues)

    assert "Queued hello" in subjects(app_ctx)


def test_a_job_asked_for_during_writes_waits_for_the_commit_and_dies_with_a_rollback(app_ctx, queues):
    make_user(email="first@example.ma")
    send_email("first@example.ma", "Rolled back", "account_welcome", user=make_user(name="A"))
    assert len(queues[1]) == 0
    jobs.rollback()
    assert len(queues[1]) == 0

    make_user(email="second@example.ma")
    send_email("second@example.ma", "Committed", "account_welcome", user=make_user(name="B"))
    jobs.commit()
    assert len(queues[1]) == 1


def test_only_the_named_commit_sends_jobs_and_never_those_of_an_earlier_transaction(app_ctx, queues):
    """Jobs leave by `jobs.commit()`, in sight of the reader: a bare commit or rollback sends nothing,
    and the jobs it left behind do not ride along with the next transaction's commit."""
    make_user(email="bare@example.ma")
    send_email("bare@example.ma", "Bare commit", "account_welcome", user=make_user(name="A"))
    db.session.commit()
    make_user(email="undone@example.ma")
    send_email("undone@example.ma", "Bare rollback", "account_welcome", user=make_user(name="B"))
    db.session.rollback()
    assert len(queues[1]) == 0

    make_user(email="named@example.ma")
    send_email("named@example.ma", "Named commit", "account_welcome", user=make_user(name="C"))
    jobs.commit()
    work(queues)
    sent = subjects(app_ctx)
    assert "Named commit" in sent and "Bare commit" not in sent and "Bare rollback" not in sent


def test_with_redis_down_the_email_is_still_delivered_by_this_process(app_ctx):
    app_ctx.config["REDIS_URL"] = DEAD_REDIS
    try:
        send_email("amina@example.ma", "Despite Redis", "account_welcome", user=make_user(name="Amina"))
        jobs.commit()
    finally:
        app_ctx.config["REDIS_URL"] = ""
    assert "Despite Redis" in subjects(app_ctx)


def test_with_redis_down_a_photo_is_rendered_in_the_request(app_ctx):
    app_ctx.config["REDIS_URL"] = DEAD_REDIS
    try:
        image = services.add_image(photo_bytes(700, 500, seed=21))
    finally:
        app_ctx.config["REDIS_URL"] = ""
    assert image.state == ImageState.READY
    assert all((Path(app_ctx.config["MEDIA_ROOT"]) / r["path"]).is_file() for r in image.renditions)


def test_the_sweep_sends_a_lost_rendering_job_again(app_ctx, queues):
    image = services.add_image(photo_bytes(600, 400, seed=22))
    jobs.commit()
    image_id = image.id
    queues[0].empty()  # the job is lost (Redis flushed, worker killed)
    from app.media.jobs import requeue_stuck_photos

    assert requeue_stuck_photos() == 0  # too recent: maybe a worker is on it
    image.updated_at = utcnow() - timedelta(minutes=5)
    jobs.commit()
    assert requeue_stuck_photos() == 1
    work(queues)

    assert db.session.get(Image, image_id).state == ImageState.READY


def test_the_scheduler_enqueues_reservation_expiry_and_the_sweep(app_ctx, queues):
    product = make_product(stock=5)
    order = place_test_order((product, 2), payment="card")
    order.reservation_expires_at = utcnow() - timedelta(minutes=1)
    jobs.commit()
    order_id = order.id

    cron = CronScheduler(connection=queues[1].connection, name=f"test-{uuid.uuid4().hex}")
    for target, seconds in periodic_jobs():
        cron.register(jobs.perform, queues[1].name, args=(target, (), {}), interval=seconds)
    assert len(cron.enqueue_jobs()) == 2
    work(queues)

    assert db.session.get(Order, order_id).status == OrderStatus.CANCELLED
    assert queues[1].finished_job_registry.count == 2
