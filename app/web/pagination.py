"""Lists in pages: the page asked for, one page of rows, and the links to the others.

One reading of `?page=` for every list of the site (`app.numbers.page_number`): a number that
makes no sense is the first page, never an OFFSET the database refuses. The catalogue and the API
are stricter (a 400 that says why: app/catalog/params.py) but read it with the same helper.
Templates draw the links with the one macro in templates/_macros/pagination.html.
"""
from __future__ import annotations

from flask import request, url_for
from flask_sqlalchemy.pagination import Pagination

from app.extensions import db
from app.numbers import page_number


def current_page() -> int:
    """This request's page number: 1 unless `?page=` is a whole number from 1 to MAX_PAGE."""
    return page_number(request.args.get("page")) or 1


def paginate(stmt, per_page: int) -> Pagination:
    """One page of `stmt`, the one this request asks for (past the end: an empty page, not a 404)."""
    return db.paginate(stmt, page=current_page(), per_page=per_page, error_out=False)


def page_url(number: int) -> str:
    """This list's URL at page `number`, keeping its filters. Only the list's own arguments are kept:
    url_for options (`_external`, `_scheme`, `_anchor`) taken from the query string would let a
    crafted link choose where "Next" points."""
    args = {name: value for name, value in request.args.items() if not name.startswith("_")}
    return url_for(request.endpoint, **{**args, **(request.view_args or {}), "page": number if number > 1 else None})
