"""Prometheus metrics at /metrics (prometheus-client), for the monitoring server only.

Request latency by endpoint is measured in each process (gunicorn.conf.py sets up the client's
multiprocess mode when PROMETHEUS_MULTIPROC_DIR is set, so every worker's counts are summed).
Orders, payments, photo jobs and queue lengths are read from the database and Redis when
scraped: the same answer from every app server, however many there are.

Protected: a request must carry `Authorization: Bearer <METRICS_TOKEN>` or come from an address
in METRICS_ALLOW (comma-separated; 127.0.0.1 by default); anyone else gets a 404.
"""
from __future__ import annotations

import hmac
import time

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

from app import jobs
from app.extensions import db

bp = Blueprint("metrics", __name__)

LATENCY = Histogram("souk_http_request_duration_seconds", "Time to answer a request, by endpoint",
                    ["endpoint", "method", "status"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))


def init_metrics(app: Flask) -> None:
    @app.before_request
    def start_timer() -> None:
        g.metrics_started = time.perf_counter()

    @app.after_request
    def observe(response):
        started = g.pop("metrics_started", None)
        if started is not None and request.endpoint != "metrics.metrics":
            LATENCY.labels(request.endpoint or "unknown", request.method,
                           f"{response.status_code // 100}xx").observe(time.perf_counter() - started)
        return response


@bp.get("/metrics")
def metrics():
    if not _allowed():
        abort(404)
    registry = CollectorRegistry()
    if current_app.config["PROMETHEUS_MULTIPROC_DIR"]:
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(LATENCY)
    registry.register(ShopCollector())
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)


def _allowed() -> bool:
    token = current_app.config.get("METRICS_TOKEN", "")
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if token and hmac.compare_digest(given.encode(), token.encode()):
        return True
    allowed = {a.strip() for a in current_app.config.get("METRICS_ALLOW", "127.0.0.1").split(",") if a.strip()}
    return request.remote_addr in allowed


class ShopCollector:
    """Business gauges read at scrape time (shared state, so every server reports the same)."""

    def collect(self):
        from app.media.models import Image
        from app.orders.models import Order
        from app.payments.models import Payment

        for name, doc, column in (
            ("souk_orders", "Orders by status", Order.status),
            ("souk_payments", "Card payments by state", Payment.state),
            ("souk_photos", "Photos by rendering state", Image.state),
        ):
            gauge = GaugeMetricFamily(name, doc, labels=["state"])
            for state, count in db.session.execute(select(column, func.count()).group_by(column)):
                gauge.add_metric([str(getattr(state, "value", state))], count)
            yield gauge
        queue = GaugeMetricFamily("souk_queue_jobs", "Jobs waiting in each background queue", labels=["queue"])
        if jobs.queue_reachable():
            connection = jobs.redis_connection()
            for name in jobs.queue_names():
                queue.add_metric([name], len(jobs.rq_queue(name, connection)))
        yield queue
