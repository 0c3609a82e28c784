"""The domain error base and the handlers that turn errors into pages or JSON."""
from __future__ import annotations

import logging

from flask import Flask, Request, Response, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import AnonymousUserMixin
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, SecurityError

from app.extensions import db

log = logging.getLogger(__name__)

# What a visitor reads for each status when nothing more precise is known.
STATUS_MESSAGES = {
    400: lazy_gettext("The request could not be understood."),
    403: lazy_gettext("You are not allowed to see this page."),
    404: lazy_gettext("This page does not exist."),
    405: lazy_gettext("This action is not allowed here."),
    409: lazy_gettext("This was changed in the meantime; please reload and try again."),
    413: lazy_gettext("The file is too large."),
    415: lazy_gettext("This type of file is not accepted."),
    422: lazy_gettext("Some fields are not valid."),
    429: lazy_gettext("Too many attempts. Please wait a moment and try again."),
    500: lazy_gettext("Something went wrong on our side. Please try again later."),
    503: lazy_gettext("The shop is briefly unavailable. Please try again in a moment."),
    507: lazy_gettext("There is no room left to store this file. Please try again later."),
}
DATABASE_RETRY_SECONDS = 10


class DomainError(Exception):
    """Base of every domain error: carries a status and a message safe (or not) to show.

    `message` is shown to the visitor only when `public` is true; otherwise the generic
    message of the status is shown and the detail goes to the log.
    """

    status = 400
    public = True

    def __init__(self, message: str = "", **data: object) -> None:
        super().__init__(message)
        self.message = message
        self.data = data


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409


class Invalid(DomainError):
    status = 422


def wants_json(req: Request) -> bool:
    """API clients and fetch() callers get JSON; browsers get pages."""
    if req.path.startswith("/api/") or req.path.startswith("/webhooks/"):
        return True
    best = req.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and req.accept_mimetypes[best] > req.accept_mimetypes["text/html"]


def error_response(status: int, message: str):
    if wants_json(request):
        return jsonify(error={"status": status, "message": message}), status
    return render_template("errors/error.html", status=status, message=message), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        if not error.public:
            log.warning("domain error %s: %s", type(error).__name__, error.message)
        message = error.message if error.public and error.message else str(STATUS_MESSAGES.get(error.status, ""))
        return error_response(error.status, message)

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        if isinstance(error, SecurityError):
            # An untrusted Host: no URL can be built for it, so no page of ours can render.
            return error.get_response()
        status = error.code or 500
        message = str(STATUS_MESSAGES.get(status) or error.name)
        if request.blueprint == "media" or request.endpoint == "static":
            # A file's address (a photo, a stylesheet) is fetched by a page, never read: no page is
            # rendered, whose layout would give the visitor a session and a CSRF secret for nothing.
            return Response(message, status, mimetype="text/plain")
        response = error_response(status, message)
        if status == 405 and error.valid_methods:  # type: ignore[attr-defined]
            body, code = response
            return body, code, {"Allow": ", ".join(error.valid_methods)}  # type: ignore[attr-defined]
        return response

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)
    def handle_database_unreachable(error: Exception):
        """The database is down or out of connections: say so (503), and the next request reconnects."""
        log.warning("database unavailable on %s: %s", request.path, type(error.__cause__ or error).__name__)
        db.session.rollback()
        g._login_user = AnonymousUserMixin()  # the error page must not ask the database who is there
        message = str(STATUS_MESSAGES[503])
        headers = {"Retry-After": str(DATABASE_RETRY_SECONDS)}
        if wants_json(request):
            return jsonify(error={"status": 503, "message": message}), 503, headers
        return render_template("errors/unavailable.html", message=message), 503, headers

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return handle_http_error(error)
        log.exception("unhandled error on %s", request.path)
        return error_response(500, _("Something went wrong on our side. Please try again later."))
