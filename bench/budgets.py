"""Page budgets on a phone: bytes transferred, other hosts, axe-core and Lighthouse, in French and Arabic.

    .venv/bin/python bench/budgets.py [--lighthouse] [--no-axe] [--products 48] [--base URL ...]

Without --base it builds a demo shop of its own (SQLite and media in a temporary folder, the demo
data of `flask seed-demo`) and serves it on a loopback port; with --base it measures shops already
running (one column set per base, e.g. before and after a change, in the same run).

- weight: Debian's Chromium (Playwright) at 390x844, DPR 2.625, a fresh context per page (cold
  cache), counting every byte received (headers and bodies as sent on the wire) until the load
  event and until the network has been quiet for half a second after it: an image below the
  fold counts unless it is really not fetched. Any request to another host is a failure.
- axe: axe-core (bench/node_modules) injected into the page, WCAG 2.1 A and AA rules.
- Lighthouse 12.2.3 (bench/node_modules, `npm ci` in bench/), mobile preset: accessibility, best
  practices and SEO must be 100; performance is reported against 95, not gated (CI machines are
  noisy).

Languages are chosen as a visitor does: the language cookie and the browser's language, and the
page's `<link rel="alternate" hreflang>` address when the page has one. Exit status 1 when a
budget is exceeded, after printing the table.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
NODE_MODULES = ROOT / "bench" / "node_modules"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2.625, "is_mobile": True,
         "has_touch": True}
LANGUAGES = {"fr": "fr-FR", "ar": "ar-MA"}
BUDGET_BYTES = 150_000
QUIET_MS = 500
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The demo beneficiary (app/demo): the supplier's listing form needs a logged-in beneficiary.
BENEFICIARY = ("beneficiary@souk-solidaire.ma", "demo-beneficiary-2026")
WEIGHED = ("home", "catalogue", "hall", "stand", "product", "cart", "checkout")
LIGHTHOUSE = ("home", "catalogue", "product", "stand", "fair")
AXE = ("home", "catalogue", "product", "stand", "fair", "login", "register", "checkout", "listing form")
ADD_TO_CART = "form.add-to-cart button[type=submit]"
GATED_CATEGORIES = ("accessibility", "best-practices", "seo")
PERFORMANCE_TARGET = 95
LIGHTHOUSE_ATTEMPTS = 3


@dataclass
class Weight:
    bytes: int = 0
    requests: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    foreign: set[str] = field(default_factory=set)


@dataclass
class Result:
    base: str
    weights: dict[tuple[str, str], Weight] = field(default_factory=dict)
    axe: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    lighthouse: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)

    def failures(self) -> list[str]:
        found = []
        for (page, lang), weight in self.weights.items():
            if weight.bytes > BUDGET_BYTES:
                found.append(f"{page} ({lang}): {weight.bytes} bytes > {BUDGET_BYTES}")
            if weight.foreign:
                found.append(f"{page} ({lang}): requests to other hosts {sorted(weight.foreign)}")
        for (page, lang), violations in self.axe.items():
            if violations:
                found.append(f"{page} ({lang}): axe {', '.join(violations)}")
        for (page, lang), scores in self.lighthouse.items():
            for category in GATED_CATEGORIES:
                if scores.get(category, 0) < 100:
                    found.append(f"{page} ({lang}): Lighthouse {category} {scores.get(category)}")
        return found


# -- the shop under test -------------------------------------------------------------------

@contextlib.contextmanager
def demo_shop(products: int) -> Iterator[str]:
    """A demo shop of its own, served on a free loopback port for as long as the block runs."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args: object) -> None:  # a line per photo would drown the table
            pass

    with tempfile.TemporaryDirectory(prefix="souk-budgets-") as folder:
        app = _demo_app(Path(folder), products)
        server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=Quiet)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()


def _demo_app(folder: Path, products: int):
    from flask_migrate import upgrade

    from app import create_app
    from app.demo.services import seed_demo
    from app.extensions import db

    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'shop.db'}",
        "MEDIA_ROOT": str(folder / "media"), "PRIVATE_ROOT": str(folder / "private"),
        "OUTBOX_DIR": str(folder / "outbox"), "REDIS_URL": "", "RATELIMIT_STORAGE_URI": "memory://",
    })
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        seed_demo(products)
        db.session.commit()
    return app


# -- finding the pages ---------------------------------------------------------------------

