"""Health probes for the load balancer and the orchestrator."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from app import jobs
from app.extensions import db
from app.media import storage
from app.web.unit_of_work import rollback

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is up."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """Each dependency, one word each. Not ready (503) without the database or the media storage;
    Redis down only degrades (limits in memory, jobs in the app server), so the server stays in."""
    checks = {"database": _database(), "storage": storage.check(), "redis": _redis()}
    ready = checks["database"] == "ok" and checks["storage"] == "ok"
    status = "ok" if ready and checks["redis"] in ("ok", "not configured") else "degraded" if ready else "unavailable"
    return jsonify(status=status, checks=checks), 200 if ready else 503


def _database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001  any failure means "not ready"
        rollback()
        return f"error: {type(error).__name__}"
    return "ok"


def _redis() -> str:
    if not current_app.config.get("REDIS_URL"):
        return "not configured"
    return "ok" if jobs.queue_reachable() else "error: unreachable"
