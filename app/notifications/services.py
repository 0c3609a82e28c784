"""Telling a supplier something: by e-mail when they have an address, by SMS otherwise.

`notify` records the notice in the caller's transaction and queues its delivery, which leaves
after the commit (a rolled-back decision tells nobody). The job records whether it was sent.
"""
from __future__ import annotations

import logging

from sqlalchemy import select

from app import jobs, mail
from app.accounts.models import User
from app.db import utcnow
from app.extensions import db
from app.notifications.models import Channel, DeliveryState, NoticeKind, Notification
from app.sms import gateway

log = logging.getLogger(__name__)

RETRY_INTERVALS = (30, 120, 600)  # seconds


def notify(user: User, kind: NoticeKind, subject: str, email_body: str, sms_body: str) -> Notification | None:
    """Record and queue one notice (texts already in the user's language); None if the user has no contact."""
    if user.email:
        channel, recipient, body = Channel.EMAIL, user.email, email_body
    elif user.phone:
        channel, recipient, body = Channel.SMS, user.phone, sms_body
    else:
        log.warning("user %s has neither e-mail nor phone: %s not sent", user.id, kind.value)
        return None
    notice = Notification(user_id=user.id, kind=kind, channel=channel, recipient=recipient,
                          subject=subject[:200], body=body)
    db.session.add(notice)
    db.session.flush()
    jobs.enqueue(deliver, notice.id, queue="sms" if channel == Channel.SMS else "default",
                 retry_intervals=RETRY_INTERVALS)
    return notice


def deliver(notification_id: int) -> None:
    """The job: send the notice and record the outcome; raises only to let RQ try again later."""
    notice = db.session.get(Notification, notification_id)
    if notice is None or notice.state != DeliveryState.QUEUED:
        return  # delivered already (a job run twice sends once)
    notice.attempts += 1
    try:
        _send(notice)
    except (gateway.SmsError, OSError) as error:
        retry = getattr(error, "retry", True) and _retries_left()
        if not retry:
            notice.state, notice.error = DeliveryState.FAILED, str(error)[:200]
        jobs.commit()
        log.warning("notification %s not sent (attempt %s): %s", notice.id, notice.attempts, error)
        if retry:
            raise
        return
    notice.state, notice.sent_at = DeliveryState.SENT, utcnow()
    jobs.commit()


def _send(notice: Notification) -> None:
    if notice.channel == Channel.SMS:
        gateway.deliver(notice.recipient, notice.body)
    else:
        mail.deliver(mail.compose(notice.recipient, notice.subject, notice.body).as_bytes())


def _retries_left() -> bool:
    """Whether RQ will run this job again (in this process, without Redis, there is one try)."""
    from rq import get_current_job

    job = get_current_job()
    return bool(job is not None and job.retries_left)


def notifications_of(user_id: int, limit: int = 50) -> list[Notification]:
    """The user's latest notices, newest first (the portal's list)."""
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user_id)
                                   .order_by(Notification.id.desc()).limit(limit)))
