"""Stand QR codes: a PNG linking to the online stand, only for stands of that fair."""
from __future__ import annotations

from app.extensions import db
from tests.factories import make_fair, make_supplier

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def setup_fair(app):
    with app.app_context():
        present, absent = make_supplier(slug="khadija"), make_supplier(slug="absent")
        hidden = make_supplier(slug="hidden", verified=False)
        make_fair(slug="rabat", suppliers=(present, hidden))
        make_fair(slug="fes", suppliers=(absent,))
        db.session.commit()


def test_qr_png_of_a_stand_is_a_cacheable_png(client, app):
    setup_fair(app)
    response = client.get("/fairs/rabat/qr/khadija.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.data.startswith(PNG_SIGNATURE)
    assert "max-age" in response.headers["Cache-Control"]
    again = client.get("/fairs/rabat/qr/khadija.png", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_qr_png_decodes_as_an_image(client, app):
    from io import BytesIO

    from PIL import Image

    setup_fair(app)
    image = Image.open(BytesIO(client.get("/fairs/rabat/qr/khadija.png").data))
    assert image.format == "PNG" and image.width == image.height and image.width >= 200


def test_qr_encodes_the_stands_counted_short_address(client, app):
    from app.exhibition.qr import qr_png

    setup_fair(app)
    response = client.get("/fairs/rabat/qr/khadija.png", base_url="https://souk.example.ma")
    assert response.data == qr_png("https://souk.example.ma/f/rabat/khadija")
    assert response.data != qr_png("https://souk.example.ma/f/rabat/absent")


def test_qr_only_for_public_stands_of_that_fair(client, app):
    setup_fair(app)
    assert client.get("/fairs/rabat/qr/absent.png").status_code == 404
    assert client.get("/fairs/rabat/qr/hidden.png").status_code == 404
    assert client.get("/fairs/rabat/qr/nobody.png").status_code == 404
    assert client.get("/fairs/nowhere/qr/khadija.png").status_code == 404
    assert client.get("/fairs/fes/qr/absent.png").status_code == 200


def test_print_page_shows_the_code_and_the_stand_url(client, app):
    setup_fair(app)
    response = client.get("/fairs/rabat/qr/khadija")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'src="/fairs/rabat/qr/khadija.png"' in page
    assert "http://localhost/f/rabat/khadija" in page
    assert client.get("/fairs/rabat/qr/absent").status_code == 404
