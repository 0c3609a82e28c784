"""Photos in S3-compatible buckets: moto's server mode stands in for the bucket (a real HTTP endpoint
started by this test on 127.0.0.1, reached by boto3 as any bucket would be)."""
from __future__ import annotations

import uuid
from pathlib import Path

import boto3
import pytest

from app.extensions import db
from app.media import services, storage
from app.media.models import ImageState
from tests.bucket import CREDENTIALS, make_buckets, moto_server
from tests.factories import photo_bytes


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as url:
        yield url


@pytest.fixture
def buckets(app_ctx, endpoint, monkeypatch):
    """Fresh public and private buckets; the app stores photos there for this test."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    public, private = f"media-{uuid.uuid4().hex[:8]}", f"originals-{uuid.uuid4().hex[:8]}"
    make_buckets(endpoint, public, private)
    saved = {k: app_ctx.config.get(k) for k in ("MEDIA_STORAGE", "S3_BUCKET", "S3_PRIVATE_BUCKET", "S3_ENDPOINT_URL",
                                               "S3_REGION", "MEDIA_URL")}
    app_ctx.config.update(MEDIA_STORAGE="s3", S3_BUCKET=public, S3_PRIVATE_BUCKET=private, S3_ENDPOINT_URL=endpoint,
                          S3_REGION="us-east-1", MEDIA_URL="")
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    yield client, public, private
    app_ctx.config.update(saved)


def names(client, bucket: str) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])}


def test_an_upload_puts_renditions_in_the_public_bucket_and_the_original_in_the_private_one(app_ctx, buckets):
    client, public, private = buckets
    image = services.add_image(photo_bytes(1200, 900, seed=41))
    db.session.commit()

    assert image.state == ImageState.READY
    assert names(client, private) == {image.original_path}
    assert names(client, public) == {r["path"] for r in image.renditions}
    assert image.original_path not in names(client, public)
    head = client.head_object(Bucket=public, Key=image.renditions[0]["path"])
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    assert head["ContentType"] in ("image/webp", "image/jpeg", "image/avif")


def test_renditions_are_served_from_the_bucket_by_the_app_or_linked_at_media_url(app_ctx, buckets):
    image = services.add_image(photo_bytes(800, 600, seed=42))
    db.session.commit()
    path = image.renditions[0]["path"]

    response = app_ctx.test_client().get(f"/media/{path}")
    assert response.status_code == 200 and response.data[:4] in (b"RIFF", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb",
                                                                     b"\x00\x00\x00\x1c", b"\x00\x00\x00 ")
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert app_ctx.test_client().get("/media/ab/nothing-here-320.webp").status_code == 404

    app_ctx.config["MEDIA_URL"] = "https://cdn.example.ma/media"
    with app_ctx.test_request_context("/"):
        from app.web.media import media_url

        assert media_url(path) == f"https://cdn.example.ma/media/{path}"


def test_a_rolled_back_upload_leaves_no_object(app_ctx, buckets):
    client, public, private = buckets
    services.add_image(photo_bytes(700, 500, seed=43))
    db.session.rollback()
    services.finish_uploads()  # what the edge does after its rollback

    assert names(client, public) == set() and names(client, private) == set()


def test_an_unreachable_bucket_refuses_the_upload_with_503(app_ctx, buckets):
    from app.media.errors import StorageUnavailable

    app_ctx.config["S3_ENDPOINT_URL"] = "http://127.0.0.1:9"  # nothing listens there
    with pytest.raises(StorageUnavailable):
        services.add_image(photo_bytes(700, 500, seed=44))
    assert storage.check().startswith("error")


def test_media_migrate_copies_files_to_the_buckets_once(app_ctx, buckets):
    client, public, private = buckets
    app_ctx.config["MEDIA_STORAGE"] = "file"
    image = services.add_image(photo_bytes(900, 600, seed=45))
    db.session.commit()
    local = {p.relative_to(app_ctx.config["MEDIA_ROOT"]).as_posix()
             for p in Path(app_ctx.config["MEDIA_ROOT"]).rglob("*") if p.is_file()}

    first = app_ctx.test_cli_runner().invoke(args=["media-migrate", "--from", "file", "--to", "s3"])
    again = app_ctx.test_cli_runner().invoke(args=["media-migrate", "--from", "file", "--to", "s3"])

    assert first.exit_code == 0, first.output
    assert names(client, public) == local and image.original_path in names(client, private)
    assert "0 file(s) copied" in again.output
    app_ctx.config["MEDIA_STORAGE"] = "s3"
    assert app_ctx.test_client().get(f"/media/{image.renditions[0]['path']}").status_code == 200
