"""The OpenAPI 3.1 document of the read API, written by hand (it is the partners' contract)."""
from __future__ import annotations

from typing import Any


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _param(name: str, description: str, schema: dict, where: str = "query", required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema}


def _list_of(name: str) -> dict:
    return {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": _ref(name)}}}


def _paged(name: str) -> dict:
    return {
        "type": "object",
        "required": ["items", "page", "per_page", "next", "prev"],
        "properties": {
            "items": {"type": "array", "items": _ref(name)},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
            "next": {"type": ["string", "null"], "format": "uri"},
            "prev": {"type": ["string", "null"], "format": "uri"},
        },
    }


def _errors(*statuses: str) -> dict:
    return {status: ERRORS[status] for status in statuses}


def _ok(schema: dict, description: str = "OK") -> dict:
    return {"200": {"description": description, "content": {"application/json": {"schema": schema}}}}


# Every operation may answer 400: the edge refuses control characters, invalid UTF-8 and over-long
# values in any parameter (app/web/input_guard.py). The reverse proxy answers 414 for a URL over 4 KB.
ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
    "404": {"$ref": "#/components/responses/NotFound"},
    "414": {"$ref": "#/components/responses/UriTooLong"},
}
# Text without control characters (what the edge accepts), at most `n` characters.
_TEXT = r"^[^\u0000-\u001f\u007f-\u009f\ufffd]*$"
_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"  # Western, Arabic-Indic and Persian digits, as keyboards type them
# Up to 999 999.99 MAD, "." or "," before the centimes; empty means no bound.
AMOUNT = rf"^ *({_DIGIT}{{1,6}}([.,]{_DIGIT}{{1,2}})?)? *$"


def _text(max_length: int = 80) -> dict:
    return {"type": "string", "maxLength": max_length, "pattern": _TEXT}


