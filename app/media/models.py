"""Processed images: one row per distinct photo (by content hash), shared by whoever uses it."""
from __future__ import annotations

import enum

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    # [{"width": 320, "height": 240, "format": "webp", "path": "ab/cd/....webp", "bytes": 1234}, ...]
    renditions: Mapped[list] = mapped_column(JSON, default=list)
    original_path: Mapped[str] = mapped_column(String(255), default="")


class ProductImage(IdMixin, Base):
    """A photo in a product's gallery; position 0 is the cover."""

    __tablename__ = "product_images"
    __table_args__ = (UniqueConstraint("product_id", "image_id"),)

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    image_id: Mapped[int] = mapped_column(ForeignKey("images.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)

    image: Mapped[Image] = relationship(lazy="joined")
