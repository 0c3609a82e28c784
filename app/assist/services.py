"""Assisted onboarding: consent by a code sent to the beneficiary's phone, every act audited.

The agent works inside the beneficiary's portal for the length of an Assistance; each change
they make is written to the audit log as "by agent X for beneficiary Y". Verification against
the microcredit records stays the beneficiary's own step (the web layer refuses it to agents).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from app.accounts import phone_codes
from app.accounts import services as accounts
from app.accounts.errors import AccountError
from app.accounts.models import CodePurpose, Role, User
from app.assist.models import Assistance
from app.audit import services as audit
from app.db import utcnow
from app.extensions import db
from app.validators import normalize_moroccan_mobile


class NotAssistable(AccountError):
    field = "phone"
    status = 409
    default_message = _l("This number belongs to an account that cannot be assisted here.")


class AssistanceOver(AccountError):
    status = 403
    default_message = _l("This assistance has ended.")


def request_consent(agent_id: int, phone: str) -> tuple[str, str]:
    """A consent code for the beneficiary's phone, bound to this agent; returns (number, code in clear)."""
    number = normalize_moroccan_mobile(phone)
    existing = accounts.find_by_phone(number)
    if existing is not None and (existing.role != Role.BENEFICIARY or not existing.active):
        raise NotAssistable()
    return number, phone_codes.issue(number, CodePurpose.CONSENT, agent_id)


def start(agent_id: int, phone: str, code: str, name: str, locale: str | None = None) -> Assistance:
    """The beneficiary typed the code: open the sitting (and their account, when they have none yet)."""
    phone_codes.redeem(phone, CodePurpose.CONSENT, code, agent_id)
    beneficiary = accounts.find_by_phone(phone)
    if beneficiary is None:
        beneficiary = accounts.register_phone_user(phone, name, Role.BENEFICIARY, locale)
    elif beneficiary.role != Role.BENEFICIARY or not beneficiary.active:
        raise NotAssistable()
    sitting = Assistance(agent_id=agent_id, beneficiary_id=beneficiary.id)
    db.session.add(sitting)
    db.session.flush()
    audit.record("assist.consent", "user", beneficiary.id, actor_id=agent_id, assistance_id=sitting.id)
    return sitting


def active(assistance_id: int) -> Assistance:
    """The sitting, if it has not ended; AssistanceOver otherwise."""
    sitting = db.session.get(Assistance, assistance_id)
    if sitting is None or sitting.ended_at is not None:
        raise AssistanceOver()
    return sitting


def record_action(sitting: Assistance, action: str) -> None:
    """One change made by the agent in the beneficiary's portal (kept only if the change is committed)."""
    audit.record("assist.action", "user", sitting.beneficiary_id, actor_id=sitting.agent_id,
                 assistance_id=sitting.id, step=action)


def end(assistance_id: int) -> Assistance:
    """The agent hands over."""
    sitting = db.session.get(Assistance, assistance_id)
    if sitting is not None and sitting.ended_at is None:
        sitting.ended_at = utcnow()
        audit.record("assist.end", "user", sitting.beneficiary_id, actor_id=sitting.agent_id, assistance_id=sitting.id)
    return sitting


def take_over(beneficiary: User) -> bool:
    """The beneficiary logs in themselves: every open sitting ends; True if there was one (their sessions reset)."""
    ended = db.session.execute(update(Assistance).where(Assistance.beneficiary_id == beneficiary.id,
                                                        Assistance.ended_at.is_(None)).values(ended_at=utcnow()))
    if not ended.rowcount:
        return False
    audit.record("assist.taken_over", "user", beneficiary.id, actor_id=beneficiary.id)
    accounts.end_all_sessions(beneficiary.id)  # the agent's browser is logged out of the beneficiary's account
    return True