PAGING = [
    _param("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "maximum": 10000, "default": 1}),
    _param("per_page", "Items per page.", {"type": "integer", "minimum": 1, "maximum": 100, "default": 24}),
]
PRODUCT_FILTERS = [
    _param("q", "Full-text search (French, Arabic, English) over title, description, supplier and craft.",
           _text(200)),
    _param("category", "Category slug.", _text()),
    _param("hall", "Exhibition hall slug.", _text()),
    _param("city", "Supplier's city, exactly as listed.", _text()),
    _param("group", "Groupement solidaire slug.", _text()),
    _param("supplier", "Supplier (stand) slug.", _text(120)),
    _param("min_price", "Minimum price in MAD (e.g. 150 or 99.50); not above max_price (else 400).",
           {"type": "string", "pattern": AMOUNT}),
    _param("max_price", "Maximum price in MAD.", {"type": "string", "pattern": AMOUNT}),
    _param("sort", "Order; relevance when `q` is given and no sort is (or it is empty), else newest.",
           {"type": "string", "enum": ["", "newest", "price_asc", "price_desc"]}),
]

SCHEMAS: dict[str, Any] = {
    "Money": {
        "type": "object", "required": ["amount", "currency"],
        "description": "An amount in integer centimes (1/100 of the currency unit).",
        "properties": {"amount": {"type": "integer"}, "currency": {"type": "string", "const": "MAD"}},
    },
    "Image": {
        "type": ["object", "null"],
        "properties": {
            "url": {"type": "string", "format": "uri"}, "width": {"type": "integer"}, "height": {"type": "integer"},
            "renditions": {"type": "array", "items": {"type": "object", "properties": {
                "url": {"type": "string", "format": "uri"}, "width": {"type": "integer"},
                "height": {"type": "integer"}, "format": {"type": "string", "enum": ["webp", "jpeg"]}}}},
        },
    },
    "ProductSummary": {
        "type": "object", "required": ["id", "slug", "title", "url", "price", "in_stock", "supplier", "image"],
        "properties": {
            "id": {"type": "integer"}, "slug": {"type": "string"}, "title": {"type": "string"},
            "url": {"type": "string", "format": "uri"}, "price": _ref("Money"), "in_stock": {"type": "boolean"},
            "supplier": {"type": "object", "properties": {
                "slug": {"type": "string"}, "name": {"type": "string"}, "city": {"type": "string"}}},
            "image": _ref("Image"),
        },
    },
    "Product": {
        "allOf": [_ref("ProductSummary"), {
            "type": "object",
            "properties": {
                "description": {"type": "string", "description": "Sanitised HTML (p, br, strong, em, lists)."},
                "stock": {"type": "integer", "minimum": 0},
                "category": {"type": "object", "properties": {"slug": {"type": "string"}, "name": {"type": "string"}}},
                "images": {"type": "array", "items": _ref("Image")},
                "translations": {"type": "object", "additionalProperties": {"type": "object", "properties": {
                    "title": {"type": "string"}, "description": {"type": "string"}}}},
                "breakdown": {"type": "object", "properties": {
                    "producer": _ref("Money"), "producer_share_bp": {"type": "integer"},
                    "group_commission": _ref("Money"), "platform_fee": _ref("Money")}},
                "published_at": {"type": ["string", "null"], "format": "date-time"},
            },
        }],
    },
    "Supplier": {
        "type": "object", "required": ["slug", "name", "url"],
        "properties": {
            "slug": {"type": "string"}, "name": {"type": "string"}, "craft": {"type": "string"},
            "city": {"type": "string"}, "region": {"type": "string"}, "group": {"type": ["string", "null"]},
            "url": {"type": "string", "format": "uri"},
        },
    },
    "SupplierDetail": {
        "allOf": [_ref("Supplier"), {"type": "object", "properties": {
            "story": {"type": "string"}, "photo": _ref("Image"),
            "fairs": {"type": "array", "items": _ref("FairSummary")},
            "products": {"type": "string", "format": "uri"}}}],
    },
    "Hall": {
        "type": "object",
        "properties": {
            "slug": {"type": "string"}, "title": {"type": "string"}, "intro": {"type": "string"},
            "featured": {"type": "boolean"}, "cover": _ref("Image"), "url": {"type": "string", "format": "uri"},
            "products": {"type": "string", "format": "uri"},
        },
    },
    "FairSummary": {
        "type": "object",
        "properties": {
            "slug": {"type": "string"}, "name": {"type": "string"}, "city": {"type": "string"},
            "venue": {"type": "string"}, "starts_on": {"type": "string", "format": "date"},
            "ends_on": {"type": "string", "format": "date"}, "url": {"type": "string", "format": "uri"},
        },
    },
    "Fair": {
        "allOf": [_ref("FairSummary"), {"type": "object", "properties": {
            "upcoming": {"type": "boolean"},
            "stands": {"type": "array", "items": {"type": "object", "properties": {
                "supplier": {"type": "string"}, "name": {"type": "string"}, "label": {"type": "string"},
                "qr_code": {"type": "string", "format": "uri"}}}}}}],
    },
    "PickupPoint": {
        "type": "object",
        "properties": {
            "slug": {"type": "string"}, "name": {"type": "string"},
            "kind": {"type": "string", "enum": ["solidarity_space", "proximity_shop"]},
            "city": {"type": "string"}, "address": {"type": "string"}, "opening_hours": {"type": "string"},
            "phone": {"type": "string"},
        },
    },
    "Error": {
        "type": "object", "required": ["error"],
        "properties": {"error": {"type": "object", "required": ["status", "message"], "properties": {
            "status": {"type": "integer"}, "message": {"type": "string"}}}},
    },
}


def openapi_document(server_url: str) -> dict:
    """The document, with `server_url` (…/api/v1) as its server."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Souk Solidaire read API",
            "version": "1.0.0",
            "description": "Public products, supplier stands, exhibition halls, fairs and pickup points. "
                           "Read only, no authentication. Texts follow Accept-Language (fr, ar, en). "
                           "Amounts are integer centimes with their currency.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/products": {"get": {
                "summary": "Public products (catalogue)", "operationId": "listProducts",
                "parameters": PRODUCT_FILTERS + PAGING,
                "responses": {**_ok(_paged("ProductSummary")), **_errors("400", "414")},
            }},
            "/products/{id}": {"get": {
                "summary": "One public product", "operationId": "getProduct",
                "parameters": [_param("id", "Product id.", {"type": "integer"}, "path", True)],
                "responses": {**_ok(_ref("Product")), **_errors("400", "404", "414")},
            }},
            "/suppliers": {"get": {
                "summary": "Public supplier stands", "operationId": "listSuppliers", "parameters": PAGING,
                "responses": {**_ok(_paged("Supplier")), **_errors("400", "414")},
            }},
            "/suppliers/{slug}": {"get": {
                "summary": "One supplier stand", "operationId": "getSupplier",
                "parameters": [_param("slug", "Supplier slug.", _text(120), "path", True)],
                "responses": {**_ok(_ref("SupplierDetail")), **_errors("400", "404", "414")},
            }},
            "/halls": {"get": {"summary": "Exhibition halls", "operationId": "listHalls",
                               "responses": {**_ok(_list_of("Hall")), **_errors("400", "414")}}},
            "/fairs": {"get": {"summary": "Upcoming then past fairs, with stands", "operationId": "listFairs",
                               "responses": {**_ok(_list_of("Fair")), **_errors("400", "414")}}},
            "/pickup-points": {"get": {
                "summary": "Active pickup points", "operationId": "listPickupPoints",
                "parameters": [_param("city", "Only this city.", _text())],
                "responses": {**_ok(_list_of("PickupPoint")), **_errors("400", "414")},
            }},
            "/openapi.json": {"get": {"summary": "This document", "operationId": "getOpenApi",
                                      "responses": {**_ok({"type": "object"}), **_errors("400", "414")}}},
        },
        "components": {
            "schemas": SCHEMAS,
            "responses": {
                "BadRequest": {"description": "A parameter is malformed.",
                               "content": {"application/json": {"schema": _ref("Error")}}},
                "NotFound": {"description": "No such public object.",
                             "content": {"application/json": {"schema": _ref("Error")}}},
                "UriTooLong": {"description": "The URL is longer than the server reads (4 KB)."},
            },
        },
    }
