"""Reading the audit log: one filtered query shared by the page and the CSV export."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload

from app.accounts.models import User
from app.audit.models import AuditEntry
from app.extensions import db
from app.numbers import whole_number


@dataclass(frozen=True)
class AuditFilter:
    """What staff narrow the log to; empty values mean "any"."""

    actor: str = ""  # part of an email or name, or "#<id>"
    action: str = ""  # exact action, or a prefix ending with "." (e.g. "listing.")
    object_type: str = ""
    object_id: int | None = None
    since: date | None = None
    until: date | None = None  # inclusive


def entries(f: AuditFilter) -> Select:
    """Entries matching the filter, newest first, with their actor loaded."""
    stmt = select(AuditEntry).options(joinedload(AuditEntry.actor))
    if f.actor:
        stmt = stmt.where(_actor_clause(f.actor))
    if f.action:
        stmt = stmt.where(AuditEntry.action.startswith(f.action, autoescape=True) if f.action.endswith(".")
                          else AuditEntry.action == f.action)
    if f.object_type:
        stmt = stmt.where(AuditEntry.object_type == f.object_type)
    if f.object_id is not None:
        stmt = stmt.where(AuditEntry.object_id == f.object_id)
    if f.since:
        stmt = stmt.where(AuditEntry.created_at >= datetime.combine(f.since, time.min, tzinfo=UTC))
    if f.until:
        stmt = stmt.where(AuditEntry.created_at < datetime.combine(f.until + timedelta(days=1), time.min, tzinfo=UTC))
    return stmt.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())


def _actor_clause(text: str):
    actor_id = whole_number(text[1:]) if text.startswith("#") else None
    if actor_id is not None:
        return AuditEntry.actor_id == actor_id
    pattern = f"%{text.lower()}%"
    matching = select(User.id).where(or_(func.lower(User.email).like(pattern), func.lower(User.name).like(pattern)))
    return AuditEntry.actor_id.in_(matching)


def known_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))


def known_object_types() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.object_type).distinct().order_by(AuditEntry.object_type)))


def csv_rows(f: AuditFilter):
    """Rows of the CSV export, streamed from the database in batches."""
    stmt = entries(f).execution_options(yield_per=500)
    for entry in db.session.scalars(stmt):
        actor = entry.actor
        yield (entry.created_at.isoformat(), entry.actor_id or "", actor.email if actor else "",
               actor.name if actor else "", entry.action, entry.object_type, entry.object_id or "",
               _details_text(entry.details))


def _details_text(details: dict | None) -> str:
    return "; ".join(f"{key}={value}" for key, value in sorted((details or {}).items()))
