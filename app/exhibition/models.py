"""Exhibition halls, itinerant fairs and pickup points (groupements live with the suppliers)."""
from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, IdMixin, TimestampMixin, UTCDateTime, str_enum

if TYPE_CHECKING:
    from app.catalog.models import Product
    from app.media.models import Image
    from app.suppliers.models import Supplier


class Hall(IdMixin, TimestampMixin, Base):
    """A curated, themed collection of products."""

    __tablename__ = "halls"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(160))
    title_i18n: Mapped[dict] = mapped_column(JSON, default=dict)
    intro: Mapped[str] = mapped_column(Text, default="")
    intro_i18n: Mapped[dict] = mapped_column(JSON, default=dict)
    cover_id: Mapped[int | None] = mapped_column(ForeignKey("images.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    featured: Mapped[bool] = mapped_column(Boolean, default=False)

    cover: Mapped[Image | None] = relationship()
    entries: Mapped[list[HallProduct]] = relationship(
        order_by="HallProduct.position", cascade="all, delete-orphan"
    )


class HallProduct(IdMixin, Base):
    """A product's place in a hall's ordered selection."""

    __tablename__ = "hall_products"
    __table_args__ = (UniqueConstraint("hall_id", "product_id"),)

    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    product: Mapped[Product] = relationship()


class Fair(IdMixin, TimestampMixin, Base):
    """An itinerant fair: a city, a venue, dates, and the stands present."""

    __tablename__ = "fairs"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    name_i18n: Mapped[dict] = mapped_column(JSON, default=dict)
    city: Mapped[str] = mapped_column(String(80))
    venue: Mapped[str] = mapped_column(String(160), default="")
    venue_i18n: Mapped[dict] = mapped_column(JSON, default=dict)
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    ends_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    description_i18n: Mapped[dict] = mapped_column(JSON, default=dict)

    stands: Mapped[list[FairStand]] = relationship(cascade="all, delete-orphan")


class FairStand(IdMixin, Base):
    """A supplier's presence at a fair."""

    __tablename__ = "fair_stands"
    __table_args__ = (UniqueConstraint("fair_id", "supplier_id"),)

    fair_id: Mapped[int] = mapped_column(ForeignKey("fairs.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    stand_label: Mapped[str] = mapped_column(String(40), default="")
    # When she last opened fair mode at this fair (app.fairs.services.seen_in_fair_mode): the organisers'
    # "who is present today". A time, nothing else.
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    supplier: Mapped[Supplier] = relationship()
    fair: Mapped[Fair] = relationship(back_populates="stands")


class PickupKind(enum.StrEnum):
    SOLIDARITY_SPACE = "solidarity_space"
    PROXIMITY_SHOP = "proximity_shop"


class PickupPoint(IdMixin, Base):
    """Where a shopper can collect an order for free."""

    __tablename__ = "pickup_points"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    name_i18n: Mapped[dict] = mapped_column(JSON, default=dict)
    kind: Mapped[PickupKind] = mapped_column(str_enum(PickupKind))
    city: Mapped[str] = mapped_column(String(80), index=True)
    address: Mapped[str] = mapped_column(String(255))
    address_i18n: Mapped[dict] = mapped_column(JSON, default=dict)
    opening_hours: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
