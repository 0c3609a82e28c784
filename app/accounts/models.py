"""Users and their roles."""
from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, IdMixin, TimestampMixin, UTCDateTime, str_enum, utcnow


class Role(enum.StrEnum):
    SHOPPER = "shopper"
    BENEFICIARY = "beneficiary"
    GROUP_MANAGER = "group_manager"
    MODERATOR = "moderator"
    ADMIN = "admin"
    OVERSIGHT = "oversight"
    ORGANISER = "organiser"


class User(UserMixin, IdMixin, TimestampMixin, Base):
    """An account; `session_version` is bumped to kill every live session of the user."""

    __tablename__ = "users"

    # Either may be missing: many beneficiaries have a phone and no e-mail address (and no password).
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(16), unique=True)  # E.164, +2126/+2127...
    password_hash: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[Role] = mapped_column(str_enum(Role), default=Role.SHOPPER)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    locale: Mapped[str | None] = mapped_column(String(5))
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Staff's second factor (app/accounts/second_factor.py): the TOTP secret once enrolled, and the last
    # time step accepted, so a code seen over a shoulder cannot be used a second time.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(Integer)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def contact(self) -> str:
        """How staff recognise the account in lists: its e-mail address, else its phone number."""
        return self.email or self.phone or ""

    def get_id(self) -> str:
        # The session version travels with the id so an old cookie stops working.
        return f"{self.id}:{self.session_version}"


class CodePurpose(enum.StrEnum):
    LOGIN = "login"  # log in, or open an account, with a phone number
    CHANGE_PHONE = "change_phone"  # prove the new number before it replaces the old one
    CONSENT = "consent"  # a beneficiary agrees that a field agent prepares their stand
    CASH_ORDER = "cash_order"  # a first cash-on-delivery order from this number (app/orders/services.py)


class PhoneCode(IdMixin, Base):
    """A one-time code sent by SMS: stored as a keyed hash, short-lived, a few attempts only."""

    __tablename__ = "phone_codes"

    phone: Mapped[str] = mapped_column(String(16), index=True)
    purpose: Mapped[CodePurpose] = mapped_column(str_enum(CodePurpose))
    # The account the code acts for (a number change, an agent's consent request); None for a login.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RecoveryCode(IdMixin, Base):
    """A single-use code that replaces the authenticator app once; only its hash is kept."""

    __tablename__ = "recovery_codes"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
