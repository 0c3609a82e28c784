"""A forged Host (or X-Forwarded-Host) cannot steer the links the shop builds (reset e-mails, QR codes)."""
from app import create_app


def test_a_request_for_another_host_is_refused_when_hosts_are_configured(app_config):
    settings = {**app_config, "TRUSTED_HOSTS": ["souk.example.ma"], "PROPAGATE_EXCEPTIONS": False}
    client = create_app(settings).test_client()
    assert client.get("/healthz", headers={"Host": "souk.example.ma"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 400
