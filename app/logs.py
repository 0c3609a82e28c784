"""Logs: one line per event, JSON in production (LOG_FORMAT=json|text), each carrying the request id.

The request id comes from the proxy's X-Request-ID (nginx `$request_id`) when it looks like one,
else is made here; it is sent back in X-Request-ID and written by gunicorn's access log, so one
id follows a request through nginx, gunicorn and the application. Nothing personal is logged
here: no address, no e-mail, no query string (the access log format leaves them out too).
"""
from __future__ import annotations

import json
import logging
import re
import uuid
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, request

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(app: Flask) -> None:
    """Root logger to stderr in the chosen format (once per process), and a request id per request."""
    root = logging.getLogger()
    if not any(isinstance(f, RequestIdFilter) for h in root.handlers for f in h.filters):
        handler = logging.StreamHandler()
        handler.addFilter(RequestIdFilter())
        chosen = app.config.get("LOG_FORMAT") or ("json" if app.config["APP_ENV"] == "production" else "text")
        json_logs = chosen == "json"
        handler.setFormatter(JsonFormatter() if json_logs else logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
        root.handlers = [handler]
        root.setLevel(app.config.get("LOG_LEVEL", "INFO"))

    @app.before_request
    def assign_request_id() -> None:
        incoming = request.environ.get("HTTP_X_REQUEST_ID", "")
        g.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex

    @app.after_request
    def send_request_id(response):
        if not response.headers.getlist("X-Request-ID"):  # `in` or setdefault would raise and catch a KeyError
            response.headers.add("X-Request-ID", g.get("request_id", ""))
        return response
