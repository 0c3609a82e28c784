"""Fixtures that start the Stripe stand-ins; test modules import the ones they use.

What stands in for what: localstripe (bound to 127.0.0.1 by our wrapper) stands in for Stripe's
PaymentIntents and Refunds; CheckoutStandIn stands in for Checkout Sessions and the hosted page,
and forwards the rest of /v1/ to localstripe. The shop talks to them with the real `stripe` library.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import create_app
from tests.stripe_fakes.checkout_standin import CheckoutStandIn

ROOT = Path(__file__).resolve().parents[2]
WEBHOOK_SECRET = "whsec_test_souk_solidaire"
# Short enough for the "Stripe is slow" test, long enough for a busy CI machine's normal answers.
STRIPE_TIMEOUT = 4.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("localstripe exited at start")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("localstripe did not start")


@pytest.fixture(scope="session")
def localstripe_url():
    """localstripe in a child process on a free loopback port, for the whole test session."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "tests.stripe_fakes.localstripe_loopback", str(port)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        _wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def _standin_server(localstripe_url):
    standin = CheckoutStandIn(localstripe_url).start()
    yield standin
    standin.stop()


@pytest.fixture
def standin(_standin_server):
    """The Checkout stand-in, emptied for each test."""
    _standin_server.reset()
    yield _standin_server
    _standin_server.reset()


def card_config(app_config: dict, api_base: str, **extra) -> dict:
    return {
        **app_config, "STRIPE_SECRET_KEY": "sk_test_souk", "STRIPE_PUBLISHABLE_KEY": "pk_test_souk",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET, "STRIPE_API_BASE": api_base,
        "STRIPE_TIMEOUT_SECONDS": STRIPE_TIMEOUT, "STRIPE_MAX_NETWORK_RETRIES": 0,
        "STRIPE_CHECKOUT_ORIGIN": api_base, "CSP_FORM_ACTION_EXTRA": (api_base,), **extra,
    }


@pytest.fixture(scope="session")
def card_app(app, app_config, _standin_server):
    """The shop with card payments on, talking to the stand-in (same database as `app`)."""
    return create_app(card_config(app_config, _standin_server.url))


@pytest.fixture
def card_client(card_app, standin):
    return card_app.test_client()
