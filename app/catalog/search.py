"""Full-text search over products: FTS5 on SQLite, tsvector on PostgreSQL, behind one service."""
from __future__ import annotations

from sqlalchemy.engine import Connection


def install(connection: Connection) -> None:
    """Create the search structures the ORM metadata cannot express (used by migrations and tests)."""
