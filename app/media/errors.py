"""What the media domain refuses, with the message a beneficiary reads."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.errors import DomainError, Invalid, NotFound


class InvalidImage(DomainError):
    """The upload is not a JPEG, PNG, WebP or HEIC photo we can decode."""

    status = 415

    def __init__(self, message: str = "", **data: object) -> None:
        super().__init__(message or _l("This file is not a photo we can accept (JPEG, PNG, WebP or HEIC)."), **data)


class ImageTooLarge(DomainError):
    """Too many bytes, or too many pixels (a decompression bomb looks like this)."""

    status = 413

    def __init__(self, message: str = "", **data: object) -> None:
        super().__init__(message or _l("This photo is too large. Please send a smaller one."), **data)


class TooManyPhotos(Invalid):
    """A product's gallery is full."""

    def __init__(self, limit: int = 8) -> None:
        super().__init__(_l("At most %(n)s photos per product.", n=limit), limit=limit)


class PhotoNotFound(NotFound):
    """No such photo in this product's gallery (or the product is not the caller's)."""

    def __init__(self) -> None:
        super().__init__(_l("This photo was not found."))


class StorageFull(DomainError):
    """The disk or the bucket's quota is full: nothing was kept."""

    status = 507

    def __init__(self, message: str = "", **data: object) -> None:
        super().__init__(message or _l("There is no room left to store photos right now. "
                                       "Nothing was saved; please try again later."), **data)


class StorageUnavailable(DomainError):
    """The media storage refuses writes (read-only) or cannot be reached."""

    status = 503

    def __init__(self, message: str = "", **data: object) -> None:
        super().__init__(message or _l("Photos cannot be stored right now. Nothing was saved; "
                                       "please try again in a few minutes."), **data)
