"""Background rendering with RQ: the request stores the original, a worker makes the renditions.

Run a worker with `flask --app wsgi media-worker` (it works inside the app, so the job sees
the same configuration and database as the web servers).
"""
from __future__ import annotations

import logging

from flask import has_app_context

from app.extensions import db

log = logging.getLogger(__name__)

JOB_TIMEOUT = 120  # seconds; a 50-megapixel PNG is the slowest honest upload


def enqueue(redis_url: str, queue_name: str, image_id: int) -> None:
    from redis import Redis
    from rq import Queue

    queue = Queue(queue_name, connection=Redis.from_url(redis_url))
    queue.enqueue(render_image, image_id, job_timeout=JOB_TIMEOUT)


def render_image(image_id: int) -> None:
    """The job: render one stored Image and commit (the worker is the edge here)."""
    if has_app_context():
        _render(image_id)
        return
    from app import create_app

    with create_app().app_context():
        _render(image_id)


def _render(image_id: int) -> None:
    from app.media.models import Image, ImageState
    from app.media.services import render_stored

    image = db.session.get(Image, image_id)
    if image is None:
        log.warning("image %s vanished before rendering", image_id)
        return
    try:
        if image.state != ImageState.READY:
            render_stored(image)
            db.session.commit()
            log.info("image %s rendered: %s", image_id, image.state.value)
    finally:
        db.session.remove()
