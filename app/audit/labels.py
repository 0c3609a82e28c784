"""What each audit action means, in words staff read (the codes stay in the log and the CSV)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "listing.created": _l("Listing created"),
    "listing.updated": _l("Listing edited"),
    "listing.draft": _l("Listing back to draft"),
    "listing.pending": _l("Listing submitted for review"),
    "listing.published": _l("Listing published"),
    "listing.rejected": _l("Listing rejected"),
    "listing.changes_requested": _l("Changes requested on a listing"),
    "listing.archived": _l("Listing archived"),
    "verification.auto_approved": _l("Verified automatically against the microcredit record"),
    "verification.queued": _l("Verification waiting for staff"),
    "verification.approved": _l("Verification approved"),
    "verification.refused": _l("Verification refused"),
    "verification.flagged": _l("Supplier flagged for review"),
    "verification.flag_cleared": _l("Flag cleared"),
    "verification.suspended": _l("Supplier suspended"),
    "verification.spot_audit_drawn": _l("Drawn for a spot audit"),
    "verification.spot_audit_passed": _l("Spot audit passed"),
    "verification.spot_audit_failed": _l("Spot audit failed"),
    "microcredit.imported": _l("Microcredit records imported"),
    "supplier.created": _l("Stand opened"),
    "supplier.updated": _l("Stand edited"),
    "order.placed": _l("Order placed"),
    "order.pending_payment": _l("Order waiting for payment"),
    "order.paid": _l("Order paid"),
    "order.confirmed": _l("Order confirmed"),
    "order.shipped": _l("Order shipped"),
    "order.delivered": _l("Order delivered"),
    "order.cancelled": _l("Order cancelled"),
    "order.refunded": _l("Order refunded"),
    "order_line.shipped": _l("Order line shipped"),
    "order_line.delivered": _l("Order line delivered"),
    "payment.flagged": _l("Payment flagged"),
    "payment.needs_refund": _l("Refund owed"),
    "payment.refunded": _l("Payment refunded"),
    "payment.refund_failed": _l("Refund failed"),
    "payout.recorded": _l("Payout recorded"),
    "user.role_changed": _l("Role changed"),
    "account.make_admin": _l("Administrator appointed"),
    "account.deactivate": _l("Account deactivated"),
    "account.reactivate": _l("Account reactivated"),
    "account.second_factor_enrolled": _l("Second factor set up"),
    "account.recovery_code_used": _l("Recovery code used"),
    "assist.consent": _l("Beneficiary consented to assistance"),
    "assist.action": _l("Action by an agent for a beneficiary"),
    "assist.end": _l("Assistance ended"),
    "assist.taken_over": _l("Beneficiary took over their stand"),
    "hall.cover_changed": _l("Hall cover changed"),
    "hall.product_added": _l("Piece added to a hall"),
    "hall.product_moved": _l("Piece moved in a hall"),
    "hall.product_removed": _l("Piece removed from a hall"),
    "glossary.saved": _l("Search glossary entry saved"),
    "glossary.deleted": _l("Search glossary entry deleted"),
}


def action_label(action: str) -> str:
    """The words for an action; an action this table does not know yet shows its code."""
    return str(ACTION_LABELS.get(action, action))
