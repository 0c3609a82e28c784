"""Categories, products and their translations, and the names of cities and crafts in each language."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, IdMixin, TimestampMixin, UTCDateTime, str_enum
from app.media.models import Image

if TYPE_CHECKING:
    from app.suppliers.models import Supplier


class Category(IdMixin, Base):
    """A craft category (argan and terroir, pottery, carpets ...)."""

    __tablename__ = "categories"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_i18n: Mapped[dict] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ListingStatus(enum.StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    PUBLISHED = "published"
    REJECTED = "rejected"
    CHANGES_REQUESTED = "changes_requested"
    ARCHIVED = "archived"

    @property
    def submittable(self) -> bool:
        """A listing the supplier may send (again) to the moderators."""
        return self in (ListingStatus.DRAFT, ListingStatus.REJECTED, ListingStatus.CHANGES_REQUESTED)

    @property
    def needs_reason(self) -> bool:
        """A moderator's refusal: the supplier must be told why, so the move needs a reason."""
        return self in (ListingStatus.REJECTED, ListingStatus.CHANGES_REQUESTED)


class Product(IdMixin, TimestampMixin, Base):
    """A listing; price in integer centimes of MAD, stock never below zero."""

    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint("price_centimes > 0", name="price_positive"),
        # The newest products, in the catalogue's order (the id breaks ties), read from the index alone.
        Index("ix_products_status_published_at", "status", "published_at", "id"),
        Index("ix_products_status_price", "status", "price_centimes"),
        # A category's newest products (catalogue filter, related products) without sorting the category.
        Index("ix_products_category_status_published_at", "category_id", "status", "published_at", "id"),
    )

    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    slug: Mapped[str] = mapped_column(String(160))
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")  # sanitised HTML subset
    price_centimes: Mapped[int] = mapped_column(Integer)
    stock: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[ListingStatus] = mapped_column(str_enum(ListingStatus), default=ListingStatus.DRAFT)
    moderation_reason: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    supplier: Mapped[Supplier] = relationship()
    category: Mapped[Category] = relationship()
    images: Mapped[list[ProductImage]] = relationship(
        order_by="ProductImage.position", cascade="all, delete-orphan"
    )
    translations: Mapped[list[ProductTranslation]] = relationship(cascade="all, delete-orphan")

    @property
    def title_i18n(self) -> dict[str, str]:
        """The title in each language it was translated into (what `app.i18n.localized` reads)."""
        return {t.locale: t.title for t in self.translations}


class ProductTranslation(IdMixin, Base):
    """Title and description of a product in another language."""

    __tablename__ = "product_translations"
    __table_args__ = (UniqueConstraint("product_id", "locale"),)

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(5))
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")


class ProductImage(IdMixin, Base):
    """A stored photo in a product's gallery (app.catalog.gallery); position 0 is the cover."""

    __tablename__ = "product_images"
    __table_args__ = (
        UniqueConstraint("product_id", "image_id"),
        UniqueConstraint("product_id", "upload_key", name="uq_product_images_upload_key"),
        # A gallery in order, and a card's cover (position 0) found without reading the other photos.
        Index("ix_product_images_product_id", "product_id", "position"),
    )

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    image_id: Mapped[int] = mapped_column(ForeignKey("images.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The key the portal's offline queue gave this upload: a retry after a lost answer finds the photo
    # instead of adding it twice (and the phone need not send the bytes again to learn it arrived).
    upload_key: Mapped[str | None] = mapped_column(String(64))
    # Set while the supplier keeps an automatic correction: the photo as taken, to undo it.
    uncorrected_image_id: Mapped[int | None] = mapped_column(ForeignKey("images.id"))

    image: Mapped[Image] = relationship(lazy="joined", foreign_keys=[image_id])


class GlossaryEntry(IdMixin, Base):
    """One thing this shop sells or makes, with every way shoppers write it (French, Arabic,
    English, Moroccan Latin spellings): a search for one spelling finds products written in another."""

    __tablename__ = "glossary_entries"

    name: Mapped[str] = mapped_column(String(80), unique=True)
    spellings: Mapped[str] = mapped_column(Text, default="")  # one per line; several words make a phrase


class NameKind(enum.StrEnum):
    CITY = "city"
    REGION = "region"
    CRAFT = "craft"


class ReferenceName(IdMixin, Base):
    """A city, region or craft as stands write it (in French), with its name in the other languages.

    Stands keep free text (a new craft needs no staff step); shoppers read the translation where
    staff gave one, the original otherwise.
    """

    __tablename__ = "reference_names"
    __table_args__ = (UniqueConstraint("kind", "name"),)

    kind: Mapped[NameKind] = mapped_column(str_enum(NameKind))
    name: Mapped[str] = mapped_column(String(120))
    name_i18n: Mapped[dict] = mapped_column(JSON, default=dict)
