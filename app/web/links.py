"""Absolute links come from one configured origin, never from the request's Host header.

A reset link built from `Host: evil.example` would hand the token to whoever owns that host;
every `url_for(..., _external=True)` (mails, order status, QR codes, sitemap, SMS, API) goes
through the methods below, in a request or outside one (a command, a worker), so none can forget it.
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import Flask, Request, has_request_context, url_for
from werkzeug.routing import MapAdapter


class SiteApp(Flask):
    """Flask whose external URLs start with SITE_URL when it is set (always, in production)."""

    def url_for(self, endpoint: str, *, _anchor: str | None = None, _method: str | None = None,
                _scheme: str | None = None, _external: bool | None = None, **values) -> str:
        site = self.config.get("SITE_URL")
        if not (site and _external and has_request_context()):
            return super().url_for(endpoint, _anchor=_anchor, _method=_method, _scheme=_scheme,
                                   _external=_external, **values)
        return site.rstrip("/") + super().url_for(endpoint, _anchor=_anchor, _method=_method, **values)

    def create_url_adapter(self, request: Request | None) -> MapAdapter | None:
        """Outside a request, links are built for SITE_URL (Flask would otherwise need SERVER_NAME)."""
        if request is None and not self.config.get("SERVER_NAME"):
            site = urlsplit(self.config.get("SITE_URL") or "")
            if site.netloc:
                return self.url_map.bind(site.netloc, url_scheme=site.scheme)
        return super().create_url_adapter(request)


def link_in_language(endpoint: str, **values) -> Callable[[str], str]:
    """An absolute link to a page, built later in the language of whoever receives it (notices)."""
    return lambda language: url_for(endpoint, _external=True, _language=language, **values)
