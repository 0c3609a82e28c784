"""The API answers what its OpenAPI document says: schemathesis generates requests from the document
(valid and invalid ones, every check) against the app in this process, over a small seeded shop."""
from __future__ import annotations

import os
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from app.catalog.models import Product
from app.extensions import db
from app.numbers import western_digits
from tests.factories import make_product, make_supplier

# Per operation and generation mode: the 5 operations with parameters reach over 5 000 cases on SQLite; the
# PostgreSQL run (the same document and views) checks a sample.
EXAMPLES = 60 if os.environ.get("TEST_DATABASE_URL") else 1000
CONFIG = SchemathesisConfig.from_dict({"generation": {"mode": "all"}, "checks": {"enabled": True}})


@pytest.fixture
def api_schema(app):
    with app.app_context():
        supplier = make_supplier(slug="fatima")
        for n in range(3):
            make_product(supplier, title=f"Tajine {n}")
        db.session.commit()
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=CONFIG)


schema = schemathesis.pytest.from_fixture("api_schema")
CALLS = {"count": 0}  # how many cases ran (printed with -s: the CI run must stay above 5 000)


@schemathesis.hook("filter_query")
def _prices_in_order(context, query) -> bool:
    """A minimum above the maximum is a documented 400 that JSON Schema cannot express: not generated."""
    try:
        low, high = (float(western_digits(str((query or {})[name])).strip(" ").replace(",", "."))
                     for name in ("min_price", "max_price"))
    except (KeyError, ValueError, TypeError):
        return True
    return low <= high


@schemathesis.hook("after_call")
def _count(context, case, response) -> None:
    CALLS["count"] += 1


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_api_answers_as_its_document_says(case):
    # identity: the WSGI transport hands back the body as sent, and the app compresses what it may.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})


def teardown_module() -> None:
    print(f"schemathesis: {CALLS['count']} cases")


# -- what the outside probe found, one by one ----------------------------------------------------

def test_a_product_carries_its_cover_image_as_the_document_says(app, api_schema, client):
    with app.app_context():
        product_id = db.session.scalar(db.select(db.func.min(Product.id)))
    body = client.get(f"/api/v1/products/{product_id}").get_json()
    assert "image" in body and "images" in body
    document = client.get("/api/v1/openapi.json").get_json()
    assert "image" in document["components"]["schemas"]["ProductSummary"]["required"]


@pytest.mark.parametrize(("min_price", "status"), [("999999.99", 200), ("150", 200), ("99,5", 200), ("", 200),
                                                   ("1000000", 400), ("1e3", 400), ("-5", 400)])
def test_a_price_is_accepted_exactly_when_it_matches_the_documented_pattern(client, min_price, status):
    pattern = client.get("/api/v1/openapi.json").get_json()["paths"]["/products"]["get"]["parameters"]
    amount = next(p for p in pattern if p["name"] == "min_price")["schema"]["pattern"]
    assert bool(re.fullmatch(amount, min_price)) == (status == 200)
    assert client.get("/api/v1/products", query_string={"min_price": min_price}).status_code == status


@pytest.mark.parametrize("query", ["page=", "per_page=", "page=&per_page=5"])
def test_an_empty_page_or_page_size_is_refused_as_the_document_says(client, query):
    assert client.get(f"/api/v1/products?{query}").status_code == 400
    assert client.get(f"/api/v1/suppliers?{query}").status_code == 400


def test_every_operation_documents_400_and_414(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert all({"400", "414"} <= set(op["get"]["responses"]) for op in paths.values())
    assert client.get("/api/v1/products?min_price=200&max_price=100").status_code == 400