def discover(browser: Browser, base: str) -> dict[str, str]:
    """Paths of one page of each kind, found by following the shop's own links (French)."""
    context = browser.new_context(locale=LANGUAGES["fr"], **PHONE)
    page = context.new_page()
    paths = {"home": "/", "catalogue": "/products", "login": "/account/login",
             "register": "/account/register", "cart": "/cart", "checkout": "/checkout",
             "listing form": "/supplier/products/new"}
    for kind, listing, pattern in (("hall", "/halls", r"/halls/[^/?#]+$"), ("fair", "/fairs", r"/fairs/[^/?#]+$")):
        paths[kind] = _links(page, base + listing, pattern)[0]
    # A product that can be put in the cart (the cart and checkout pages need one).
    for product in _links(page, base + "/products", r"/products/\d+"):
        page.goto(base + product)
        if page.locator(ADD_TO_CART).count():
            paths["product"] = product
            break
    paths["stand"] = _links(page, base + paths["product"], r"/suppliers/[^/?#]+$")[0]
    context.close()
    return paths


def _links(page: Page, url: str, pattern: str) -> list[str]:
    """Paths of the links in `url`'s main content matching `pattern`, in page order."""
    page.goto(url)
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))")
    found = list(dict.fromkeys(urlsplit(h).path for h in hrefs if re.search(pattern, urlsplit(h).path)))
    if not found:
        raise SystemExit(f"no link matching {pattern} on {url}")
    return found


def localized(browser: Browser, base: str, path: str, lang: str) -> str:
    """The address of `path` in `lang`: its hreflang alternate when the page has one, else itself
    (the language then comes from the cookie and the browser's language)."""
    if lang == "fr":
        return base + path
    context = _context(browser, base, lang)
    page = context.new_page()
    page.goto(base + path)
    href = page.eval_on_selector_all(f'link[rel=alternate][hreflang="{lang}"]',
                                     "links => links.length ? links[0].getAttribute('href') : null")
    context.close()
    if not href:
        return base + path
    parts = urlsplit(urljoin(base + path, href))
    return base + parts.path + (f"?{parts.query}" if parts.query else "")


def _context(browser: Browser, base: str, lang: str, state: dict | None = None) -> BrowserContext:
    """A fresh context (an empty cache) of a phone speaking `lang`."""
    context = browser.new_context(locale=LANGUAGES[lang], storage_state=state, **PHONE)
    context.add_cookies([{"name": "lang", "value": lang, "url": base}])
    return context


def shopper_with_cart(browser: Browser, base: str, product: str) -> dict:
    """The cookies of a visitor who put the product in their cart (for the cart and checkout pages)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base + product)
    page.locator(ADD_TO_CART).first.click()
    page.wait_for_load_state("load")
    state = context.storage_state()
    context.close()
    return state


def beneficiary(browser: Browser, base: str) -> dict:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base + "/account/login")
    page.fill("input[name=email]", BENEFICIARY[0])
    page.fill("input[name=password]", BENEFICIARY[1])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    state = context.storage_state()
    context.close()
    return state


# -- measuring -----------------------------------------------------------------------------

def weigh(browser: Browser, base: str, url: str, lang: str, state: dict | None) -> Weight:
    """Bytes on the wire for one cold load, as Chromium's network layer counts them."""
    context = _context(browser, base, lang, state)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    weight, kinds, host = Weight(), {}, urlsplit(base).netloc
    last = [time.monotonic()]

    def sent(event: dict) -> None:
        last[0] = time.monotonic()
        request_url = event["request"]["url"]
        if request_url.startswith("http") and urlsplit(request_url).netloc != host:
            weight.foreign.add(urlsplit(request_url).netloc)

    def received(event: dict) -> None:
        kinds[event["requestId"]] = event.get("type", "Other").lower()

    def finished(event: dict) -> None:
        last[0] = time.monotonic()
        kind = kinds.get(event["requestId"], "other")
        weight.bytes += int(event["encodedDataLength"])
        weight.requests += 1
        weight.by_type[kind] = weight.by_type.get(kind, 0) + int(event["encodedDataLength"])

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.responseReceived", received)
    cdp.on("Network.loadingFinished", finished)
    page.goto(url, wait_until="load")
    while time.monotonic() - last[0] < QUIET_MS / 1000:
        page.wait_for_timeout(100)
    context.close()
    return weight


def axe(browser: Browser, base: str, url: str, lang: str, state: dict | None) -> list[str]:
    """WCAG 2.1 A/AA violations found by axe-core, as "rule-id x nodes"."""
    context = _context(browser, base, lang, state)
    page = context.new_page()
    page.goto(url, wait_until="load")
    # Evaluated through the DevTools protocol: the shop's CSP rightly refuses an injected <script>.
    page.evaluate(_axe_source())
    found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    context.close()
    return [f"{v['id']} x{len(v['nodes'])}" for v in found["violations"]]


@functools.cache
def _axe_source() -> str:
    return (NODE_MODULES / "axe-core" / "axe.min.js").read_text()


