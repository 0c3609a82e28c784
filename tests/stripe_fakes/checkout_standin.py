"""A local stand-in for Stripe's Checkout Sessions API, which localstripe lacks.

It answers Stripe's documented request and response shapes on 127.0.0.1 so the real `stripe`
library can be pointed at it (STRIPE_API_BASE):
  POST /v1/checkout/sessions              (form-encoded, Idempotency-Key honoured like Stripe:
                                           same key + same parameters -> same session;
                                           same key + other parameters -> 400 idempotency_error)
  GET  /v1/checkout/sessions/<id>
  POST /v1/checkout/sessions/<id>/expire
Everything else under /v1/ (refunds, payment intents) is proxied to localstripe, which holds the
money side. GET/POST /pay/<id> is a fake hosted payment page: "paying" confirms a PaymentIntent
at localstripe, sends the signed checkout.session.completed webhook to the shop and redirects
the browser to success_url, as Stripe does.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

SESSION_PATH = re.compile(r"^/v1/checkout/sessions/(cs_[A-Za-z0-9_]+)(/expire)?$")
PAY_PATH = re.compile(r"^/pay/(cs_[A-Za-z0-9_]+)$")


def unflatten(pairs) -> dict:
    """Stripe's form encoding (a[b][0][c]=v) back into nested dicts and lists."""
    root: dict = {}
    for key, value in pairs:
        parts = re.findall(r"[^\[\]]+", key)
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _lists(root)


def _lists(node):
    if isinstance(node, dict):
        if node and all(k.isdigit() for k in node):
            return [_lists(node[k]) for k in sorted(node, key=int)]
        return {k: _lists(v) for k, v in node.items()}
    return node


def sign(payload: str, secret: str, timestamp: int | None = None) -> str:
    """The Stripe-Signature header exactly as Stripe computes it."""
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def event_payload(kind: str, session: dict, event_id: str | None = None) -> str:
    return json.dumps({
        "id": event_id or "evt_" + secrets.token_hex(12), "object": "event", "type": kind,
        "api_version": "2025-01-27.acacia", "created": int(time.time()), "livemode": False,
        "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
        "data": {"object": session},
    })


