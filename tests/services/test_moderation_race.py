"""Two moderators deciding the same listing at the same moment, each in their own transaction."""
import threading
from datetime import timedelta

from sqlalchemy import func, select

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.catalog.lifecycle import AlreadyDecided
from app.catalog.models import ListingStatus, Product
from app.db import utcnow
from app.extensions import db
from app.moderation import services
from tests.factories import make_product, make_user


def test_only_one_of_two_simultaneous_decisions_wins(app):
    with app.app_context():
        product_id = make_product(status=ListingStatus.PENDING, submitted_at=utcnow() - timedelta(hours=1)).id
        moderators = [make_user(Role.MODERATOR).id, make_user(Role.MODERATOR).id]
        db.session.commit()
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def moderate(actor_id: int, decision: str) -> None:
        with app.app_context():
            start.wait()
            try:
                services.decide(product_id, decision, actor_id=actor_id, reason="Blurry photo")
                db.session.commit()
                outcomes.append(decision)
            except AlreadyDecided:
                db.session.rollback()
                outcomes.append("already decided")

    threads = [threading.Thread(target=moderate, args=(moderators[0], "approve")),
               threading.Thread(target=moderate, args=(moderators[1], "reject"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes)[0] == "already decided" and len(outcomes) == 2
    winner = next(o for o in outcomes if o != "already decided")
    with app.app_context():
        status = db.session.get(Product, product_id).status
        decisions = db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.object_id == product_id))
    assert status == services.Decision(winner).status and decisions == 1
