"""What the language prefixes cost per request, against the same request with the prefix machinery removed.

`.venv/bin/python bench/language_prefix.py [--requests 3000]`

Times a cheap page-blueprint route (so the fixed cost is not hidden by rendering) through the test
client: unprefixed, under /ar/, and on an app whose middleware and redirect hook are taken out
(the baseline), interleaved in rounds so machine load hits all three alike. Prints CPU µs per
request (process time, best of the rounds: the machine is shared).
"""
from __future__ import annotations

import argparse
import tempfile
import time

from app import create_app
from app.web import languages

ROUNDS = 10


def build(with_prefixes: bool):
    folder = tempfile.mkdtemp()
    app = create_app({"APP_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/b.db",
                      "BABEL_DEFAULT_LOCALE": "fr", "REDIS_URL": "", "OUTBOX_DIR": folder, "SERVER_NAME": None})
    app.add_url_rule("/bench-page", "shop.bench", lambda: "ok")  # counts as a page of the shop blueprint
    if not with_prefixes:
        app.wsgi_app = app.wsgi_app.wsgi_app
        app.before_request_funcs[None].remove(languages.redirect_to_saved_language)
        app.after_request_funcs[None].remove(languages.vary_on_language)
    return app.test_client()


def per_request(client, path: str, count: int) -> float:
    start = time.process_time()
    for _ in range(count):
        client.get(path)
    return (time.process_time() - start) / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000)
    count = parser.parse_args().requests
    bare, prefixed = build(False), build(True)
    rounds: dict[str, list[float]] = {"baseline (no prefixes)": [], "unprefixed": [], "/ar/": []}
    for _ in range(ROUNDS):
        rounds["baseline (no prefixes)"].append(per_request(bare, "/bench-page", count // ROUNDS))
        rounds["unprefixed"].append(per_request(prefixed, "/bench-page", count // ROUNDS))
        rounds["/ar/"].append(per_request(prefixed, "/ar/bench-page", count // ROUNDS))
    base = min(rounds["baseline (no prefixes)"])
    for name, values in rounds.items():
        best = min(values)
        print(f"{name:24} {best:8.1f} CPU µs/request  (+{best - base:5.1f} µs)")


if __name__ == "__main__":
    main()
