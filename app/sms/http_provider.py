"""A REST SMS provider: POST {SMS_API_BASE}/messages with a bearer key and a JSON body.

The only module that speaks HTTP to the provider. Network failures and 5xx/429 answers are
SmsUnavailable (the job retries); any other refusal is SmsRejected (it would fail again).
"""
from __future__ import annotations

import logging

import requests

from app.sms.gateway import Sms, SmsRejected, SmsUnavailable

log = logging.getLogger(__name__)


class HttpSmsProvider:
    def __init__(self, base_url: str, api_key: str, timeout: float) -> None:
        if not base_url or not api_key:
            raise SmsRejected("SMS_API_BASE and SMS_API_KEY must be set for the http backend")
        self.url = base_url.rstrip("/") + "/messages"
        self.api_key = api_key
        self.timeout = timeout

    @classmethod
    def from_config(cls, config) -> HttpSmsProvider:
        return cls(config["SMS_API_BASE"], config["SMS_API_KEY"], config["SMS_TIMEOUT_SECONDS"])

    def send(self, sms: Sms) -> str:
        try:
            response = requests.post(
                self.url,
                json={"from": sms.sender, "to": sms.to, "text": sms.body},
                headers={"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"},
                timeout=self.timeout,
            )
        except requests.RequestException as error:
            raise SmsUnavailable(f"provider unreachable: {type(error).__name__}") from error
        if response.status_code == 429 or response.status_code >= 500:
            raise SmsUnavailable(f"provider answered {response.status_code}")
        if not response.ok:
            raise SmsRejected(f"provider refused the message: {response.status_code}")
        try:
            return str(response.json()["id"])
        except (ValueError, KeyError, TypeError):
            # Accepted (2xx) but unreadable: the message probably left, so never send it twice.
            log.warning("sms provider accepted a message without a readable id")
            return ""