class CheckoutStandIn:
    """Stripe Checkout stand-in served by werkzeug in a thread on a free loopback port."""

    def __init__(self, localstripe_url: str) -> None:
        self.localstripe_url = localstripe_url.rstrip("/")
        self.sessions: dict[str, dict] = {}
        self.by_key: dict[str, tuple[dict, str]] = {}
        self.calls: dict[str, int] = defaultdict(int)
        self.delay_after_create = 0.0  # seconds: the session exists but the answer is late
        self.webhook_url = ""
        self.webhook_secret = ""
        self.lock = threading.Lock()
        self.server = make_server("127.0.0.1", 0, self.wsgi, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> CheckoutStandIn:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()

    def reset(self) -> None:
        with self.lock:
            self.sessions.clear()
            self.by_key.clear()
            self.calls.clear()
        self.delay_after_create = 0.0

    # -- WSGI ------------------------------------------------------------------------------

    def wsgi(self, environ, start_response):
        request = Request(environ)
        response = self.route(request)
        return response(environ, start_response)

    def route(self, request: Request) -> Response:
        path = request.path
        if path == "/v1/checkout/sessions" and request.method == "POST":
            return self.create(request)
        if match := SESSION_PATH.match(path):
            return self.expire(match[1]) if match[2] else self.retrieve(match[1])
        if match := PAY_PATH.match(path):
            return self.hosted_page(match[1]) if request.method == "GET" else self.pay_and_return(match[1])
        if path.startswith("/v1/"):
            return self.proxy(request)
        return self.error(404, "invalid_request_error", f"Unrecognized request URL ({path})")

    @staticmethod
    def json(body: dict, status: int = 200) -> Response:
        return Response(json.dumps(body), status=status, content_type="application/json",
                        headers={"Request-Id": "req_" + secrets.token_hex(8)})

    def error(self, status: int, kind: str, message: str, code: str = "") -> Response:
        return self.json({"error": {"type": kind, "message": message, "code": code}}, status)

    # -- Checkout Sessions -----------------------------------------------------------------

    def create(self, request: Request) -> Response:
        params = unflatten(request.form.items(multi=True))
        fingerprint = json.dumps(params, sort_keys=True)
        key = request.headers.get("Idempotency-Key", "")
        with self.lock:
            self.calls["create"] += 1
            if key and key in self.by_key:
                session, seen = self.by_key[key]
                if seen != fingerprint:
                    return self.error(400, "idempotency_error",
                                      "Keys for idempotent requests can only be used with the same parameters")
                return self.json(session)
            lines = params.get("line_items") or []
            session_id = "cs_test_" + secrets.token_hex(12)
            session = {
                "id": session_id, "object": "checkout.session", "mode": params.get("mode"),
                "amount_total": sum(int(li["price_data"]["unit_amount"]) * int(li["quantity"]) for li in lines),
                "amount_subtotal": sum(int(li["price_data"]["unit_amount"]) * int(li["quantity"]) for li in lines),
                "currency": (lines[0]["price_data"]["currency"] if lines else "mad"),
                "client_reference_id": params.get("client_reference_id"),
                "customer_email": params.get("customer_email"), "metadata": params.get("metadata") or {},
                "success_url": params.get("success_url"), "cancel_url": params.get("cancel_url"),
                "status": "open", "payment_status": "unpaid", "payment_intent": None, "livemode": False,
                "url": f"{self.url}/pay/{session_id}", "line_items_requested": lines,
                "expires_at": int(time.time()) + 24 * 3600,
            }
            self.sessions[session_id] = session
            if key:
                self.by_key[key] = (session, fingerprint)
        if self.delay_after_create:
            time.sleep(self.delay_after_create)
        return self.json(session)

    def retrieve(self, session_id: str) -> Response:
        session = self.sessions.get(session_id)
        if session is None:
            return self.error(404, "invalid_request_error", f"No such checkout.session: '{session_id}'",
                              "resource_missing")
        return self.json(session)

    def expire(self, session_id: str) -> Response:
        with self.lock:
            session = self.sessions.get(session_id)
            if session is None:
                return self.error(404, "invalid_request_error", "No such checkout.session", "resource_missing")
            if session["status"] != "open":
                return self.error(400, "invalid_request_error",
                                  "Only Checkout Sessions with a status of open can be expired.")
            session["status"] = "expired"
        return self.json(session)

    def session_count(self) -> int:
        return len(self.sessions)

    # -- money side, at localstripe --------------------------------------------------------

    def _localstripe(self, path: str, data: dict) -> dict:
        body = "&".join(f"{k}={v}" for k, v in data.items()).encode()
        request = urllib.request.Request(self.localstripe_url + path, data=body, method="POST",
                                         headers={"Authorization": "Bearer sk_test_standin"})
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (loopback)
            return json.loads(answer.read())

    def pay(self, session_id: str, amount: int | None = None, currency: str | None = None,
            force: bool = False) -> dict:
        """The shopper pays: a confirmed PaymentIntent at localstripe; the session becomes complete/paid.

        `amount`/`currency` let a test simulate a payment that does not match the order.
        """
        session = self.sessions[session_id]
        if session["status"] != "open" and not force:
            raise RuntimeError(f"session {session_id} is {session['status']}")
        method = self._localstripe("/v1/payment_methods", {
            "type": "card", "card[number]": "4242424242424242", "card[exp_month]": "12",
            "card[exp_year]": "2034", "card[cvc]": "123"})
        amount = session["amount_total"] if amount is None else amount
        currency = currency or session["currency"]
        intent = self._localstripe("/v1/payment_intents", {
            "amount": amount, "currency": currency, "payment_method": method["id"], "confirm": "true"})
        with self.lock:
            session.update(status="complete", payment_status="paid", payment_intent=intent["id"],
                           amount_total=amount, currency=currency)
        return dict(session)

    def deliver(self, kind: str, session: dict, event_id: str | None = None) -> int:
        """POST a signed event to the shop's webhook URL, as Stripe does; returns the HTTP status."""
        payload = event_payload(kind, session, event_id)
        request = urllib.request.Request(
            self.webhook_url, data=payload.encode(), method="POST",
            headers={"Content-Type": "application/json", "Stripe-Signature": sign(payload, self.webhook_secret)})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (loopback)
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code

    def hosted_page(self, session_id: str) -> Response:
        session = self.sessions.get(session_id)
        if session is None or session["status"] != "open":
            return Response("This checkout session is no longer open.", status=410)
        total = f"{session['amount_total'] / 100:.2f} {session['currency'].upper()}"
        html = (f"<!doctype html><html><head><meta name=viewport content='width=device-width'>"
                f"<title>Stand-in Checkout</title></head><body><h1>Stand-in Checkout</h1>"
                f"<p id=amount>{total}</p><form method=post action='/pay/{session_id}'>"
                f"<button id=pay type=submit>Pay {total}</button></form></body></html>")
        return Response(html, content_type="text/html")

    def pay_and_return(self, session_id: str) -> Response:
        session = self.pay(session_id)
        if self.webhook_url:
            self.deliver("checkout.session.completed", session)
        target = session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
        return Response("", status=303, headers={"Location": target})

    # -- everything else: localstripe ------------------------------------------------------

    def proxy(self, request: Request) -> Response:
        url = self.localstripe_url + request.full_path.rstrip("?")
        forwarded = urllib.request.Request(
            url, data=request.get_data() if request.method != "GET" else None, method=request.method,
            headers={"Authorization": request.headers.get("Authorization", ""),
                     "Content-Type": request.headers.get("Content-Type", "application/x-www-form-urlencoded")})
        try:
            with urllib.request.urlopen(forwarded, timeout=10) as answer:  # noqa: S310 (loopback)
                return Response(answer.read(), status=answer.status, content_type="application/json")
        except urllib.error.HTTPError as error:
            return Response(error.read(), status=error.code, content_type="application/json")
