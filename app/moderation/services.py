"""Deciding pending listings, one at a time or in bulk, through the listing lifecycle.

The lifecycle's conditional update is what keeps two moderators from both deciding the same
listing; here we only add what moderation needs on top: a queue, decisions by name, bulk
reports item by item, and each supplier's history from the audit log.
"""
from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.audit.models import AuditEntry
from app.catalog.lifecycle import AlreadyDecided, ReasonRequired, transition
from app.catalog.models import ListingStatus, Product, ProductImage
from app.errors import DomainError, Invalid, NotFound
from app.extensions import db
from app.suppliers.models import Supplier


class Decision(enum.StrEnum):
    """What a moderator decides about a pending listing (the form's value), and where it sends it."""

    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"

    @property
    def status(self) -> ListingStatus:
        return {Decision.APPROVE: ListingStatus.PUBLISHED, Decision.REJECT: ListingStatus.REJECTED,
                Decision.REQUEST_CHANGES: ListingStatus.CHANGES_REQUESTED}[self]


# Audit actions that tell a moderator how a supplier's listings went before.
DECISION_ACTIONS = tuple(f"listing.{decision.status.value}" for decision in Decision)
HISTORY_PER_SUPPLIER = 8


class UnknownDecision(Invalid):
    """The decision is not one of approve, reject, request_changes."""


@dataclass
class BulkReport:
    """What a bulk decision did, item by item."""

    decided: list[Product] = field(default_factory=list)
    refused: list[tuple[int, DomainError]] = field(default_factory=list)


def queue_query():
    """Pending listings, oldest submission first, with what the queue shows loaded up front."""
    return (
        select(Product)
        .where(Product.status == ListingStatus.PENDING)
        .options(
            joinedload(Product.supplier).joinedload(Supplier.group),
            joinedload(Product.supplier).joinedload(Supplier.user),
            joinedload(Product.category),
            selectinload(Product.images).joinedload(ProductImage.image),
            selectinload(Product.translations),
        )
        .order_by(Product.submitted_at.asc(), Product.id.asc())
    )


def target_status(decision: str) -> ListingStatus:
    try:
        return Decision(decision).status
    except ValueError:
        raise UnknownDecision(_l("Unknown decision.")) from None


def decide(product_id: int, decision: str, *, actor_id: int, reason: str = "") -> Product:
    """Apply one moderator decision to a pending listing; AlreadyDecided if it is no longer pending."""
    to = target_status(decision)
    product = db.session.get(Product, product_id)
    if product is None:
        raise NotFound(_l("This listing does not exist."))
    if product.status != ListingStatus.PENDING:
        raise AlreadyDecided(_l("This listing was already decided by someone else."))
    return transition(product, to, actor_id=actor_id, reason=reason)


def decide_many(product_ids: list[int], decision: str, *, actor_id: int, reason: str = "") -> BulkReport:
    """Apply one decision to several listings; those that cannot take it are reported, not fatal."""
    to = target_status(decision)
    if to != ListingStatus.PUBLISHED and not reason.strip():
        raise ReasonRequired(_l("Please give a reason."))
    report = BulkReport()
    for product_id in dict.fromkeys(product_ids):  # keep order, drop repeats
        try:
            report.decided.append(decide(product_id, decision, actor_id=actor_id, reason=reason))
        except DomainError as error:
            report.refused.append((product_id, error))
    return report


def titles(product_ids: list[int]) -> dict[int, str]:
    """Titles of listings by id (one query), to name them in reports."""
    if not product_ids:
        return {}
    return dict(db.session.execute(select(Product.id, Product.title).where(Product.id.in_(product_ids))).all())


def supplier_history(supplier_ids: list[int]) -> dict[int, list[AuditEntry]]:
    """Recent moderation and verification decisions about each supplier, newest first (one query)."""
    if not supplier_ids:
        return {}
    their_products = select(Product.id).where(Product.supplier_id.in_(supplier_ids))
    rows = db.session.execute(
        select(AuditEntry, Product.supplier_id)
        .outerjoin(Product, (AuditEntry.object_type == "product") & (AuditEntry.object_id == Product.id))
        .where(or_(
            (AuditEntry.object_type == "product") & AuditEntry.object_id.in_(their_products)
            & AuditEntry.action.in_(DECISION_ACTIONS),
            (AuditEntry.object_type == "supplier") & AuditEntry.object_id.in_(supplier_ids)
            & AuditEntry.action.startswith("verification."),
        ))
        .options(joinedload(AuditEntry.actor))
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(HISTORY_PER_SUPPLIER * len(supplier_ids) * 4)
    ).all()
    history: dict[int, list[AuditEntry]] = defaultdict(list)
    for entry, product_supplier_id in rows:
        supplier_id = product_supplier_id if entry.object_type == "product" else entry.object_id
        if len(history[supplier_id]) < HISTORY_PER_SUPPLIER:
            history[supplier_id].append(entry)
    return history
