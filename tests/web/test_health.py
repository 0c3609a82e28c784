def test_healthz_says_the_process_is_up(client):
    assert client.get("/healthz").json == {"status": "ok"}


def test_readyz_reports_each_dependency(client):
    assert client.get("/readyz").json == {
        "status": "ok", "checks": {"database": "ok", "storage": "ok", "redis": "not configured"}}


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert b"This page does not exist" in response.data or b"existe pas" in response.data


def test_security_headers_are_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
