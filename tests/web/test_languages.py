"""French by default, Arabic right to left, and the visitor's choice remembered."""
import pytest

from app import create_app


@pytest.fixture
def french_client(app_config):
    app = create_app({**app_config, "BABEL_DEFAULT_LOCALE": "fr"})
    return app.test_client()


def test_shop_speaks_french_by_default(french_client):
    page = french_client.get("/").get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in page
    assert "Rechercher" in page


def test_browser_language_is_honoured(french_client):
    page = french_client.get("/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in page


def test_language_choice_is_remembered(french_client):
    response = french_client.post("/language", data={"lang": "ar", "next": "/products"})
    assert response.status_code == 302 and response.headers["Location"] == "/products"
    page = french_client.get("/").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in page


def test_unknown_language_falls_back_to_french(french_client):
    french_client.post("/language", data={"lang": "xx"})
    assert 'lang="fr"' in french_client.get("/").get_data(as_text=True)


def test_language_switch_never_redirects_off_site(french_client):
    response = french_client.post("/language", data={"lang": "en", "next": "//evil.example"})
    assert response.headers["Location"] == "/"
