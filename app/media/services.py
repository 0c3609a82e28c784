"""Photos: accepting uploads and rendering them (now or in a background job).

Services flush, never commit. Rendition files are named by the hash of the original, so two
uploads of the same photo share every file and a retry simply rewrites identical bytes.
The files of an upload whose row was not committed are deleted by `finish_uploads`, which the
edge calls after its commit or rollback (app/web/unit_of_work.py, and the teardown of every
app context). Which products show a photo is app.catalog.gallery's business.
"""
from __future__ import annotations

import logging
from typing import BinaryIO

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import jobs
from app.extensions import db
from app.media import images, storage
from app.media.errors import (
    ImageTooLarge,
    InvalidImage,
    StorageFull,
    StorageUnavailable,
)
from app.media.jobs import schedule_rendering
from app.media.models import Image, ImageState

log = logging.getLogger(__name__)

_NEW_FILES = "media.new_files"


# -- accepting a photo -------------------------------------------------------------------

def read_upload(stream: BinaryIO) -> bytes:
    """Read an uploaded file, refusing it (413) as soon as it passes IMAGE_MAX_BYTES."""
    try:
        return images.read_limited(stream, current_app.config["IMAGE_MAX_BYTES"])
    except images.TooLarge as error:
        raise ImageTooLarge() from error


def add_image(data: bytes | BinaryIO, filename: str = "") -> Image:
    """Verify, store and render a photo; the same bytes twice give back the same Image.

    `data` is the file's bytes or a stream (read up to IMAGE_MAX_BYTES, never further).
    `filename` is ignored on purpose: every stored name comes from the content hash. When a queue
    is reachable (REDIS_URL set and Redis answering) the renditions are made by a background job
    after the commit and the Image stays `processing` until then; otherwise they are made here.
    """
    if not isinstance(data, bytes):
        data = read_upload(data)
    if len(data) > current_app.config["IMAGE_MAX_BYTES"]:
        raise ImageTooLarge()
    digest = images.content_hash(data)
    existing = image_by_hash(digest)
    if existing is not None:
        return _retried(existing, data) if existing.state == ImageState.FAILED else existing
    _check_roots()
    if jobs.queue_reachable():
        return _add_for_background(data, digest)
    processed = _rejecting(lambda: images.process(data, max_pixels=current_app.config["IMAGE_MAX_PIXELS"]))
    header = processed.header
    image = Image(content_hash=digest)
    _apply(image, processed, new_upload=True)
    image.original_path = _store_original(digest, header, data)
    log.info("image %s stored (%s, %sx%s)", digest[:12], header.format, image.width, image.height)
    return _insert(image)


def _retried(image: Image, data: bytes) -> Image:
    """The same photo sent again after its rendering failed: store the original again and retry."""
    header = _rejecting(lambda: images.inspect(data, max_pixels=current_app.config["IMAGE_MAX_PIXELS"]))
    image.original_path = _store_original(image.content_hash, header, data)
    if jobs.queue_reachable():
        image.state = ImageState.PROCESSING
        db.session.flush()
        schedule_rendering(image.id)
        return image
    return render_stored(image)


def image_by_hash(digest: str) -> Image | None:
    return db.session.scalar(select(Image).where(Image.content_hash == digest))


def render_stored(image: Image) -> Image:
    """(Re)make every rendition of a stored Image from its private original; failures are recorded."""
    try:
        data = storage.private_store().read(image.original_path)
        processed = images.process(data, max_pixels=current_app.config["IMAGE_MAX_PIXELS"])
    except (OSError, ValueError, images.ImageRejected, StorageUnavailable) as error:
        log.warning("image %s failed to render: %s", image.id, error)
        image.state = ImageState.FAILED
        db.session.flush()
        return image
    stale = {r["path"] for r in image.renditions or []}
    _apply(image, processed)
    for path in stale - {r["path"] for r in image.renditions}:
        storage.public_store().delete(path)
    db.session.flush()
    return image


def _add_for_background(data: bytes, digest: str) -> Image:
    header = _rejecting(lambda: images.inspect(data, max_pixels=current_app.config["IMAGE_MAX_PIXELS"]))
    image = Image(content_hash=digest, state=ImageState.PROCESSING, width=header.width, height=header.height)
    image.original_path = _store_original(digest, header, data)
    stored = _insert(image)
    if stored is image:
        schedule_rendering(image.id)
        log.info("image %s queued for rendering (%s)", digest[:12], header.format)
    return stored


