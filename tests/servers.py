"""Real app servers for tests that need several processes: gunicorn with gunicorn.conf.py on a free port."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(**settings: str) -> dict:
    """The environment of a development server: no REDIS_URL unless given, nothing from the caller's CI."""
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DATABASE_URL", "APP_ENV"}}
    env.update({"APP_ENV": "development", "PYTHONPATH": str(ROOT)}, **settings)
    return env


@contextmanager
def gunicorn(env: dict, *args: str, app: str = "wsgi:app") -> Iterator[str]:
    """gunicorn -c gunicorn.conf.py `app` on a free loopback port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "--access-logfile", "/dev/null", *args, app],
        cwd=ROOT, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        stop(process)


@contextmanager
def flask_command(env: dict, *args: str) -> Iterator[subprocess.Popen]:
    """A long-running `flask --app wsgi ...` (a worker, the scheduler), stopped at the end."""
    process = subprocess.Popen([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env)
    try:
        yield process
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """Stop gracefully; a machine under heavy load may need a kill after a while."""
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server at {url} exited with {process.returncode}")
        try:
            if requests.get(f"{url}/healthz", timeout=5).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server at {url} did not start")


def scripted_browser() -> requests.Session:
    """A scripted visitor that says what a browser says of a form sent from the site's own page
    (`Sec-Fetch-Site: same-origin`): the forms of public pages carry no token for a visitor
    without a session, whose POST is checked by that header instead (app/security.py)."""
    session = requests.Session()
    session.headers["Sec-Fetch-Site"] = "same-origin"
    return session


def csrf_token(session: requests.Session, url: str) -> str:
    """The CSRF token of the form on `url` (the session keeps the cookie it belongs to); empty on a
    public page seen by a visitor without a session."""
    import re

    page = session.get(url, timeout=60).text
    return re.search(r'name="csrf_token"[^>]*value="([^"]*)"', page).group(1)
