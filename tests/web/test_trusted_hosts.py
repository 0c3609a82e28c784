"""A forged Host (or X-Forwarded-Host) cannot steer the links the shop builds (reset e-mails, QR codes):
hosts are checked when configured, and links come from SITE_URL (production requires both)."""
from __future__ import annotations

import re

import pytest
from flask import url_for

from app import create_app
from app.extensions import db
from app.mail import outbox_messages
from tests.factories import make_user


def test_a_request_for_another_host_is_refused_when_hosts_are_configured(app_config):
    settings = {**app_config, "TRUSTED_HOSTS": ["souk.example.ma"], "PROPAGATE_EXCEPTIONS": False}
    client = create_app(settings).test_client()
    assert client.get("/healthz", headers={"Host": "souk.example.ma"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 400


# -- SITE_URL: every absolute link starts with the configured origin, whatever the Host says ----

@pytest.fixture
def site_app(app, app_config, tmp_path):
    """The test app's settings plus SITE_URL, and no host restriction (the probe's case)."""
    return create_app({**app_config, "SITE_URL": "https://souk.example.ma", "OUTBOX_DIR": str(tmp_path)})


def test_a_reset_link_points_to_the_site_url_whatever_the_host_header(site_app):
    with site_app.app_context():
        make_user(email="amina@example.ma")
        db.session.commit()
    client = site_app.test_client()
    response = client.post("/account/reset", data={"email": "amina@example.ma"}, headers={"Host": "evil.example"})
    assert response.status_code == 302
    with site_app.app_context():
        [message] = outbox_messages()
    links = re.findall(r"https?://[^/\s]+", message.get_content())
    assert links and set(links) == {"https://souk.example.ma"}


def test_api_links_point_to_the_site_url(site_app):
    response = site_app.test_client().get("/api/v1/openapi.json", headers={"Host": "evil.example"})
    assert "evil.example" not in response.text
    assert "https://souk.example.ma/api/v1" in response.text


def test_links_built_outside_a_request_use_the_site_url_too(site_app):
    with site_app.app_context():
        assert url_for("account.login", _external=True) == "https://souk.example.ma/account/login"


def test_without_a_site_url_development_links_follow_the_request(client):
    assert "http://localhost/api/v1" in client.get("/api/v1/openapi.json").text
