"""The demo's photo pool: one picture per look, each run once through the real image pipeline.

Products draw their photos from the pool, so 100 000 products cost no more image processing
than 300. Pictures are painted in worker processes when there are many (painting is pure CPU
and needs no database); they then enter `app.media.services.add_image` one by one, exactly as
uploads do.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor

from app.demo import photos
from app.media import services as media

PARALLEL_FROM = 8  # fewer pictures than this are painted in-process: starting workers costs more


class PhotoPool:
    """Image ids of the demo pictures by look, painted and stored on first use."""

    def __init__(self, size: tuple[int, int], workers: int | None = None) -> None:
        self.size = size
        self.workers = workers if workers is not None else min(2, os.cpu_count() or 1)
        self._ids: dict[str, int] = {}

    def prepare(self, looks: Iterable[str], progress: Callable[[int], None] | None = None) -> None:
        """Store every look not known yet; workers paint the next pictures while one is processed."""
        missing = [look for look in dict.fromkeys(looks) if look not in self._ids]
        if not missing:
            return
        jobs = [(look, self.size) for look in missing]
        if self.workers < 2 or len(jobs) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
            self._store(missing, map(_paint_one, jobs), progress)
            return
        # fork: workers need nothing but this module, and spawn would re-import the caller's main
        # script. They never touch the database connections they inherit.
        with ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork")) as executor:
            self._store(missing, executor.map(_paint_one, jobs), progress)

    def adopt(self, look: str, image_id: int) -> None:
        """Take a look's picture as already stored by an earlier run, without painting it."""
        self._ids.setdefault(look, image_id)

    def known(self, look: str) -> bool:
        return look in self._ids

    def image_id(self, look: str) -> int:
        if look not in self._ids:
            self.prepare([look])
        return self._ids[look]

    def _store(self, looks: list[str], pictures: Iterable[bytes], progress: Callable[[int], None] | None) -> None:
        for look, data in zip(looks, pictures, strict=True):
            self._ids[look] = media.add_image(data, f"demo-{look}.jpg").id
            if progress:
                progress(1)


def _paint_one(job: tuple[str, tuple[int, int]]) -> bytes:
    look, size = job
    return photos.photo(look, size)
