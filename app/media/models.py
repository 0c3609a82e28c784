"""Processed images: one row per distinct photo (by content hash), shared by whoever uses it."""
from __future__ import annotations

import enum

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, IdMixin, TimestampMixin, str_enum


class ImageState(enum.StrEnum):
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


class Image(IdMixin, TimestampMixin, Base):
    """A decoded, re-encoded photo; renditions are files under MEDIA_ROOT named by hash."""

    __tablename__ = "images"

    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    state: Mapped[ImageState] = mapped_column(str_enum(ImageState), default=ImageState.PROCESSING)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    # Dominant colour "#rrggbb" shown while the rendition loads.
    placeholder: Mapped[str] = mapped_column(String(16), default="")
    # [{"width": 320, "height": 240, "format": "avif", "webp" or "jpeg", "path": "ab/cd/....webp", "bytes": 1234,
    #   "kind": "w" (responsive width) or "thumb" (square)}, ...]
    renditions: Mapped[list] = mapped_column(JSON, default=list)
    original_path: Mapped[str] = mapped_column(String(255), default="")
    # Exposure, sharpness and framing as measured by the pipeline (app/media/advice.py judges them).
    measures: Mapped[dict] = mapped_column(JSON, default=dict)

    @property
    def is_ready(self) -> bool:
        return self.state == ImageState.READY and bool(self.renditions)

    def widths(self, fmt: str) -> list[dict]:
        """The responsive renditions in one format, narrowest first (what a srcset lists)."""
        chosen = [r for r in self.renditions or [] if r.get("kind", "w") == "w" and r["format"] == fmt]
        return sorted(chosen, key=lambda r: r["width"])

    def fallback(self, fmt: str = "jpeg", near: int = 640) -> dict | None:
        """The rendition a browser without srcset gets: the narrowest at least `near` wide."""
        chosen = self.widths(fmt)
        return next((r for r in chosen if r["width"] >= near), chosen[-1] if chosen else None)

    def thumb(self, fmt: str = "jpeg") -> dict | None:
        return next((r for r in self.renditions or [] if r.get("kind") == "thumb" and r["format"] == fmt), None)

    def sources(self, fmt: str, square: bool = False) -> list[dict]:
        """What a <source> lists in one format: the square thumbnail, or every width; empty when
        the photo has no rendition in that format (rendered before the format was added)."""
        thumb = self.thumb(fmt) if square else None
        return [thumb] if thumb else self.widths(fmt)

