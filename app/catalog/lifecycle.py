"""The listing lifecycle as data: allowed moves, and one function that refuses the rest.

Moves are conditional updates on the status the caller saw, so two moderators deciding the
same listing at once cannot both win: the second gets AlreadyDecided (409).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from app.audit.services import record
from app.catalog.models import ListingStatus as S
from app.catalog.models import Product
from app.db import utcnow
from app.errors import Conflict
from app.extensions import db

ALLOWED: dict[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.PENDING, S.ARCHIVED}),
    S.PENDING: frozenset({S.PUBLISHED, S.REJECTED, S.CHANGES_REQUESTED, S.DRAFT, S.ARCHIVED}),
    S.PUBLISHED: frozenset({S.PENDING, S.ARCHIVED}),
    S.REJECTED: frozenset({S.PENDING, S.DRAFT, S.ARCHIVED}),
    S.CHANGES_REQUESTED: frozenset({S.PENDING, S.DRAFT, S.ARCHIVED}),
    S.ARCHIVED: frozenset({S.DRAFT}),
}


class IllegalTransition(Conflict):
    """The listing is not in a state that allows this move."""


class AlreadyDecided(Conflict):
    """Somebody else changed the listing since it was read."""


class ReasonRequired(Conflict):
    status = 422


def transition(product: Product, to: S, *, actor_id: int | None, reason: str = "") -> Product:
    """Move `product` to `to` if allowed from the status it has now; audit the move."""
    current = product.status
    if to not in ALLOWED[current]:
        raise IllegalTransition(_l("This listing cannot go from %(a)s to %(b)s.", a=current.value, b=to.value))
    if to.needs_reason and not reason.strip():
        raise ReasonRequired(_l("Please give a reason."))
    now = utcnow()
    values: dict = {"status": to, "updated_at": now}
    if to == S.PENDING:
        values["submitted_at"] = now
    if to == S.PUBLISHED:
        values["published_at"] = now
    if to.needs_reason or to == S.PUBLISHED:
        values["moderation_reason"] = reason.strip()
    result = db.session.execute(
        update(Product).where(Product.id == product.id, Product.status == current).values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise AlreadyDecided(_l("This listing was already decided by someone else."))
    db.session.refresh(product)
    record(f"listing.{to.value}", "product", product.id, actor_id, previous=current.value, reason=reason.strip())
    return product
