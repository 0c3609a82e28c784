"""Background jobs: on RQ when REDIS_URL is set, in this process otherwise.

`enqueue(func, *args)` is the one way to do work outside the request (e-mails, SMS, photo
rendering, reservation expiry). A job asked for while the session holds writes waits on the
session for the commit of those writes (a rolled-back order mails nobody, a worker always finds
the row); otherwise it leaves at once. The commit that sends them is a named step, `commit()`
here: the web's unit of work runs it for every request, CLI commands and jobs call it
themselves; `rollback()` drops them. A transaction that ends any other way (a bare
`db.session.commit()` included) never sends its jobs. Arguments must be plain values
(ids, strings, bytes): the job runs later, elsewhere, in an app context of its own, with a session
of its own.

Without Redis, or when Redis cannot be reached, the job runs in this process: in a background
thread, or inline when JOBS_INLINE is set (tests). Run workers with `flask worker` and the
periodic jobs with `flask scheduler`.
"""
from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from app.extensions import db

log = logging.getLogger(__name__)

DEFAULT_QUEUE = "default"
JOB_TIMEOUT = 300  # seconds; SMTP and a 50-megapixel PNG fit well inside
_PENDING = "jobs.pending"
_WROTE = "jobs.wrote"

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()
_worker_app: Flask | None = None


def enqueue(func: Callable, *args: Any, queue: str = DEFAULT_QUEUE, retry_intervals: Sequence[int] = (),
            **kwargs: Any) -> None:
    """Run `func(*args, **kwargs)` in the background, after the commit of the writes in progress.

    `queue` names a queue (its name is read from the setting `<QUEUE>_QUEUE` when there is one);
    `retry_intervals` (seconds) lets RQ run a job that raised again later; in this process a job
    is tried once and its failure logged.
    """
    job = (_target(func), args, kwargs, queue, tuple(retry_intervals))
    session = db.session()
    if _writing(session):
        session.info.setdefault(_PENDING, []).append((session.get_transaction(), job))
    else:
        _dispatch(job)


def perform(target: str, args: tuple, kwargs: dict) -> Any:
    """What a worker runs: the job inside an app context (and session) of its own."""
    module, _, name = target.partition(":")
    func = getattr(importlib.import_module(module), name)
    with _app().app_context():
        return func(*args, **kwargs)


def redis_connection(url: str | None = None):
    """A Redis client that gives up quickly: a dead Redis must not hang a request."""
    from redis import Redis

    return Redis.from_url(url or current_app.config["REDIS_URL"], socket_connect_timeout=2, socket_timeout=5,
                          health_check_interval=30)


def rq_queue(name: str = DEFAULT_QUEUE, connection=None):
    from rq import Queue

    return Queue(_queue_name(name), connection=connection or redis_connection())


def queue_names() -> list[str]:
    """Every queue a worker listens to, by priority (photos first: a supplier waits for them)."""
    return [_queue_name(name) for name in ("media", "sms", DEFAULT_QUEUE)]


def queue_reachable() -> bool:
    """Whether a job would reach a worker now (Redis set and answering)."""
    from redis.exceptions import RedisError

    if not current_app.config.get("REDIS_URL"):
        return False
    try:
        return bool(redis_connection().ping())
    except RedisError:
        return False


# -- dispatching ---------------------------------------------------------------------------

def _dispatch(job: tuple) -> None:
    target, args, kwargs, queue, retry_intervals = job
    if current_app.config.get("REDIS_URL"):
        from redis.exceptions import RedisError
        from rq import Retry

        retry = Retry(max=len(retry_intervals), interval=list(retry_intervals)) if retry_intervals else None
        try:
            rq_queue(queue).enqueue(perform, target, args, kwargs, job_timeout=JOB_TIMEOUT,
                                    description=target, retry=retry)
            return
        except RedisError as error:
            log.warning("queue unreachable (%s): running %s in this process", type(error).__name__, target)
    _run_here(target, args, kwargs)


def _run_here(target: str, args: tuple, kwargs: dict) -> None:
    if current_app.config.get("JOBS_INLINE"):
        _safely(target, args, kwargs)
        return
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="job")
    app = current_app._get_current_object()
    _executor.submit(_in_app, app, target, args, kwargs)


def _in_app(app: Flask, target: str, args: tuple, kwargs: dict) -> None:
    with app.app_context():
        _safely(target, args, kwargs)


def _safely(target: str, args: tuple, kwargs: dict) -> None:
    """A job run in this process never breaks the request that asked for it: it logs."""
    try:
        perform(target, args, kwargs)
    except Exception:  # noqa: BLE001  (the request already answered; the failure is logged)
        log.exception("background job %s failed", target)


def _app() -> Flask:
    """The app a job runs in: the caller's, or one built once per worker process."""
    global _worker_app
    if has_app_context():
        return current_app._get_current_object()
    if _worker_app is None:
        from app import create_app

        _worker_app = create_app()
    return _worker_app


def _target(func: Callable) -> str:
    target = f"{func.__module__}:{func.__qualname__}"
    if "<" in target:
        raise ValueError(f"a job must be a module-level function, not {target}")
    return target


def _queue_name(name: str) -> str:
    return current_app.config.get(f"{name.upper()}_QUEUE", name)


# -- waiting for the commit ----------------------------------------------------------------

def commit() -> None:
    """Commit the session's transaction, then send the jobs it asked for: the edge's commit."""
    session = db.session()
    transaction = session.get_transaction()
    session.commit()
    for owner, job in _take_pending(session):
        if owner is transaction:
            _dispatch(job)
        else:  # asked for by an earlier transaction that ended without this step: never sent
            log.warning("job %s dropped: its transaction ended without app.jobs.commit()", job[0])


def rollback() -> None:
    """Roll the session's transaction back; the jobs of the undone writes are dropped with them."""
    session = db.session()
    session.rollback()
    _take_pending(session)


def _take_pending(session: Session) -> list[tuple[SessionTransaction, tuple]]:
    session.info.pop(_WROTE, None)
    return session.info.pop(_PENDING, [])


def _writing(session: Session) -> bool:
    """Whether the current transaction holds writes, flushed (`_remember_writes`) or not yet."""
    transaction = session.get_transaction()
    return transaction is not None and (session.info.get(_WROTE) is transaction
                                        or bool(session.new or session.dirty or session.deleted))


def _remember_writes(session: Session, _flush_context) -> None:
    """Bookkeeping only, nothing is sent from here: this transaction has flushed writes."""
    session.info[_WROTE] = session.get_transaction()


def register(app: Flask) -> None:
    """Mark the app's sessions that flushed writes, so that `enqueue` knows to wait for the commit."""
    if not event.contains(db.session, "after_flush", _remember_writes):
        event.listen(db.session, "after_flush", _remember_writes)
