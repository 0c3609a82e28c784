"""How the app uses its PostgreSQL connections: every round trip costs CPU on both sides of the socket.

- Until a request writes, its reads run outside a transaction. psycopg would send BEGIN before the
  first statement and Flask-SQLAlchemy a ROLLBACK after the last: two round trips that change nothing,
  for at READ COMMITTED each statement takes its own snapshot, inside a transaction or not. psycopg
  also forgets its prepared statements at every ROLLBACK; without one, the pages' queries stay
  prepared on the connection and PostgreSQL no longer plans them again on every request.
- Any other statement (a write, SELECT ... FOR UPDATE, a streamed SELECT, any text or DDL statement,
  so an advisory lock too) first opens a transaction, and every statement after it stays inside until
  the unit of work commits or rolls back: writes are as atomic as before and read what they wrote.
  Statements sent on the driver's own cursor (COPY) bypass this: a statement before them must open
  the transaction (app/verification/imports.py takes its lock first).
- A connection the server closed (restart, idle timeout, dropped link) is noticed at checkout by its
  socket, which then has the server's goodbye or end of file to read, and replaced: no ping round trip.
"""
from __future__ import annotations

import select
from typing import Any

from psycopg import Connection as PsycopgConnection
from psycopg import ServerCursor
from psycopg.pq import TransactionStatus
from sqlalchemy import CompoundSelect, Engine, Select, event, exc
from sqlalchemy.engine import Connection, ExecutionContext
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

_USED = "checked out before"  # in a pool entry's info, which SQLAlchemy empties for each new connection


def configure(engine: Engine) -> None:
    """Attach the rules above to a psycopg engine; other databases keep SQLAlchemy's defaults."""
    if engine.dialect.name != "postgresql" or engine.dialect.driver != "psycopg":
        return
    event.listen(engine.pool, "checkout", _replace_if_closed)
    if engine.dialect._on_connect_isolation_level is None:  # create_engine(isolation_level=...) is kept as given
        event.listen(engine, "before_cursor_execute", _transaction_when_needed)


def _transaction_when_needed(conn: Connection, cursor: Any, statement: str, parameters: Any,
                             context: ExecutionContext | None, executemany: bool) -> None:
    if conn.default_isolation_level != "READ COMMITTED" or conn.get_execution_options().get("isolation_level"):
        return  # only READ COMMITTED gives each statement its own snapshot; a level asked for is kept as set
    raw: PsycopgConnection = cursor.connection
    if _plain_read(context) and not isinstance(cursor, ServerCursor):  # DECLARE CURSOR needs a transaction
        if not raw.autocommit and raw.info.transaction_status == TransactionStatus.IDLE:
            raw.autocommit = True
    elif raw.autocommit:
        raw.autocommit = False  # psycopg sends BEGIN before this statement; COMMIT/ROLLBACK end it


def _plain_read(context: ExecutionContext | None) -> bool:
    """A compiled SELECT that locks no rows: the one kind of statement that may run on its own."""
    compiled = getattr(context, "compiled", None)
    statement = getattr(compiled, "statement", None)
    return isinstance(statement, Select | CompoundSelect) and statement._for_update_arg is None


def _replace_if_closed(dbapi_connection: PsycopgConnection, record: ConnectionPoolEntry,
                       proxy: PoolProxiedConnection) -> None:
    # An idle connection has nothing to read; something to read means the server has gone (or sent
    # what we never asked for): SQLAlchemy then drops every pooled connection and opens a new one.
    # A connection just opened is not looked at, so that no reading can refuse every connection.
    if _USED not in record.info:
        record.info[_USED] = True
        return
    poller = select.poll()
    poller.register(dbapi_connection.fileno(), select.POLLIN)
    if poller.poll(0):
        raise exc.InvalidatePoolError("the server closed the connection")
