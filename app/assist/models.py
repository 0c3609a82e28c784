"""Assisted onboarding: a field agent acting for a present beneficiary who consented by SMS code."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.db import Base, IdMixin, UTCDateTime, utcnow


class Assistance(IdMixin, Base):
    """One sitting: agent X works for beneficiary Y from the consent until it ends (or Y takes over)."""

    __tablename__ = "assistances"

    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    beneficiary_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    agent: Mapped[User] = relationship(foreign_keys=[agent_id])
    beneficiary: Mapped[User] = relationship(foreign_keys=[beneficiary_id])
