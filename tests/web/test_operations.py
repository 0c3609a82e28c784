"""What a sysadmin relies on: a request id in every answer and log line, JSON logs without personal
data, Prometheus metrics for the monitoring server only, and `flask doctor`."""
from __future__ import annotations

import json
import logging

from app.logs import JsonFormatter, RequestIdFilter
from tests.factories import make_product, place_test_order


def test_every_answer_carries_a_request_id_and_a_proxy_id_is_kept(client):
    made = client.get("/healthz").headers["X-Request-ID"]
    kept = client.get("/healthz", headers={"X-Request-ID": "nginx-4f2a9c0d1e"}).headers["X-Request-ID"]
    forged = client.get("/healthz", headers={"X-Request-ID": "<script>"}).headers["X-Request-ID"]

    assert len(made) == 32 and kept == "nginx-4f2a9c0d1e"
    assert forged != "<script>" and len(forged) == 32


def test_log_lines_are_json_with_the_request_id_and_no_address(app, client):
    lines = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(JsonFormatter().format(record))

    handler = Keep()
    handler.addFilter(RequestIdFilter())
    logging.getLogger("app").addHandler(handler)
    try:
        client.post("/account/login", data={"email": "amina@example.ma", "password": "wrong password"},
                    headers={"X-Request-ID": "req-123456789"})
        with app.test_request_context("/", headers={"X-Request-ID": "req-abcdefghi"}):
            app.preprocess_request()
            logging.getLogger("app.test").warning("something happened")
    finally:
        logging.getLogger("app").removeHandler(handler)

    entry = json.loads(lines[-1])
    assert entry["message"] == "something happened" and entry["request_id"] == "req-abcdefghi"
    assert {"time", "level", "logger"} <= entry.keys()
    assert not any("amina@example.ma" in line or "127.0.0.1" in line for line in lines)


def test_metrics_are_for_the_monitoring_server_only(app, client):
    app.config["METRICS_TOKEN"] = "s3cret-token-for-prometheus"
    try:
        outsider = client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"})
        with_token = client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"},
                                headers={"Authorization": "Bearer s3cret-token-for-prometheus"})
        wrong_token = client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"},
                                 headers={"Authorization": "Bearer guess"})
    finally:
        app.config["METRICS_TOKEN"] = ""
    assert outsider.status_code == 404 and wrong_token.status_code == 404
    assert with_token.status_code == 200


def test_metrics_give_latency_by_endpoint_orders_payments_photos_and_queues(app, client):
    with app.app_context():
        place_test_order((make_product(stock=3), 1))
        from app.extensions import db

        db.session.commit()
    client.get("/products")

    body = client.get("/metrics").text  # from 127.0.0.1, allowed by default

    assert 'souk_http_request_duration_seconds_count{endpoint="shop.catalogue",method="GET",status="2xx"}' in body
    assert 'souk_orders{state="confirmed"} 1.0' in body
    assert "# TYPE souk_payments gauge" in body and "# TYPE souk_photos gauge" in body
    assert "# TYPE souk_queue_jobs gauge" in body


def test_doctor_says_what_is_wrong_in_one_line_each(app):
    result = app.test_cli_runner().invoke(args=["doctor"])

    lines = result.output.strip().splitlines()
    assert [line.split()[1] for line in lines] == ["config", "secrets", "database", "migrations", "redis", "queue",
                                                   "storage", "mail", "sms"]
    assert lines[2].startswith("ok") and lines[6].startswith("ok")
    assert "run flask db upgrade" in lines[3] and result.exit_code == 1  # the test schema is made without Alembic
