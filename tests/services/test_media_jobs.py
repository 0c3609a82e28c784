"""With REDIS_URL, the request stores the original and an RQ worker makes the renditions after the commit."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from rq import Queue, SimpleWorker
from sqlalchemy import func, select

from app import jobs
from app.extensions import db
from app.media import services
from app.media.errors import InvalidImage
from app.media.models import Image, ImageState
from tests.factories import photo_bytes

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def queue(app_ctx):
    """A queue of this test's own on the real Redis, emptied and deleted afterwards."""
    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except RedisConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not running on 127.0.0.1:6379: CI must start it")
        pytest.skip(reason="Redis is not running on 127.0.0.1:6379")
    name = f"test-media-{uuid.uuid4().hex[:10]}"
    app_ctx.config.update(REDIS_URL=REDIS_URL, MEDIA_QUEUE=name, DEFAULT_QUEUE=f"{name}-default")
    rq_queue = Queue(name, connection=connection)
    yield rq_queue
    app_ctx.config.update(REDIS_URL="", MEDIA_QUEUE="media", DEFAULT_QUEUE="default")
    for registry in (rq_queue.finished_job_registry, rq_queue.failed_job_registry):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)
    rq_queue.delete(delete_jobs=True)
    connection.close()


def run_worker(queue: Queue) -> None:
    """Each job runs in an app context (and session) of its own, as in a worker process."""
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    db.session.expire_all()


def test_the_photo_is_processing_until_the_worker_renders_it(app_ctx, queue):
    image = services.add_image(photo_bytes(1600, 1200), "phone.jpg")
    assert image.state == ImageState.PROCESSING
    assert image.renditions == [] and (image.width, image.height) == (1600, 1200)
    assert (Path(app_ctx.config["PRIVATE_ROOT"]) / image.original_path).is_file()
    assert len(queue) == 0  # nothing is queued before the row is committed
    jobs.commit()
    image_id = image.id
    assert len(queue) == 1

    run_worker(queue)

    rendered = db.session.get(Image, image_id)
    assert rendered.state == ImageState.READY
    assert {320, 640, 1280} <= {r["width"] for r in rendered.renditions if r["kind"] == "w"}
    for rendition in rendered.renditions:
        assert (Path(app_ctx.config["MEDIA_ROOT"]) / rendition["path"]).is_file()
    assert queue.finished_job_registry.count == 1


def test_a_rolled_back_upload_enqueues_nothing(app_ctx, queue):
    services.add_image(photo_bytes(900, 600, seed=7))
    jobs.rollback()

    assert len(queue) == 0


def test_a_hostile_upload_is_refused_in_the_request_even_with_a_worker(app_ctx, queue):
    whole = photo_bytes(800, 600, seed=8)

    with pytest.raises(InvalidImage):
        services.add_image(whole[: len(whole) // 2], "photo.jpg")
    jobs.commit()

    assert len(queue) == 0
    assert db.session.scalar(select(func.count()).select_from(Image)) == 0


def test_a_photo_that_fails_in_the_worker_is_marked_failed(app_ctx, queue):
    image = services.add_image(photo_bytes(900, 600, seed=9))
    jobs.commit()
    image_id = image.id
    Path(app_ctx.config["PRIVATE_ROOT"], image.original_path).write_bytes(b"not a photo any more")

    run_worker(queue)

    assert db.session.get(Image, image_id).state == ImageState.FAILED


def test_the_worker_command_renders_the_queue_and_stops_in_burst_mode(app_ctx, queue):
    image = services.add_image(photo_bytes(800, 600, seed=10))
    jobs.commit()
    image_id = image.id

    result = app_ctx.test_cli_runner().invoke(args=["worker", "--burst"])

    assert result.exit_code == 0, result.output
    db.session.remove()
    assert db.session.get(Image, image_id).state == ImageState.READY
