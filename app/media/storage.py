"""Where photo files live: a folder (the default) or an S3-compatible bucket, behind one interface.

Two stores: `public_store()` holds the renditions (served from MEDIA_URL, or by /media) and
`private_store()` the originals (never served). Chosen by MEDIA_STORAGE=file|s3: folders
MEDIA_ROOT / PRIVATE_ROOT, or buckets S3_BUCKET / S3_PRIVATE_BUCKET (S3_ENDPOINT_URL, S3_REGION
and the standard AWS credential variables). Keys are relative paths named by content hash, so a
key's bytes never change: a write is whole or absent (rename on disk, one PUT in a bucket).

Failures become the two errors a visitor can read: `StorageFull` (507) when the disk or quota
is full, `StorageUnavailable` (503) when the store refuses writes or cannot be reached.
"""
from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from flask import current_app

from app.media.errors import StorageFull, StorageUnavailable

IMMUTABLE = "public, max-age=31536000, immutable"
CONTENT_TYPES = {".webp": "image/webp", ".jpg": "image/jpeg", ".avif": "image/avif", ".png": "image/png",
                 ".heic": "image/heic"}
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class Store(Protocol):
    def write(self, key: str, data: bytes) -> bool: ...  # whether the key is new
    def read(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...
    def names(self) -> Iterator[str]: ...
    def check(self) -> None: ...  # raises StorageUnavailable / StorageFull


def public_store() -> Store:
    return _store("public")


def private_store() -> Store:
    return _store("private")


def store_for(backend: str, which: str) -> Store:
    """A store of a given backend, whatever MEDIA_STORAGE says (`flask media-migrate` needs both)."""
    config = current_app.config
    if backend == "s3":
        bucket = config["S3_BUCKET"] if which == "public" else config["S3_PRIVATE_BUCKET"]
        if not bucket:
            raise RuntimeError(f"MEDIA_STORAGE=s3 needs {'S3_BUCKET' if which == 'public' else 'S3_PRIVATE_BUCKET'}")
        return S3Store(bucket, public=which == "public")
    if backend != "file":
        raise RuntimeError(f"MEDIA_STORAGE must be 'file' or 's3', not {backend!r}")
    return FileStore(config["MEDIA_ROOT"] if which == "public" else config["PRIVATE_ROOT"])


def check() -> str:
    """One word for /readyz and `flask doctor`: "ok" or what is wrong."""
    try:
        public_store().check()
        private_store().check()
    except (StorageUnavailable, StorageFull) as error:
        return f"error: {type(error).__name__} {error.data.get('detail', '')}".rstrip()
    except RuntimeError as error:
        return f"error: {error}"
    return "ok"


def content_type(key: str) -> str:
    return CONTENT_TYPES.get(Path(key).suffix.lower(), "application/octet-stream")


def _store(which: str) -> Store:
    """One store object per app and kind (a boto3 client is reused, it is thread-safe)."""
    cache = current_app.extensions.setdefault("media_stores", {})
    config = current_app.config
    backend = config["MEDIA_STORAGE"]
    # Every setting a store is built from: a changed setting (tests do that) builds a new one.
    key = (backend, which, config["MEDIA_ROOT"], config["PRIVATE_ROOT"], config.get("S3_BUCKET"),
           config.get("S3_PRIVATE_BUCKET"), config.get("S3_ENDPOINT_URL"))
    if key not in cache:
        cache[key] = store_for(backend, which)
    return cache[key]


# -- a folder ------------------------------------------------------------------------------

class FileStore:
    """Files under a root folder, written to a temporary file beside the target then renamed."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        """`root/key`, refusing anything that would land outside `root`."""
        base = self.root.resolve()
        target = (base / key).resolve()
        if not target.is_relative_to(base) or target == base:
            raise ValueError(f"path escapes its root: {key!r}")
        return target

    def write(self, key: str, data: bytes) -> bool:
        target = self.path(key)
        created = not target.exists()
        temp = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o644)
            os.replace(temp, target)
        except OSError as error:
            if temp:
                Path(temp).unlink(missing_ok=True)
            raise _storage_error(error) from error
        return created

    def read(self, key: str) -> bytes:
        return self.path(key).read_bytes()

    def delete(self, key: str) -> None:
        """Remove a file if it is there; empty shard folders are left (harmless, reused)."""
        try:
            self.path(key).unlink(missing_ok=True)
        except OSError as error:
            raise _storage_error(error) from error

    def names(self) -> Iterator[str]:
        base = self.root.resolve()
        for path in sorted(base.rglob("*")) if base.exists() else ():
            if path.is_file() and not path.name.startswith(".tmp-"):
                yield path.relative_to(base).as_posix()

    def check(self) -> None:
        """Can we write here now? (creates the root the first time, like the first upload would)."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.root, prefix=".tmp-check-")
            os.close(fd)
            os.unlink(temp)
        except OSError as error:
            raise _storage_error(error) from error

    def contains(self, other: FileStore) -> bool:
        return other.root.resolve().is_relative_to(self.root.resolve())


def _storage_error(error: OSError) -> StorageFull | StorageUnavailable:
    return StorageFull() if error.errno in _FULL else StorageUnavailable(detail=os.strerror(error.errno or 0))


# -- an S3-compatible bucket -----------------------------------------------------------------

class S3Store:
    """Objects in a bucket; renditions are PUT with a year of immutable caching (names change with content)."""

    def __init__(self, bucket: str, *, public: bool) -> None:
        self.bucket = bucket
        self.public = public
        self.client = _s3_client()

    def write(self, key: str, data: bytes) -> bool:
        created = not self._exists(key)
        extra = {"CacheControl": IMMUTABLE} if self.public else {}
        self._call(self.client.put_object, Bucket=self.bucket, Key=key, Body=data, ContentType=content_type(key),
                   **extra)
        return created

    def read(self, key: str) -> bytes:
        from botocore.exceptions import ClientError

        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                raise FileNotFoundError(key) from error
            raise _s3_error(error) from error
        except Exception as error:  # noqa: BLE001  (endpoint down, timeout: the bucket is unreachable)
            raise _s3_error(error) from error

    def delete(self, key: str) -> None:
        self._call(self.client.delete_object, Bucket=self.bucket, Key=key)

    def names(self) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        for page in pages:
            for item in page.get("Contents", []):
                yield item["Key"]

    def check(self) -> None:
        self._call(self.client.head_bucket, Bucket=self.bucket)

    def _exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise _s3_error(error) from error
        except Exception as error:  # noqa: BLE001
            raise _s3_error(error) from error
        return True

    def _call(self, method, **kwargs):
        try:
            return method(**kwargs)
        except Exception as error:  # noqa: BLE001  (any botocore failure: the bucket refused or is unreachable)
            raise _s3_error(error) from error


def _s3_client():
    import boto3
    from botocore.config import Config as BotoConfig

    config = current_app.config
    return boto3.client(
        "s3", endpoint_url=config.get("S3_ENDPOINT_URL") or None, region_name=config.get("S3_REGION") or None,
        config=BotoConfig(connect_timeout=3, read_timeout=10, retries={"max_attempts": 2},
                          s3={"addressing_style": "path"} if config.get("S3_ENDPOINT_URL") else None),
    )


def _s3_error(error: Exception) -> StorageFull | StorageUnavailable:
    code = getattr(error, "response", {}).get("Error", {}).get("Code", "") if hasattr(error, "response") else ""
    if code in ("QuotaExceeded", "XMinioStorageFull", "EntityTooLarge"):
        return StorageFull()
    return StorageUnavailable(detail=code or type(error).__name__)
