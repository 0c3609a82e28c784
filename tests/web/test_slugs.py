"""Readable slugs in Arabic too, and a stale slug sends the reader to the current address."""
from urllib.parse import quote

from sqlalchemy import select

from app.catalog.models import ListingStatus, Product
from app.extensions import db
from tests.web.test_supplier_products import form, log_in_stand, product


def test_a_listing_titled_in_arabic_gets_an_arabic_slug_and_old_links_redirect(app, client):
    me = log_in_stand(app, client)
    client.post("/supplier/products/new", data=form(me, title="زيت أركان بلدي ٢٥٠ مل"))
    with app.app_context():
        listing = db.session.scalar(select(Product))
        listing.status = ListingStatus.PUBLISHED
        db.session.commit()
        pid = listing.id
    assert product(app, pid).slug == "زيت-أركان-بلدي-250-مل"
    address = f"/ar/products/{pid}-" + quote("زيت-أركان-بلدي-250-مل")
    assert client.get(address).status_code == 200
    stale = client.get(f"/ar/products/{pid}-115027")  # the digits-only slug such titles used to get
    assert stale.status_code == 301 and stale.headers["Location"] == address
