"""Security headers on every response, pages, errors and media alike."""
from __future__ import annotations

from flask import Flask, Response


def content_security_policy(app: Flask) -> str:
    """Strict CSP: our own scripts and styles only, no inline code, no framing."""
    form_targets = " ".join(["'self'", *app.config.get("CSP_FORM_ACTION_EXTRA", ())])
    return (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        f"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action {form_targets}; "
        "frame-ancestors 'none'"
    )


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def set_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy(app))
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Permissions-Policy", "geolocation=(), microphone=(), payment=()")
        if app.config["APP_ENV"] == "production":
            headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
        return response
