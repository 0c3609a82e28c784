"""Words for the values of the domain's enums, in the reader's language: one table per enum.

Templates write `{{ order.status|label }}` and `<span class="badge {{ order.status|tone }}">`;
views and flashes call `label(value)`. A value missing from its table is a KeyError in
tests (tests/web/test_labels.py walks every table), never a raw code shown to a person.
"""
from __future__ import annotations

import enum
from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from app.accounts.models import Role
from app.catalog.models import ListingStatus
from app.fairs.models import TakingsMethod
from app.moderation.services import Decision
from app.notifications.models import DeliveryState, NoticeKind
from app.orders.models import LineStatus, OrderStatus, PaymentMethod
from app.payments.models import PaymentState
from app.solidarity.models import EntryKind
from app.suppliers.models import VerificationState
from app.verification.models import LoanStatus, RequestKind, RequestState

LABELS: Mapping[type[enum.Enum], Mapping[enum.Enum, LazyString]] = {
    OrderStatus: {
        OrderStatus.PENDING_PAYMENT: _l("Waiting for payment"),
        OrderStatus.AWAITING_PHONE: _l("Waiting for the code sent to your phone"),
        OrderStatus.PAID: _l("Paid"),
        OrderStatus.CONFIRMED: _l("Confirmed, pay on delivery"),
        OrderStatus.SHIPPED: _l("Shipped"),
        OrderStatus.DELIVERED: _l("Delivered"),
        OrderStatus.REFUSED: _l("Refused at delivery"),
        OrderStatus.CANCELLED: _l("Cancelled"),
        OrderStatus.REFUNDED: _l("Refunded"),
    },
    LineStatus: {
        LineStatus.PENDING: _l("To prepare"),
        LineStatus.SHIPPED: _l("Shipped"),
        LineStatus.DELIVERED: _l("Delivered"),
        LineStatus.CANCELLED: _l("Cancelled"),
    },
    PaymentMethod: {
        PaymentMethod.CASH: _l("Cash on delivery"),
        PaymentMethod.CARD: _l("Card"),
    },
    PaymentState: {
        PaymentState.CREATED: _l("started"),
        PaymentState.SUCCEEDED: _l("succeeded"),
        PaymentState.FAILED: _l("failed"),
        PaymentState.EXPIRED: _l("expired"),
        PaymentState.REFUNDED: _l("refunded"),
        PaymentState.FLAGGED: _l("flagged: amount or currency did not match"),
    },
    ListingStatus: {
        ListingStatus.DRAFT: _l("Draft"),
        ListingStatus.PENDING: _l("Waiting for review"),
        ListingStatus.PUBLISHED: _l("Published"),
        ListingStatus.REJECTED: _l("Rejected"),
        ListingStatus.CHANGES_REQUESTED: _l("Changes requested"),
        ListingStatus.ARCHIVED: _l("Archived"),
    },
    Decision: {  # past participles: "3 listings approved."
        Decision.APPROVE: _l("approved"),
        Decision.REJECT: _l("rejected"),
        Decision.REQUEST_CHANGES: _l("changes requested"),
    },
    VerificationState: {
        VerificationState.UNVERIFIED: _l("Not verified"),
        VerificationState.PENDING: _l("Verification pending"),
        VerificationState.VERIFIED: _l("Verified"),
        VerificationState.FLAGGED: _l("Under review"),
        VerificationState.SUSPENDED: _l("Suspended"),
    },
    RequestKind: {
        RequestKind.REQUEST: _l("Verification request"),
        RequestKind.FLAG: _l("Flagged by an import"),
        RequestKind.SPOT_AUDIT: _l("Spot audit"),
    },
    RequestState: {
        RequestState.PENDING: _l("Pending"),
        RequestState.APPROVED: _l("Approved"),
        RequestState.REFUSED: _l("Refused"),
    },
    LoanStatus: {
        LoanStatus.ACTIVE: _l("active"),
        LoanStatus.REPAID: _l("repaid"),
        LoanStatus.WRITTEN_OFF: _l("written off"),
    },
    EntryKind: {
        EntryKind.EARNING: _l("earning"),
        EntryKind.PAYOUT: _l("payout"),
        EntryKind.REVERSAL: _l("reversal (refund)"),
        EntryKind.TAKINGS: _l("takings at a fair"),
        EntryKind.FAIR_FEE: _l("fee on fair takings"),
    },
    NoticeKind: {
        NoticeKind.NEW_ORDER: _l("New order"),
        NoticeKind.LISTING_DECISION: _l("Listing"),
        NoticeKind.VERIFICATION_DECISION: _l("Verification"),
        NoticeKind.LOW_STOCK: _l("Stock"),
    },
    DeliveryState: {
        DeliveryState.QUEUED: _l("Being sent"),
        DeliveryState.SENT: _l("Sent"),
        DeliveryState.FAILED: _l("Not delivered"),
    },
    TakingsMethod: {
        TakingsMethod.CASH: _l("Cash"),
        TakingsMethod.CARD_TERMINAL: _l("Card terminal"),
    },
    Role: {
        Role.SHOPPER: _l("Shopper"),
        Role.BENEFICIARY: _l("Beneficiary (supplier)"),
        Role.GROUP_MANAGER: _l("Group manager"),
        Role.MODERATOR: _l("Moderator"),
        Role.ADMIN: _l("Administrator"),
        Role.OVERSIGHT: _l("Oversight (read only)"),
        Role.ORGANISER: _l("Fair organiser"),
    },
}

# The colour of a value's badge: good news, something to do or wait for, or a refusal. Keyed by enum
# first, like LABELS: members of different StrEnums with the same value are equal strings.
TONES: Mapping[type[enum.Enum], Mapping[enum.Enum, str]] = {
    OrderStatus: {
        **dict.fromkeys((OrderStatus.PAID, OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.DELIVERED),
                        "badge-ok"),
        **dict.fromkeys((OrderStatus.PENDING_PAYMENT, OrderStatus.AWAITING_PHONE, OrderStatus.CANCELLED,
                         OrderStatus.REFUNDED), "badge-warn"),
        OrderStatus.REFUSED: "badge-bad",
    },
    LineStatus: {LineStatus.PENDING: "badge-warn"},
    ListingStatus: {
        ListingStatus.PENDING: "badge-warn", ListingStatus.PUBLISHED: "badge-ok",
        ListingStatus.REJECTED: "badge-bad", ListingStatus.CHANGES_REQUESTED: "badge-warn",
    },
    VerificationState: {
        VerificationState.UNVERIFIED: "badge-bad", VerificationState.PENDING: "badge-warn",
        VerificationState.VERIFIED: "badge-ok", VerificationState.FLAGGED: "badge-warn",
        VerificationState.SUSPENDED: "badge-bad",
    },
    LoanStatus: {LoanStatus.ACTIVE: "badge-ok", LoanStatus.REPAID: "badge-ok", LoanStatus.WRITTEN_OFF: "badge-bad"},
}


def label(value: enum.Enum) -> str:
    """The words for one value of an enum, in the current language."""
    return str(LABELS[type(value)][value])


def choices(enum_type: type[enum.Enum]) -> list[tuple[str, LazyString]]:
    """(value, words) pairs for a select field, in the table's order."""
    return [(member.value, words) for member, words in LABELS[enum_type].items()]


def tone(value: enum.Enum) -> str:
    """The badge class for a value; values that are neither good nor bad news have none."""
    return TONES.get(type(value), {}).get(value, "")
