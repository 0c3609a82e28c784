"""Moderation decisions through the listing lifecycle, one at a time and in bulk."""
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.audit.services import record
from app.catalog.lifecycle import AlreadyDecided, ReasonRequired
from app.catalog.models import ListingStatus, Product
from app.db import utcnow
from app.extensions import db
from app.moderation import services
from tests.factories import make_product, make_supplier, make_user


def pending(supplier=None, hours_ago: int = 1, **kw):
    return make_product(supplier=supplier, status=ListingStatus.PENDING,
                        submitted_at=utcnow() - timedelta(hours=hours_ago), **kw)


@pytest.fixture
def moderator(app_ctx):
    return make_user(Role.MODERATOR)


def test_queue_lists_only_pending_listings_oldest_first(moderator):
    newer, older = pending(hours_ago=1), pending(hours_ago=30)
    make_product(status=ListingStatus.PUBLISHED)
    make_product(status=ListingStatus.DRAFT)
    assert db.session.scalars(services.queue_query()).unique().all() == [older, newer]


def test_approving_publishes_the_listing_and_audits_who_did_it(moderator):
    product = pending()
    services.decide(product.id, "approve", actor_id=moderator.id)
    assert product.status == ListingStatus.PUBLISHED and product.published_at is not None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.object_id == product.id))
    assert (entry.action, entry.actor_id, entry.object_type) == ("listing.published", moderator.id, "product")


def test_rejecting_keeps_the_reason_for_the_beneficiary(moderator):
    product = pending()
    services.decide(product.id, "reject", actor_id=moderator.id, reason="  Photo is blurry  ")
    assert product.status == ListingStatus.REJECTED
    assert product.moderation_reason == "Photo is blurry"


@pytest.mark.parametrize("decision", ["reject", "request_changes"])
def test_reject_and_request_changes_need_a_reason(moderator, decision):
    product = pending()
    with pytest.raises(ReasonRequired):
        services.decide(product.id, decision, actor_id=moderator.id, reason="   ")
    assert product.status == ListingStatus.PENDING


def test_second_decision_on_the_same_listing_is_already_decided(moderator):
    product = pending()
    services.decide(product.id, "approve", actor_id=moderator.id)
    with pytest.raises(AlreadyDecided) as caught:
        services.decide(product.id, "reject", actor_id=make_user(Role.MODERATOR).id, reason="too late")
    assert caught.value.status == 409
    assert product.status == ListingStatus.PUBLISHED
    decisions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_id == product.id)).all()
    assert decisions == ["listing.published"]


def test_moderator_who_read_a_stale_status_loses_the_race(moderator):
    product = pending()
    db.session.commit()
    assert product.status == ListingStatus.PENDING  # loaded in this session, now stale
    with db.engine.begin() as other_moderator:
        other_moderator.execute(update(Product).where(Product.id == product.id)
                                .values(status=ListingStatus.PUBLISHED))
    with pytest.raises(AlreadyDecided):
        services.decide(product.id, "reject", actor_id=moderator.id, reason="late")
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "listing.rejected")) is None


def test_bulk_decision_reports_listings_that_are_not_pending_item_by_item(moderator):
    first, second, third = pending(), pending(), pending()
    published = make_product(status=ListingStatus.PUBLISHED)
    report = services.decide_many([first.id, published.id, second.id, 999999, third.id, first.id],
                                  "approve", actor_id=moderator.id)
    assert [p.id for p in report.decided] == [first.id, second.id, third.id]
    assert [product_id for product_id, _ in report.refused] == [published.id, 999999]
    assert isinstance(report.refused[0][1], AlreadyDecided)
    assert report.refused[1][1].status == 404
    assert published.status == ListingStatus.PUBLISHED


def test_bulk_rejection_without_reason_decides_nothing(moderator):
    product = pending()
    with pytest.raises(ReasonRequired):
        services.decide_many([product.id], "reject", actor_id=moderator.id)
    assert product.status == ListingStatus.PENDING


def test_history_shows_earlier_decisions_on_the_suppliers_listings(moderator):
    supplier, other = make_supplier(), make_supplier()
    earlier = pending(supplier)
    services.decide(earlier.id, "reject", actor_id=moderator.id, reason="No photo")
    pending(other)
    record("verification.approved", "supplier", supplier.id, moderator.id)
    record("supplier.updated", "supplier", supplier.id, supplier.user_id)  # not a decision: not shown
    history = services.supplier_history([supplier.id, other.id])
    assert [e.action for e in history[supplier.id]] == ["verification.approved", "listing.rejected"]
    assert history[supplier.id][1].details["reason"] == "No photo"
    assert other.id not in history
