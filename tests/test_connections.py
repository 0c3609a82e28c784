"""On PostgreSQL a plain read runs on its own; a write, a row lock or a text statement opens a transaction
that lasts until the commit or the rollback (app/connections.py)."""
from __future__ import annotations

import pytest
from psycopg.pq import TransactionStatus
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, func, insert, select, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from app import connections, plain_reads

probe = Table("connection_probe", MetaData(), Column("id", Integer, primary_key=True), Column("n", Integer))


@pytest.fixture
def engine(database_url):
    """One connection, always the same one (as a sync worker's), with the app's rules."""
    if not database_url.startswith("postgresql"):
        pytest.skip(reason="runs in the PostgreSQL pass (TEST_DATABASE_URL): app/connections.py configures "
                           "psycopg engines only, SQLite keeps SQLAlchemy's defaults")
    engine = create_engine(database_url, poolclass=StaticPool)
    connections.configure(engine)
    probe.create(engine, checkfirst=True)
    yield engine
    probe.drop(engine)
    engine.dispose()


def transaction_status(session: Session) -> TransactionStatus:
    return session.connection().connection.dbapi_connection.info.transaction_status


def test_a_read_runs_outside_a_transaction(engine):
    with Session(engine) as session:
        session.execute(select(probe)).all()
        assert transaction_status(session) == TransactionStatus.IDLE


def test_a_hot_read_on_the_drivers_cursor_runs_outside_a_transaction_and_stays_prepared(engine):
    for _ in range(6):
        with Session(engine) as session:
            assert plain_reads.rows(session.connection(), select(probe.c.id).where(probe.c.n == 2), {}) == []
            assert transaction_status(session) == TransactionStatus.IDLE

    with Session(engine) as session:
        prepared = session.scalar(text("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE "
                                       "'SELECT connection_probe.id %'"))
    assert prepared == 1


def test_a_write_opens_a_transaction_that_the_following_reads_stay_in_until_the_rollback(engine):
    with Session(engine) as session:
        session.execute(select(probe)).all()
        session.execute(insert(probe).values(n=1))
        assert transaction_status(session) == TransactionStatus.INTRANS
        assert session.scalar(select(func.count()).select_from(probe)) == 1
        assert transaction_status(session) == TransactionStatus.INTRANS
        session.rollback()

    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(probe)) == 0


def test_a_committed_write_is_kept_and_the_next_read_runs_on_its_own(engine):
    with Session(engine) as session:
        session.execute(insert(probe).values(n=1))
        session.commit()
        assert session.scalar(select(func.count()).select_from(probe)) == 1
        assert transaction_status(session) == TransactionStatus.IDLE


@pytest.mark.parametrize("statement", [select(probe).with_for_update(), select(probe).execution_options(yield_per=10),
                                       text("SELECT 1")], ids=["row lock", "streamed", "text"])
def test_a_row_lock_a_streamed_read_or_a_text_statement_opens_a_transaction(engine, statement):
    with Session(engine) as session:
        session.execute(statement).all()
        assert transaction_status(session) == TransactionStatus.INTRANS


def test_a_query_stays_prepared_from_one_request_to_the_next(engine):
    for _ in range(6):  # psycopg prepares a query at its sixth run on a connection
        with Session(engine) as session:
            session.execute(select(probe).where(probe.c.n == 1)).all()

    with Session(engine) as session:
        prepared = session.scalar(text("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE "
                                       "'%connection_probe%'"))
    assert prepared == 1


def test_an_isolation_level_asked_for_is_kept(engine):
    with engine.connect() as connection:  # VACUUM refuses to run inside a transaction
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM connection_probe")

    with Session(engine.execution_options(isolation_level="REPEATABLE READ")) as session:
        session.execute(select(probe)).all()  # the snapshot the next reads must share
        assert transaction_status(session) == TransactionStatus.INTRANS


def test_an_engine_made_for_another_isolation_level_keeps_it(database_url, engine):
    repeatable = create_engine(database_url, poolclass=StaticPool, isolation_level="REPEATABLE READ")
    connections.configure(repeatable)
    with Session(repeatable) as session:
        session.execute(select(probe)).all()
        assert transaction_status(session) == TransactionStatus.INTRANS
    repeatable.dispose()