def _rejecting(step):
    """Run a pipeline step, turning its refusals into the errors a visitor reads."""
    try:
        return step()
    except images.TooLarge as error:
        log.info("image refused as too large: %s", error)
        raise ImageTooLarge() from error
    except images.ImageRejected as error:
        log.info("image refused: %s", error)
        raise InvalidImage() from error


def _apply(image: Image, processed: images.Processed, *, new_upload: bool = False) -> None:
    """Write the renditions (each atomically) and describe them on the Image."""
    described = []
    for rendition in processed.renditions:
        path = rendition.name(image.content_hash)
        _write("public", path, rendition.data, new_upload, image.content_hash)
        described.append({"width": rendition.width, "height": rendition.height, "format": rendition.format,
                          "path": path, "bytes": len(rendition.data), "kind": rendition.kind})
    image.width, image.height = processed.width, processed.height
    image.placeholder = processed.placeholder
    image.measures = processed.measures
    image.renditions = described
    image.state = ImageState.READY


def corrected_image(image: Image) -> Image:
    """A new Image: this one's private original with its levels and white balance corrected
    (images.corrected), through the pipeline like any upload; the original is left as it is."""
    data = storage.private_store().read(image.original_path)
    return add_image(_rejecting(lambda: images.corrected(data, max_pixels=current_app.config["IMAGE_MAX_PIXELS"])))


def _store_original(digest: str, header: images.Header, data: bytes) -> str:
    path = f"originals/{digest[:2]}/{digest[2:4]}/{digest}.{header.extension}"
    _write("private", path, data, True, digest)
    return path


def _write(which: str, path: str, data: bytes, new_upload: bool, digest: str) -> None:
    """Write a file ("public" rendition or "private" original); a new upload's files are listed for
    `finish_uploads`, which deletes them unless the Image row was committed (a later step of the
    request refused it, or the storage failed half-way: nothing stays behind)."""
    store = storage.public_store() if which == "public" else storage.private_store()
    if store.write(path, data) and new_upload:
        db.session.info.setdefault(_NEW_FILES, []).append((which, path, digest))


def _insert(image: Image) -> Image:
    """Add the row; if a concurrent upload of the same photo won the race, return theirs.

    Not in a savepoint on SQLite: there pysqlite opens no transaction before a SAVEPOINT that
    follows only reads, so releasing it would commit the row even if the request then rolls back.
    SQLite serialises writers anyway, so the race this guards against needs PostgreSQL.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.add(image)
        db.session.flush()
        return image
    try:
        with db.session.begin_nested():
            db.session.add(image)
    except IntegrityError:
        existing = image_by_hash(image.content_hash)
        if existing is None:
            raise
        return existing
    return image


def _check_roots() -> None:
    public, private = storage.public_store(), storage.private_store()
    if isinstance(public, storage.FileStore) and isinstance(private, storage.FileStore) and (
            public.contains(private) or private.contains(public)):
        raise RuntimeError("PRIVATE_ROOT and MEDIA_ROOT must not contain each other: originals would be served")


# -- files of an uncommitted upload ---------------------------------------------------------

def uploads_pending() -> bool:
    """Whether this session wrote files of new uploads that `finish_uploads` has not settled yet."""
    return bool(db.session.info.get(_NEW_FILES))


def finish_uploads() -> None:
    """Delete the files of new uploads whose Image row is not stored; the edge calls it after its
    commit or rollback, so a refused request leaves nothing behind.

    Judging by the stored rows (not by which way the transaction ended) keeps a photo that was
    committed, whoever calls the step and however often. Only files this session created are
    listed; a photo stored earlier keeps its files.
    """
    files = db.session.info.pop(_NEW_FILES, [])
    digests = {digest for _which, _path, digest in files}
    if not digests:
        return
    stored = set(db.session.scalars(select(Image.content_hash).where(Image.content_hash.in_(digests))))
    for which, path, digest in files:
        if digest in stored:
            continue
        store = storage.public_store() if which == "public" else storage.private_store()
        try:
            store.delete(path)
        except (StorageUnavailable, StorageFull):
            log.warning("could not remove %s file %s of an upload that was not kept", which, path)
