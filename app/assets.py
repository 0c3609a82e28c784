"""Our stylesheet and scripts as a phone should get them: minified, named by content, compressed ahead.

`flask build-assets` (run by `make`) writes, for each file of ASSETS, a minified copy named by its
hash under static/dist/ with its Brotli and gzip versions beside it, and a manifest. Pages link to
`asset("css/site.css")`: the built name when the manifest was built from the file as it is now, the
plain file otherwise (a stylesheet edited since the last build is never hidden behind a stale copy).
Built files never change under their name, so they are cached for a year as immutable; the static
view sends the precompressed version the browser accepts, with no compression work per request.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import mimetypes
import os
import tempfile
from pathlib import Path

import brotli
import click
import rcssmin
import rjsmin
from flask import Flask, Response, current_app, request, send_from_directory, url_for
from flask.cli import with_appcontext

log = logging.getLogger(__name__)

ASSETS = ("css/site.css", "js/checkout.js", "js/portal-store.js", "js/upload.js", "js/fair.js")
DIST = "dist"
MANIFEST = f"{DIST}/manifest.json"
ONE_YEAR = 31536000
# Longest-lived first: what the browser lists in Accept-Encoding, and the suffix of that version.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))
MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def build(static_root: str | os.PathLike) -> dict[str, dict[str, str]]:
    """Minify, fingerprint and precompress ASSETS under `static_root`/dist; returns the manifest."""
    root = Path(static_root)
    manifest = {}
    for name in ASSETS:
        source = (root / name).read_text(encoding="utf-8")
        minified = MINIFIERS[Path(name).suffix](source).encode()
        stem, suffix = Path(name).stem, Path(name).suffix
        built = f"{DIST}/{stem}.{hashlib.sha256(minified).hexdigest()[:12]}{suffix}"
        _write(root / built, minified)
        _write(root / f"{built}.br", brotli.compress(minified, quality=11, mode=brotli.MODE_TEXT))
        _write(root / f"{built}.gz", gzip.compress(minified, compresslevel=9, mtime=0))
        manifest[name] = {"file": built, "source": _digest(source.encode())}
    _write(root / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
    return manifest


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(path: Path, data: bytes) -> None:
    """Write whole or not at all: a page served during a build never links a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(temp, 0o644)
    os.replace(temp, path)


def current_builds(static_root: str | os.PathLike) -> dict[str, str]:
    """{"css/site.css": "dist/site.<hash>.css"} for every built file still matching its source."""
    root = Path(static_root)
    try:
        manifest = json.loads((root / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}
    fresh = {}
    for name, entry in manifest.items():
        try:
            if _digest((root / name).read_bytes()) == entry["source"] and (root / entry["file"]).is_file():
                fresh[name] = entry["file"]
                continue
        except (OSError, KeyError, TypeError):
            pass
        log.warning("static/%s changed since `flask build-assets`: serving it unminified", name)
    return fresh


def serve_static(filename: str) -> Response:
    """The static view: built files precompressed and immutable, the rest as Flask serves them."""
    if not filename.startswith(f"{DIST}/"):
        return current_app.send_static_file(filename)
    root = current_app.static_folder
    mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    for encoding, suffix in PRECOMPRESSED:
        if encoding in request.accept_encodings and os.path.isfile(os.path.join(root, filename + suffix)):
            response = send_from_directory(root, filename + suffix, mimetype=mimetype, conditional=True)
            response.headers["Content-Encoding"] = encoding
            break
    else:
        response = send_from_directory(root, filename, mimetype=mimetype, conditional=True)
    response.headers.pop("Content-Disposition", None)  # it would name the .br file
    response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response


def register(app: Flask) -> None:
    """Serve built files precompressed and give templates `asset(name)`."""
    app.view_functions["static"] = serve_static
    builds = current_builds(app.static_folder)

    def asset(name: str) -> str:
        return url_for("static", filename=builds.get(name, name))

    app.jinja_env.globals["asset"] = asset


@click.command("build-assets")
@with_appcontext
def build_assets() -> None:
    """Minify, fingerprint and precompress the stylesheet and scripts (static/dist)."""
    manifest = build(current_app.static_folder)
    for name, entry in manifest.items():
        click.echo(f"{name} -> {entry['file']}")


commands: list = [build_assets]
