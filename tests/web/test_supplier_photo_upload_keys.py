"""The offline queue's upload keys: a photo sent again after a lost answer is never added twice,
the queue can ask whether it arrived, and nobody learns anything of another stand's keys."""
from __future__ import annotations

import io

import pytest

from app.catalog.models import Product
from app.extensions import db
from tests.factories import photo_bytes
from tests.helpers import log_in_stand_with_draft

KEY = "0f8e2c1a-5b7d-4e3f-9a21-6c4d8b0e7f13"


@pytest.fixture
def me(app, client):
    return log_in_stand_with_draft(app, client)


def send(client, product_id: int, content: bytes, key: str | None = KEY):
    headers = {"Accept": "application/json"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(f"/supplier/products/{product_id}/photos", headers=headers,
                       data={"photo": [(io.BytesIO(content), "IMG_1.jpg")]}, content_type="multipart/form-data")


def gallery_size(app, product_id: int) -> int:
    with app.app_context():
        return len(db.session.get(Product, product_id).images)


def test_the_same_upload_sent_twice_adds_one_photo_and_answers_with_it(app, client, me):
    first = send(client, me.product_id, photo_bytes(seed=7))
    again = send(client, me.product_id, photo_bytes(seed=7))
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json["photos"][0]["id"] == first.json["photos"][0]["id"]
    assert gallery_size(app, me.product_id) == 1


def test_a_key_already_used_adds_nothing_even_with_other_bytes(app, client, me):
    send(client, me.product_id, photo_bytes(seed=1))
    assert send(client, me.product_id, photo_bytes(seed=2)).status_code == 200
    assert gallery_size(app, me.product_id) == 1


def test_the_queue_learns_whether_an_upload_arrived_without_sending_it_again(app, client, me):
    receipt = f"/supplier/products/{me.product_id}/photos/uploads/{KEY}"
    assert client.get(receipt).status_code == 404
    photo_id = send(client, me.product_id, photo_bytes(seed=3)).json["photos"][0]["id"]
    answer = client.get(receipt)
    assert answer.status_code == 200
    assert answer.json["photo"]["id"] == photo_id


@pytest.mark.parametrize("key", ["short", "x" * 65, "../../etc", "a b c d e f g h", "ключ-ключ-ключ"])
def test_a_malformed_key_is_refused_and_stores_nothing(app, client, me, key):
    assert send(client, me.product_id, photo_bytes(seed=4), key=key).status_code == 400
    assert gallery_size(app, me.product_id) == 0


def test_another_stand_neither_sees_nor_reuses_a_key(app, client, me):
    send(client, me.product_id, photo_bytes(seed=5))
    other = log_in_stand_with_draft(app, client)
    assert client.get(f"/supplier/products/{me.product_id}/photos/uploads/{KEY}").status_code == 404
    # The same key on the other stand's own listing is an upload of its own, not a peek at the first.
    answer = send(client, other.product_id, photo_bytes(seed=6))
    assert answer.status_code == 201
    assert gallery_size(app, other.product_id) == 1
    assert gallery_size(app, me.product_id) == 1


def test_the_manifest_and_worker_are_served_for_the_portal_scope(client, me):
    manifest = client.get("/supplier/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    assert manifest.json["scope"] == manifest.json["start_url"] == "/supplier/"
    for icon in manifest.json["icons"]:
        assert client.get(icon["src"]).mimetype == "image/png"
    worker = client.get("/supplier/sw.js")
    assert worker.status_code == 200
    assert worker.mimetype == "text/javascript"
    assert "no-cache" in worker.headers["Cache-Control"]


def test_logging_out_clears_the_portal_kept_in_the_browser(app, client, me):
    answer = client.post("/account/logout")
    assert '"storage"' in answer.headers["Clear-Site-Data"]
