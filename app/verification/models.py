"""Microcredit records supplied by institutions, and beneficiaries' verification requests.

National ID numbers and loan references only ever appear here as keyed hashes (see verification.cin).
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, IdMixin, TimestampMixin, UTCDateTime, str_enum, utcnow


class LoanStatus(enum.StrEnum):
    ACTIVE = "active"
    REPAID = "repaid"
    WRITTEN_OFF = "written_off"


ELIGIBLE_LOAN_STATUSES = (LoanStatus.ACTIVE, LoanStatus.REPAID)


class LoanReference:
    """A loan reference as kept: its keyed hash (to match) and its last 3 characters (to show)."""

    loan_reference_hmac: Mapped[str] = mapped_column(String(64), default="")
    loan_reference_end: Mapped[str] = mapped_column(String(3), default="")

    @property
    def loan_reference_shown(self) -> str:
        """What a screen shows of the reference, e.g. "…A17" (nothing when there is none)."""
        return f"…{self.loan_reference_end}" if self.loan_reference_end else ""


class MicrocreditRecord(LoanReference, IdMixin, TimestampMixin, Base):
    """One loan as an institution reported it; unique per (institution, loan reference)."""

    __tablename__ = "microcredit_records"
    __table_args__ = (UniqueConstraint("institution", "loan_reference_hmac"),)

    institution: Mapped[str] = mapped_column(String(120))
    national_id_hmac: Mapped[str] = mapped_column(String(64), index=True)
    full_name: Mapped[str] = mapped_column(String(160))
    city: Mapped[str] = mapped_column(String(80), default="")
    activity: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[LoanStatus] = mapped_column(str_enum(LoanStatus))
    disbursed_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    # Set when the latest import of this institution no longer listed the record.
    missing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MicrocreditImport(IdMixin, Base):
    """One file delivered by one institution, with its report."""

    __tablename__ = "microcredit_imports"

    institution: Mapped[str] = mapped_column(String(120))
    filename: Mapped[str] = mapped_column(String(255), default="")
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_created: Mapped[int] = mapped_column(Integer, default=0)
    rows_updated: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rows_bad: Mapped[int] = mapped_column(Integer, default=0)
    # Records of the institution absent from this (full) file, newly marked missing.
    rows_missing: Mapped[int] = mapped_column(Integer, default=0)
    suppliers_flagged: Mapped[int] = mapped_column(Integer, default=0)
    # A partial file only adds or updates: absent records are not marked missing.
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    # [{"line": 7, "code": "bad_date", "column": "disbursed_on", ...}] worded by importer.describe()
    bad_rows: Mapped[list] = mapped_column(JSON, default=list)


class RequestKind(enum.StrEnum):
    REQUEST = "request"  # the beneficiary asked
    FLAG = "flag"  # a re-import made the record ineligible or dropped it
    SPOT_AUDIT = "spot_audit"  # drawn at random for a manual re-check


class RequestState(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


class VerificationRequest(LoanReference, IdMixin, TimestampMixin, Base):
    """A case for staff (or decided automatically) about one supplier's eligibility."""

    __tablename__ = "verification_requests"

    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    kind: Mapped[RequestKind] = mapped_column(str_enum(RequestKind), default=RequestKind.REQUEST)
    state: Mapped[RequestState] = mapped_column(str_enum(RequestState), default=RequestState.PENDING, index=True)
    institution: Mapped[str] = mapped_column(String(120), default="")
    national_id_hmac: Mapped[str] = mapped_column(String(64), default="")
    matched_record_id: Mapped[int | None] = mapped_column(ForeignKey("microcredit_records.id"))
    reason: Mapped[str] = mapped_column(String(500), default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    supplier = relationship("Supplier")
    matched_record = relationship("MicrocreditRecord")
