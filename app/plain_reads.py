"""Selects of plain columns run on the driver's own cursor: the public pages' hot reads.

SQLAlchemy's execution of a compiled select (cache key, execution context, result metadata and row
objects) costs four times what SQLite takes to run the product page's query, on every request. A
select whose columns need no conversion from what the driver returns gets the same SQL and the same
parameters here, compiled once per statement and dialect, and its rows as the driver's tuples.

On PostgreSQL the SQL is written with PostgreSQL's own placeholders ($1, $2…) and run on psycopg's
`RawCursor`, which sends it as it is: psycopg's own cursor rewrites `%(name)s` placeholders on every
execution of a statement longer than 4 KB (it remembers only shorter ones), as the product page's is.

The engine's `before_cursor_execute` listeners still see every statement (app/connections.py decides
there whether PostgreSQL needs a transaction; tests count statements there), with a context holding
the compiled select. A select that would need a conversion, or any other statement, is refused.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from psycopg import RawCursor
from sqlalchemy import Connection, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler


@dataclass(frozen=True, slots=True)
class _Read:
    """What a listener may look at, as on an ExecutionContext: the compiled select; and what this module
    keeps of it: the names of its values written into the SQL (a LIMIT), and the SQL written for each set
    of those values seen (at most EXPANSIONS_KEPT), when nothing else is written in (no IN list)."""

    compiled: SQLCompiler
    raw: bool = False  # for psycopg's RawCursor
    literals: tuple[str, ...] = ()
    expansions: dict[tuple, tuple[str, Any, dict]] = field(default_factory=dict)


EXPANSIONS_KEPT = 64  # a catalogue's pages, say: each is a LIMIT and an OFFSET written into the SQL


_compiled: WeakKeyDictionary[Select, dict[str, _Read]] = WeakKeyDictionary()  # per statement, per dialect


def rows(connection: Connection, statement: Select, params: dict[str, Any]) -> list[tuple]:
    """All rows of `statement` with `params` bound, run on `connection` (inside its transaction, if any)."""
    read = _read(statement, connection.dialect)
    compiled = read.compiled
    values = compiled.construct_params(params, escape_names=False)
    processors = compiled._bind_processors
    sql = compiled.string
    if compiled.literal_execute_params or compiled.post_compile_params:  # a LIMIT written into the SQL, an IN list
        written = tuple(values[name] for name in read.literals) if not compiled.post_compile_params else None
        sql, order, processors = read.expansions.get(written) or _expand(read, values, written)
        for name in read.literals:  # written into the SQL, not sent
            values.pop(name, None)
    else:
        order = compiled.positiontup
    if compiled.positional:
        parameters: Any = tuple(processors[name](values[name]) if name in processors else values[name]
                                for name in order)
    else:
        parameters = {compiled.escaped_bind_names.get(name, name): processors[name](value) if name in processors
                      else value for name, value in values.items()}
    cursor = RawCursor(connection.connection.dbapi_connection) if read.raw else connection.connection.cursor()
    try:
        if connection._has_events or connection.engine._has_events:
            for listener in connection.dispatch.before_cursor_execute:
                sql, parameters = listener(connection, cursor, sql, parameters, read, False)
        cursor.execute(sql, parameters)
        return cursor.fetchall()
    except Exception as error:  # noqa: BLE001  (re-raised by SQLAlchemy, wrapped, a dead connection invalidated)
        connection._handle_dbapi_exception(error, sql, parameters, cursor, None)
    finally:
        cursor.close()


def _expand(read: _Read, values: dict[str, Any], written: tuple | None) -> tuple[str, Any, dict]:
    """The SQL with `values`' literals (and IN lists) written in: SQLAlchemy's work, kept per `written`.
    An IN list's values are added to `values` under the names its SQL gives them."""
    compiled = read.compiled
    expanded = compiled._process_parameters_for_postcompile(values if written is None else dict(values))
    expansion = expanded.statement, expanded.positiontup, {**compiled._bind_processors, **expanded.processors}
    if written is not None and len(read.expansions) < EXPANSIONS_KEPT:
        read.expansions[written] = expansion
    return expansion


def _read(statement: Select, dialect: Dialect) -> _Read:
    by_dialect = _compiled.setdefault(statement, {})
    read = by_dialect.get(dialect.name)
    if read is None:
        if not isinstance(statement, Select):
            raise TypeError(f"{type(statement).__name__} is not a select: run it through SQLAlchemy")
        raw = dialect.driver == "psycopg"
        compiled = statement.compile(dialect=_dollar_placeholders(dialect) if raw else dialect)
        converted = [name for name, _, _, type_ in compiled._result_columns
                     if type_._cached_result_processor(dialect, None) is not None]
        if converted:
            raise TypeError(f"columns {converted} need converting: run this select through SQLAlchemy")
        literals = tuple(compiled.bind_names[parameter] for parameter in compiled.literal_execute_params)
        read = by_dialect[dialect.name] = _Read(compiled, raw, literals)
    return read


_dollar_dialects: WeakKeyDictionary[Dialect, Dialect] = WeakKeyDictionary()


def _dollar_placeholders(dialect: Dialect) -> Dialect:
    """The engine's dialect (as it was set up for the server) writing PostgreSQL's $1 placeholders."""
    dollar = _dollar_dialects.get(dialect)
    if dollar is None:
        dollar = copy.copy(dialect)
        dollar.paramstyle, dollar.positional = "numeric_dollar", True
        dollar.identifier_preparer = dollar.preparer(dollar)  # a % is no longer doubled
        _dollar_dialects[dialect] = dollar
    return dollar
