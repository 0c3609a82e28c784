"""A beneficiary's supplier profile (the stand shown to shoppers), and the groupements suppliers join."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ColumnElement, ForeignKey, Integer, String, Text, func
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, IdMixin, TimestampMixin, UTCDateTime, str_enum

if TYPE_CHECKING:
    from app.accounts.models import User
    from app.media.models import Image


class VerificationState(enum.StrEnum):
    UNVERIFIED = "unverified"
    PENDING = "pending"
    VERIFIED = "verified"
    FLAGGED = "flagged"  # a re-import made the record ineligible: staff must look
    SUSPENDED = "suspended"  # listings hidden

    @property
    def under_review(self) -> bool:
        """Verified once, now being checked again by staff: no new listings until it is cleared."""
        return self in (VerificationState.FLAGGED, VerificationState.SUSPENDED)


class Supplier(IdMixin, TimestampMixin, Base):
    """Stand of one beneficiary; public only once verified."""

    __tablename__ = "suppliers"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    trade_name: Mapped[str] = mapped_column(String(120), default="")
    craft: Mapped[str] = mapped_column(String(120), default="")
    city: Mapped[str] = mapped_column(String(80), default="", index=True)
    region: Mapped[str] = mapped_column(String(80), default="")
    story: Mapped[str] = mapped_column(Text, default="")
    # {"ar": "...", "en": "..."}: the story told again in other languages.
    story_i18n: Mapped[dict] = mapped_column(JSON, default=dict)
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("images.id"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"), index=True)
    verification_state: Mapped[VerificationState] = mapped_column(
        str_enum(VerificationState), default=VerificationState.UNVERIFIED, index=True
    )
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    microcredit_record_id: Mapped[int | None] = mapped_column(ForeignKey("microcredit_records.id"))
    flag_reason: Mapped[str] = mapped_column(String(255), default="")

    user: Mapped[User] = relationship()
    group: Mapped[Group | None] = relationship(back_populates="members")
    photo: Mapped[Image | None] = relationship()

    @hybrid_property
    def name(self) -> str:
        """The stand's trade name, else the beneficiary's name: the same rule in Python and in SQL."""
        return self.trade_name or self.display_name

    @name.inplace.expression
    @classmethod
    def _name_expression(cls) -> ColumnElement[str]:
        return func.coalesce(func.nullif(cls.trade_name, ""), cls.display_name)

    @property
    def is_public(self) -> bool:
        return self.verification_state in (VerificationState.VERIFIED, VerificationState.FLAGGED)


class Group(IdMixin, TimestampMixin, Base):
    """A groupement solidaire de commerce; its commission is capped by the platform."""

    __tablename__ = "groups"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    city: Mapped[str] = mapped_column(String(80), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    description_i18n: Mapped[dict] = mapped_column(JSON, default=dict)
    commission_bp: Mapped[int] = mapped_column(Integer, default=0)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    members: Mapped[list[Supplier]] = relationship(back_populates="group")
    funders: Mapped[list[GroupFunder]] = relationship(cascade="all, delete-orphan")


class GroupFunder(IdMixin, Base):
    """A funder or commerce professional sitting at a group's table."""

    __tablename__ = "group_funders"

    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(40), default="funder")  # funder | professional
