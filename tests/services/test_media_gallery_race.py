"""Two uploads racing for the last gallery place: the product row lock lets only one win."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text

from app.catalog import gallery as galleries
from app.catalog.models import ProductImage
from app.extensions import db
from app.media.errors import TooManyPhotos
from app.media.models import Image
from tests.factories import make_product

# Sessions waiting for a lock that this session holds (the server is shared with other test
# runs, and pg_stat_activity would be a snapshot frozen for the whole transaction).
WAITING_HERE = text("SELECT count(*) FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))")


def blank_image(n: int) -> Image:
    image = Image(content_hash=f"{n:064x}", width=1, height=1, renditions=[])
    db.session.add(image)
    db.session.flush()
    return image


def test_two_uploads_for_the_last_place_give_eight_photos_not_nine(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip(reason="row locks need PostgreSQL (SQLite serialises writers instead)")
        product = make_product()
        for n in range(7):
            galleries.attach_to_product(product.id, blank_image(n).id)
        late_ids = [blank_image(100).id, blank_image(101).id]
        db.session.commit()
        product_id = product.id

    outcome: dict[str, object] = {}

    def second_uploader() -> None:
        with app.app_context():
            try:
                galleries.attach_to_product(product_id, late_ids[1])
                db.session.commit()
                outcome["second"] = "added"
            except TooManyPhotos:
                db.session.rollback()
                outcome["second"] = "refused"

    with app.app_context():
        galleries.attach_to_product(product_id, late_ids[0])  # holds the row lock, not committed yet
        other = threading.Thread(target=second_uploader)
        other.start()
        waiting = 0
        for _ in range(2000):  # until the other uploader is blocked on our lock (or has finished)
            waiting = db.session.execute(WAITING_HERE).scalar()
            if waiting or not other.is_alive():
                break
            threading.Event().wait(0.005)
        assert waiting, "the second uploader should be waiting for the product row"
        db.session.commit()
        other.join(30)

        assert outcome["second"] == "refused"
        gallery = select(func.count()).select_from(ProductImage).where(ProductImage.product_id == product_id)
        assert db.session.scalar(gallery) == 8
