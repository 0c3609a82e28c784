"""The demo's photo pool: a few pictures per craft, each run once through the real image pipeline.

Products draw their photos from the pool, so 100 000 products cost no more image processing
than 300. Pictures are painted in worker processes when there are many (painting is pure CPU
and needs no database); they then enter `app.media.services.add_image` one by one, exactly as
uploads do. A picture already stored (same bytes, same hash) is found, not processed again.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor

from app.demo import photos
from app.media import services as media

log = logging.getLogger(__name__)

Key = tuple[str, int]  # (photo kind, variant)
PARALLEL_FROM = 8  # fewer pictures than this are painted in-process: starting workers costs more


class PhotoPool:
    """Image ids of the demo pictures, painted and stored on first use."""

    def __init__(self, size: tuple[int, int], variants: int, workers: int | None = None) -> None:
        self.size = size
        self.variants = variants
        self.sizes = {kind: photos.pool_size(kind, variants) for kind in photos.KINDS}
        self.workers = workers if workers is not None else min(2, os.cpu_count() or 1)
        self._ids: dict[Key, int] = {}

    def prepare(self, kinds: Iterable[str], progress: Callable[[int], None] | None = None) -> None:
        """Store every variant of `kinds` now; workers paint the next pictures while this one is processed."""
        keys = [(kind, v) for kind in kinds for v in range(self.sizes[kind]) if (kind, v) not in self._ids]
        if not keys:
            return
        jobs = [(kind, variant, self.size) for kind, variant in keys]
        if self.workers < 2 or len(jobs) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
            self._store(keys, map(_paint_one, jobs), progress)
            return
        # fork: workers need nothing but this module, and spawn would re-import the caller's main
        # script. They never touch the database connections they inherit, and leave with os._exit.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(self.workers, mp_context=context) as executor:
            self._store(keys, executor.map(_paint_one, jobs), progress)

    def adopt(self, kind: str, image_ids: list[int]) -> None:
        """Take a kind's pictures as already stored (their ids in variant order), without painting them."""
        for variant, image_id in enumerate(image_ids[: self.sizes[kind]]):
            self._ids[(kind, variant)] = image_id

    def missing(self, kinds: Iterable[str]) -> list[str]:
        return [k for k in kinds if any((k, v) not in self._ids for v in range(self.sizes[k]))]

    def image_id(self, kind: str, variant: int) -> int:
        key = (kind, variant % self.sizes[kind])
        if key not in self._ids:
            self.prepare([kind])
        return self._ids[key]

    def _store(self, keys: list[Key], pictures: Iterable[bytes], progress: Callable[[int], None] | None) -> None:
        for key, data in zip(keys, pictures, strict=True):
            self._ids[key] = media.add_image(data, f"demo-{key[0]}-{key[1]}.jpg").id
            if progress:
                progress(1)


def _paint_one(job: tuple[str, int, tuple[int, int]]) -> bytes:
    kind, variant, size = job
    return photos.photo(kind, variant, size)