def lighthouse(base: str, url: str, lang: str) -> dict[str, int]:
    """Lighthouse's four category scores (0-100), mobile preset, in `lang`."""
    with tempfile.TemporaryDirectory(prefix="souk-lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = [
            "node", str(NODE_MODULES / "lighthouse" / "cli" / "index.js"), url, "--quiet", "--output=json",
            f"--output-path={report}", "--only-categories=performance,accessibility,best-practices,seo",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}", f"--locale={lang}",
            "--extra-headers", json.dumps({"Cookie": f"lang={lang}", "Accept-Language": LANGUAGES[lang]}),
        ]
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM), "TMPDIR": folder}
        for attempt in range(LIGHTHOUSE_ATTEMPTS):
            # On a loaded machine Lighthouse sometimes loses the page's trace (NO_NAVSTART): run again.
            done = subprocess.run(command, env=env, cwd=folder, stdout=subprocess.DEVNULL, timeout=300)
            if done.returncode == 0:
                break
            if attempt == LIGHTHOUSE_ATTEMPTS - 1:
                done.check_returncode()
        categories = json.loads(report.read_text())["categories"]
    return {name: round((value["score"] or 0) * 100) for name, value in categories.items()}


def measure(browser: Browser, base: str, *, run_axe: bool, run_lighthouse: bool) -> Result:
    result = Result(base)
    paths = discover(browser, base)
    cart = shopper_with_cart(browser, base, paths["product"])
    states = {"cart": cart, "checkout": cart, "listing form": beneficiary(browser, base)}
    for lang in LANGUAGES:
        urls = {kind: localized(browser, base, path, lang) for kind, path in paths.items()}
        for kind in WEIGHED:
            result.weights[kind, lang] = weigh(browser, base, urls[kind], lang, states.get(kind))
        if run_axe:
            for kind in AXE:
                result.axe[kind, lang] = axe(browser, base, urls[kind], lang, states.get(kind))
        if run_lighthouse:
            for kind in LIGHTHOUSE:
                result.lighthouse[kind, lang] = lighthouse(base, urls[kind], lang)
    return result


# -- the table -----------------------------------------------------------------------------

def table(results: list[Result]) -> str:
    several = len(results) > 1
    lines = ["| page | lang | " + " | ".join(_columns(r, several) for r in results) + " |",
             "| --- | --- | " + " | ".join("---: | ---: | ---: | ---" for _ in results) + " |"]
    keys = sorted({key for r in results for key in (*r.weights, *r.axe, *r.lighthouse)},
                  key=lambda k: (_order(k[0]), k[1] != "fr"))
    for page, lang in keys:
        cells = []
        for r in results:
            weight = r.weights.get((page, lang))
            violations = r.axe.get((page, lang))
            scores = r.lighthouse.get((page, lang))
            cells += [
                f"{weight.bytes / 1000:.1f}" if weight else "",
                str(weight.requests) if weight else "",
                "/".join(str(scores.get(c, "")) for c in ("performance", *GATED_CATEGORIES)) if scores else "",
                ("0" if not violations else "; ".join(violations)) if violations is not None else "",
            ]
        lines.append(f"| {page} | {lang} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _columns(result: Result, several: bool) -> str:
    label = f" ({result.base})" if several else ""
    return f"kB{label} | requests | Lighthouse perf/a11y/bp/seo | axe violations"


def _order(page: str) -> int:
    kinds = list(dict.fromkeys((*WEIGHED, *LIGHTHOUSE, *AXE)))
    return kinds.index(page)


def run(bases: list[str], *, products: int, run_axe: bool, run_lighthouse: bool) -> list[Result]:
    with sync_playwright() as playwright, contextlib.ExitStack() as stack:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        if not bases:
            bases = [stack.enter_context(demo_shop(products))]
        return [measure(browser, base, run_axe=run_axe, run_lighthouse=run_lighthouse) for base in bases]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", action="append", default=[], help="a running shop to measure (repeatable)")
    parser.add_argument("--products", type=int, default=48, help="demo products when no --base is given")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (about 20 s a page)")
    parser.add_argument("--no-axe", action="store_true", help="skip the axe-core checks")
    args = parser.parse_args()
    results = run(args.base, products=args.products, run_axe=not args.no_axe, run_lighthouse=args.lighthouse)
    print(table(results))
    for result in results:
        types: dict[str, int] = {}
        for weight in result.weights.values():
            for kind, size in weight.by_type.items():
                types[kind] = types.get(kind, 0) + size
        print(f"\n{result.base}: bytes by type over all weighed pages: "
              + ", ".join(f"{k} {v / 1000:.1f} kB" for k, v in sorted(types.items(), key=lambda i: -i[1])))
    for result in results:
        for (page, lang), scores in result.lighthouse.items():
            if scores.get("performance", 0) < PERFORMANCE_TARGET:
                print(f"note (not gated): {result.base} {page} ({lang}) performance {scores.get('performance')}"
                      f" < {PERFORMANCE_TARGET}")
    failures = [f for result in results for f in result.failures()]
    for failure in failures:
        print(f"OVER BUDGET {failure}")
    print(f"{len(failures)} budget(s) exceeded" if failures else "every budget met")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
