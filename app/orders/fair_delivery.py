"""Ordering at a fair, from a stand's QR code: collect at the stand today, or have it delivered home.

Two delivery methods exist only for a shopper who came through a stand's QR address of a fair that
is on today: collecting at the stand (free, every item must come from a stand of that fair) and home
delivery of what is too heavy to carry (the home-delivery fee table; at least one item from a stand
of that fair). Either way the order keeps the fair, so the fair's report can count what its QR codes
brought. The rules live here only: the checkout page offers what `offer` allows, and `fair_of_order`
refuses anything else when the order is placed, whatever the form sent.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.errors import Invalid
from app.exhibition.models import Fair, FairStand
from app.extensions import db
from app.orders.models import DeliveryMethod


class FairDeliveryRefused(Invalid):
    """A fair delivery method the order cannot have (no fair, a fair not on today, items from elsewhere)."""


@dataclass(frozen=True)
class FairOffer:
    """What a cart may choose at this fair: the stands of its suppliers there, and whether it can all be collected."""

    fair: Fair
    stands: dict[int, str]  # supplier id -> stand label, for the cart's suppliers exhibiting at the fair
    collectable: bool  # every item comes from a stand of this fair

    @property
    def stand_labels(self) -> str:
        return ", ".join(sorted(label for label in self.stands.values() if label))


def offer(fair_id: int | None, supplier_ids: set[int], today: date) -> FairOffer | None:
    """The fair methods open to a cart of these suppliers' items, or None (no fair on today, no stand there)."""
    fair = db.session.get(Fair, fair_id) if fair_id else None
    if fair is None or not fair.starts_on <= today <= fair.ends_on:
        return None
    stands = _stands(fair.id, supplier_ids)
    return FairOffer(fair, stands, supplier_ids <= stands.keys()) if stands else None


def fair_of_order(method: DeliveryMethod, from_fair: bool, fair_id: int | None, supplier_ids: set[int],
                  today: date) -> int | None:
    """The fair an order being placed comes from (None when the shopper chose no fair method), or
    FairDeliveryRefused with the reason in the shopper's words."""
    if method == DeliveryMethod.PICKUP and from_fair:
        raise FairDeliveryRefused(_l("This delivery method is not available for your order."))
    if not from_fair and method != DeliveryMethod.STAND:
        return None
    if fair_id is None:
        raise FairDeliveryRefused(_l("This delivery method is only possible after scanning a stand's QR code at "
                                     "a fair that is on today."))
    fair = db.session.get(Fair, fair_id)
    if fair is None or not fair.starts_on <= today <= fair.ends_on:
        raise FairDeliveryRefused(_l("This fair is not on today: choose home delivery or a pickup point."))
    found = offer(fair_id, supplier_ids, today)
    if found is None:
        raise FairDeliveryRefused(_l("None of these items comes from a stand at %(fair)s.", fair=fair.name))
    if method == DeliveryMethod.STAND and not found.collectable:
        raise FairDeliveryRefused(_l("Only items from the stands of %(fair)s can be collected there: remove the "
                                     "others or choose home delivery.", fair=fair.name))
    return fair.id


def _stands(fair_id: int, supplier_ids: set[int]) -> dict[int, str]:
    if not supplier_ids:
        return {}
    rows = db.session.execute(select(FairStand.supplier_id, FairStand.stand_label)
                              .where(FairStand.fair_id == fair_id, FairStand.supplier_id.in_(supplier_ids)))
    return {supplier_id: label for supplier_id, label in rows}
