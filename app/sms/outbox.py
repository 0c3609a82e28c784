"""Development backend: each message becomes a JSON file in OUTBOX_DIR, beside the e-mails.

Tests and the browser test read the codes sent to a phone from here.
"""
from __future__ import annotations

import json
import logging
import time
import uuid
from pathlib import Path

from flask import current_app

from app.sms.gateway import Sms

log = logging.getLogger(__name__)

SUFFIX = ".sms.json"


class OutboxBackend:
    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)

    @classmethod
    def from_config(cls, config) -> OutboxBackend:
        return cls(config["OUTBOX_DIR"])

    def send(self, sms: Sms) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Named by time first: the outbox lists in sending order even within one clock tick of mtime.
        message_id = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"
        path = self.folder / f"{message_id}{SUFFIX}"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"id": message_id, "to": sms.to, "from": sms.sender, "body": sms.body},
                                  ensure_ascii=False))
        tmp.replace(path)
        log.info("sms to outbox: %s", path.name)
        return message_id


def outbox_sms(to: str | None = None) -> list[dict]:
    """Messages in the outbox, oldest first, optionally only those sent to one number."""
    folder = Path(current_app.config["OUTBOX_DIR"])
    paths = sorted(folder.glob(f"*{SUFFIX}")) if folder.exists() else []
    messages = [json.loads(p.read_text()) for p in paths]
    return [m for m in messages if to is None or m["to"] == to]
