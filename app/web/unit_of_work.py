"""The edge's transaction: one commit per request, or a rollback and the reason for the visitor.

Services flush and raise DomainError; the view wraps their calls in `unit_of_work()`:

    with unit_of_work() as work:
        services.add_item(cart, product_id, quantity)
    if work.error:
        return _render_cart(work.error)

After the commit (or the rollback) come the steps a transaction leaves behind, named here rather
than hidden in session events: the background jobs it asked for leave (`app.jobs.commit`) or are
dropped with its writes (`app.jobs.rollback`), and `finish_uploads` deletes the files of photos
whose row was not committed. A request that ended on an unexpected error before its commit has
its uploads rolled back when its app context ends; its jobs go with the session, which is thrown away.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask, flash

from app import jobs
from app.errors import DomainError
from app.media.services import finish_uploads, uploads_pending


@dataclass
class Work:
    """What a unit of work ended with: `error` is the service's refusal, None when committed."""

    error: DomainError | None = None

    def flash_error(self) -> bool:
        """Flash the refusal (if any) for the next page; True when there was one."""
        if self.error is not None:
            flash(str(self.error.message), "error")
        return self.error is not None


@contextmanager
def unit_of_work(keep: tuple[type[DomainError], ...] = ()) -> Iterator[Work]:
    """Commit when the block ends; a DomainError rolls back and is kept in `work.error`.

    `keep` names refusals whose own record must survive (a refund the gateway refused leaves the
    order flagged and audited): they are committed, then reported the same way. Any other
    exception rolls back and propagates (the error handlers answer it).
    """
    work = Work()
    try:
        yield work
    except keep as error:
        commit()
        work.error = error
        return
    except DomainError as error:
        rollback()
        work.error = error
        return
    except BaseException:
        rollback()
        raise
    commit()


def commit() -> None:
    """Commit the request's work, then send its jobs and settle the files of its uploads."""
    jobs.commit()
    finish_uploads()


def rollback() -> None:
    """Undo the request's work, drop its jobs and delete the files of photos it uploaded."""
    jobs.rollback()
    finish_uploads()


def register(app: Flask) -> None:
    """At the end of every app context, settle what a request left pending without reaching its commit.

    Registered after Flask-SQLAlchemy, so it runs before the session is removed.
    """
    @app.teardown_appcontext
    def _settle(_exc: BaseException | None) -> None:
        if uploads_pending():
            rollback()
