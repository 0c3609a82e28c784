"""Background jobs: on RQ when REDIS_URL is set, in this process otherwise.

`enqueue(func, *args)` is the one way to do work outside the request (e-mails, SMS, photo
rendering, reservation expiry). A job asked for while the session holds unsaved or flushed
writes waits for their commit (a rolled-back order mails nobody, a worker always finds the row);
otherwise it leaves at once. Arguments must be plain values (ids, strings, bytes): the job runs
later, elsewhere, in an app context of its own, with a session of its own.

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
from sqlalchemy.orm import Session

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
        session.info.setdefault(_PENDING, []).append(job)
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

def _writing(session: Session) -> bool:
    return bool(session.info.get(_WROTE) or session.new or session.dirty or session.deleted)


@event.listens_for(Session, "after_flush")
def _remember_writes(session: Session, flush_context) -> None:
    session.info[_WROTE] = True


@event.listens_for(Session, "after_commit")
def _dispatch_after_commit(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint released: the real commit is still to come
        return
    session.info.pop(_WROTE, None)
    for job in session.info.pop(_PENDING, []):
        _dispatch(job)


@event.listens_for(Session, "after_transaction_end")
def _forget_without_commit(session: Session, transaction) -> None:
    """The outer transaction ended without a commit: its jobs are dropped with its writes."""
    if transaction.parent is not None:
        return
    session.info.pop(_WROTE, None)
    session.info.pop(_PENDING, None)
