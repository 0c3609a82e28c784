"""Background rendering: the request stores the original, a worker makes the renditions.

Jobs go through `app.jobs` (RQ when REDIS_URL is set); run workers with `flask worker`.
A rendering job lost on the way (Redis restarted, a worker killed) is sent again by the
periodic `requeue_stuck_photos`, which `flask scheduler` runs every minute.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from app import jobs
from app.db import utcnow
from app.extensions import db

log = logging.getLogger(__name__)

QUEUE = "media"
STUCK_AFTER = timedelta(minutes=2)  # far beyond a normal rendering; a duplicate job is harmless


def schedule_rendering(image_id: int) -> None:
    """Render the photo in the background once the transaction commits (the worker must see the row)."""
    jobs.enqueue(render_image, image_id, queue=QUEUE)


def render_image(image_id: int) -> None:
    """The job: render one stored Image and commit (the worker is the edge here)."""
    from app.media.models import Image, ImageState
    from app.media.services import render_stored

    image = db.session.get(Image, image_id)
    if image is None:
        log.warning("image %s vanished before rendering", image_id)
        return
    if image.state != ImageState.READY:
        render_stored(image)
        jobs.commit()
        log.info("image %s rendered: %s", image_id, image.state.value)


def requeue_stuck_photos() -> int:
    """Enqueue again every photo still `processing` long after its upload; gives how many."""
    from app.media.models import Image, ImageState

    query = select(Image.id).where(Image.state == ImageState.PROCESSING, Image.updated_at < utcnow() - STUCK_AFTER)
    ids = list(db.session.scalars(query))
    for image_id in ids:
        jobs.enqueue(render_image, image_id, queue=QUEUE)
    if ids:
        log.warning("%s photo(s) stuck in processing sent again for rendering", len(ids))
    return len(ids)
