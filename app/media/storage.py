"""Files on disk: written whole or not at all, only ever under the root they belong to."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def safe_path(root: str | os.PathLike, relative: str) -> Path:
    """`root/relative`, refusing anything that would land outside `root`."""
    base = Path(root).resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or target == base:
        raise ValueError(f"path escapes its root: {relative!r}")
    return target


def write_atomic(root: str | os.PathLike, relative: str, data: bytes) -> bool:
    """Write to a temporary file beside the target, then rename: a crash never leaves half a file.

    Returns whether the file is new (it did not exist before this write).
    """
    target = safe_path(root, relative)
    created = not target.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return created


def read(root: str | os.PathLike, relative: str) -> bytes:
    return safe_path(root, relative).read_bytes()


def delete(root: str | os.PathLike, relative: str) -> None:
    """Remove a file if it is there; empty shard folders are left (harmless, reused)."""
    safe_path(root, relative).unlink(missing_ok=True)


def is_inside(inner: str | os.PathLike, outer: str | os.PathLike) -> bool:
    return Path(inner).resolve().is_relative_to(Path(outer).resolve())
