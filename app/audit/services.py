"""Writing to the audit log: one function every domain calls."""
from __future__ import annotations

from app.audit.models import AuditEntry
from app.extensions import db


def record(action: str, obj_type: str, obj_id: int | None, actor_id: int | None = None, **details) -> AuditEntry:
    """Add an audit entry in the caller's transaction (never personal data such as a CIN)."""
    entry = AuditEntry(actor_id=actor_id, action=action, object_type=obj_type, object_id=obj_id, details=details)
    db.session.add(entry)
    return entry
