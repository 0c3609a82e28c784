"""Security headers on every response (pages, errors, media, static files); production refuses a
default secret, adds HSTS and never shows a traceback; templates keep the CSP possible."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import abort

from app import create_app
from config import BASE_DIR, DEFAULT_SECRET
from tests.helpers import PRODUCTION_SETTINGS

HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options")


@pytest.fixture
def media_file(app):
    path = Path(app.config["MEDIA_ROOT"]) / "test" / "pixel.webp"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
    return "/media/test/pixel.webp"


def _assert_baseline(response):
    for name in HEADERS:
        assert name in response.headers, f"{name} missing on {response.status_code} {response.request.path}"
    csp = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/account/login", "/account/register", "/healthz", "/static/css/site.css"])
def test_pages_carry_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    _assert_baseline(response)


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/no-such-page", 404),
    ("GET", "/account/logout", 405),
    ("GET", "/api/v1/no-such-thing", 404),
    ("GET", "/media/no/such.webp", 404),
])
def test_error_responses_carry_the_security_headers(client, method, path, status):
    response = client.open(path, method=method)
    assert response.status_code == status
    _assert_baseline(response)


def test_media_responses_carry_the_security_headers(client, media_file):
    response = client.get(media_file)
    assert response.status_code == 200
    _assert_baseline(response)


def test_no_hsts_outside_production(client):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers


@pytest.fixture
def production(app, app_config):
    production = create_app({**app_config, **PRODUCTION_SETTINGS})

    @production.get("/test-boom")
    def boom():
        raise RuntimeError("secret internal detail 42")

    @production.get("/test-forbidden")
    def forbidden():
        abort(403)

    return production


def test_production_sends_hsts_on_pages_and_errors(production):
    client = production.test_client()
    for path in ("/healthz", "/no-such-page", "/test-boom"):
        assert "max-age=" in client.get(path, base_url="https://localhost").headers["Strict-Transport-Security"]


def test_production_error_pages_show_no_traceback(production):
    response = production.test_client().get("/test-boom", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert "Traceback" not in response.text and "secret internal detail" not in response.text
    assert "Something went wrong on our side" in response.text
    _assert_baseline(response)


@pytest.mark.parametrize("secret", [DEFAULT_SECRET, "", "too-short-" * 3])
def test_production_refuses_to_start_with_a_default_or_short_secret(app_config, secret):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({**app_config, **PRODUCTION_SETTINGS, "SECRET_KEY": secret})


def test_production_starts_with_a_long_random_secret(app_config):
    assert create_app({**app_config, **PRODUCTION_SETTINGS}).config["SESSION_COOKIE_SECURE"]


@pytest.mark.parametrize(("setting", "value"), [
    ("SITE_URL", ""), ("SITE_URL", "http://souk.example"), ("SITE_URL", "https://souk.example/shop"),
    ("SITE_URL", "souk.example"), ("TRUSTED_HOSTS", None), ("TRUSTED_HOSTS", []),
])
def test_production_refuses_to_start_without_a_site_url_or_allowed_hosts(app_config, setting, value):
    with pytest.raises(RuntimeError, match="SITE_URL|ALLOWED_HOSTS"):
        create_app({**app_config, **PRODUCTION_SETTINGS, setting: value})


# -- the templates keep a strict CSP possible ---------------------------------------------------

INLINE = {
    # JSON-LD is data a browser never runs (CSP's script-src does not apply to it): allowed.
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>", re.I),
    "style attribute": re.compile(r"<[^>]+\sstyle\s*=", re.I),
    "inline <style>": re.compile(r"<style[\s>]", re.I),
    "event handler attribute": re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def test_no_template_needs_unsafe_inline():
    found = [f"{path.relative_to(BASE_DIR)}: {what}"
             for path in sorted((BASE_DIR / "templates").rglob("*.html"))
             for what, pattern in INLINE.items() if pattern.search(path.read_text(encoding="utf-8"))]
    assert found == []
