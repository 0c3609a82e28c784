"""Users and their roles."""
from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, IdMixin, TimestampMixin, UTCDateTime, str_enum


class Role(enum.StrEnum):
    SHOPPER = "shopper"
    BENEFICIARY = "beneficiary"
    GROUP_MANAGER = "group_manager"
    MODERATOR = "moderator"
    ADMIN = "admin"
    OVERSIGHT = "oversight"


class User(UserMixin, IdMixin, TimestampMixin, Base):
    """An account; `session_version` is bumped to kill every live session of the user."""

    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[Role] = mapped_column(str_enum(Role), default=Role.SHOPPER)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    locale: Mapped[str | None] = mapped_column(String(5))
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        # The session version travels with the id so an old cookie stops working.
        return f"{self.id}:{self.session_version}"
