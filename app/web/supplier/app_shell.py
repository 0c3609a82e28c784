"""The portal as an installable web app: its manifest and its service worker.

Beneficiaries open the portal from their phone's home screen in workshops with a weak
connection. The service worker must be served from /supplier/ so that its scope is the portal
and nothing else: the shop's public pages keep the browser's ordinary caching. Both are for
beneficiaries only, like the whole portal (the manifest link asks the browser to send the session
cookie; a logged-out phone keeps its installed worker until the next login).
"""
from __future__ import annotations

from flask import current_app, jsonify, send_from_directory, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app.i18n import text_direction
from app.web.guards import beneficiary_required
from app.web.supplier import bp

ICONS = (
    ("icons/portal-192.png", "192x192", "any"),
    ("icons/portal-512.png", "512x512", "any"),
    ("icons/portal-maskable-512.png", "512x512", "maskable"),
)


@bp.get("/manifest.webmanifest")
@beneficiary_required
def manifest():
    """The web app manifest, in the visitor's language (the name under the home-screen icon)."""
    scope = url_for("supplier.index")
    locale = str(get_locale())
    body = {
        "name": _("Souk Solidaire · My stand"),
        "short_name": _("My stand"),
        "lang": locale,
        "dir": text_direction(locale),
        "start_url": scope,
        "scope": scope,
        "display": "standalone",
        "background_color": "#f7f1e8",
        "theme_color": "#b24d27",
        "icons": [{"src": url_for("static", filename=path), "sizes": sizes, "type": "image/png", "purpose": purpose}
                  for path, sizes, purpose in ICONS],
    }
    response = jsonify(body)
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/sw.js")
@beneficiary_required
def service_worker():
    """The portal's service worker (static/js/portal-sw.js), always revalidated so a fix reaches phones."""
    response = send_from_directory(current_app.static_folder, "js/portal-sw.js", mimetype="text/javascript",
                                   max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response
