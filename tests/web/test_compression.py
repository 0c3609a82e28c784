"""Pages and data compressed by the app; the stylesheet and scripts built, fingerprinted, precompressed."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest

from app import assets, create_app


@pytest.fixture(scope="module")
def built(app):
    """The real static folder, built as `make` builds it, and an app started after the build."""
    manifest = assets.build(app.static_folder)
    return manifest


@pytest.fixture
def built_client(built, app_config):
    return create_app(app_config).test_client()


@pytest.mark.parametrize("accept,decode", [("br, gzip", brotli.decompress), ("gzip", gzip.decompress)])
def test_pages_are_compressed_with_brotli_when_accepted_else_gzip(client, accept, decode):
    plain = client.get("/", headers={"Accept-Encoding": "identity"})
    response = client.get("/", headers={"Accept-Encoding": accept})

    assert response.headers["Content-Encoding"] == accept.split(",")[0]
    assert "Accept-Encoding" in response.headers["Vary"]
    assert without_token(decode(response.data)) == without_token(plain.data)
    assert len(response.data) < len(plain.data) / 2


def without_token(page: bytes) -> bytes:
    """The page without its CSRF token, which is signed with the second it was issued in."""
    return re.sub(rb'name="csrf_token" value="[^"]+"', b'name="csrf_token" value=""', page)


def test_json_is_compressed_too(client):
    response = client.get("/api/v1/openapi.json", headers={"Accept-Encoding": "br"})

    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.data).startswith(b"{")


def test_a_client_asking_for_no_compression_gets_none(client):
    response = client.get("/", headers={"Accept-Encoding": "identity"})

    assert "Content-Encoding" not in response.headers
    assert response.data.startswith(b"<!doctype html>")


def test_photos_are_not_compressed_again(app, client):
    from app.extensions import db
    from tests.factories import make_image

    with app.app_context():
        path = make_image(400, 300).renditions[0]["path"]
        db.session.commit()

    response = client.get(f"/media/{path}", headers={"Accept-Encoding": "br, gzip"})
    assert "Content-Encoding" not in response.headers


def test_the_stylesheet_is_minified_and_named_by_its_content(app, built):
    entry = built["css/site.css"]["file"]
    static = Path(app.static_folder)

    assert re.fullmatch(r"dist/site\.[0-9a-f]{12}\.css", entry)
    minified = (static / entry).read_text(encoding="utf-8")
    assert len(minified) < len((static / "css" / "site.css").read_text(encoding="utf-8")) * 0.9
    assert "\n\n" not in minified and "/*" not in minified


def test_pages_link_the_built_stylesheet_and_no_web_font(built, built_client):
    html = built_client.get("/").get_data(as_text=True)

    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
    assert href == f"/static/{built['css/site.css']['file']}"
    assert html.count('rel="stylesheet"') == 1
    css = (Path(built_client.application.static_folder) / "css" / "site.css").read_text(encoding="utf-8")
    assert "@font-face" not in css and "@import" not in css


@pytest.mark.parametrize("accept,encoding,decode", [
    ("br, gzip", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress), ("identity", None, lambda b: b),
])
def test_built_files_are_served_precompressed_and_immutable(built, built_client, accept, encoding, decode):
    name = built["css/site.css"]["file"]
    response = built_client.get(f"/static/{name}", headers={"Accept-Encoding": accept})

    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == encoding
    assert response.mimetype == "text/css"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert "Content-Disposition" not in response.headers
    built_bytes = (Path(built_client.application.static_folder) / name).read_bytes()
    assert decode(response.data) == built_bytes


def test_a_stylesheet_edited_after_the_build_is_served_as_it_is_now(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "js").mkdir()
    for name in assets.ASSETS:
        (tmp_path / name).write_text("a { color: red; }\n")
    assets.build(tmp_path)
    assert set(assets.current_builds(tmp_path)) == set(assets.ASSETS)

    (tmp_path / "css" / "site.css").write_text("a { color: blue; }\n")

    assert "css/site.css" not in assets.current_builds(tmp_path)
