"""Throughput of the catalogue and product pages beside a bare Flask route, at 1k, 10k and 100k products.

Each size gets its own SQLite database and, with --postgres, its own scratch PostgreSQL database
(bulk-inserted here: fast and independent of the demo seeder), served by gunicorn with 2 sync
workers on a free loopback port, and hammered by `wrk` (apt-get install wrk) or, without it, a
bounded Python thread load generator. The bare route ("hello") is served the same way and
measured in the same run, so the ratios hold on any machine.

    .venv/bin/python bench/catalogue.py [--sizes 1000,10000,100000] [--seconds 4] [--rounds 3]
        [--postgres postgresql+psycopg://127.0.0.1:5432/postgres] [--before DIR] [--in-process]

--before DIR serves a checkout of an older commit too (e.g. `git worktree add --detach DIR <commit>`,
with its translations compiled and assets built), uncached, on the same database and in the same
interleaved rounds: its columns are the "before" of a before/after measured in one run.

--in-process measures without HTTP instead, uncached: a child process per checkout (this one, then
--before) times a bare Flask route and the pages through Flask's test client, without cookies (a
first visit), in CPU time of the process, which a machine shared with other work moves far less
than throughput: five interleaved passes of 40 requests per page in each child (median pass), the
checkouts alternating over --rounds rounds; the ratio to the bare route is taken within each child.
"cold" is the same page with the site's cache emptied before each request: nothing remembered, every
fragment rendered afresh (what the first visitor after a change, or a new server, pays once).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HELLO_APP = '''
from flask import Flask
app = Flask(__name__)

@app.get("/")
def hello():
    return "hello"
'''

# The yardstick the targets came from: the plainest Flask-SQLAlchemy + Jinja shop on the same database,
# one ORM query per page (the 24 newest public products with their stand; one product with its stand),
# none of the shop's hooks, languages, photos or security. What it reaches bounds what the shop can.
MINIMAL_APP = '''
import os
from datetime import datetime

from flask import Flask, abort, render_template
from flask_sqlalchemy import SQLAlchemy
from jinja2 import DictLoader
from sqlalchemy import ForeignKey, select
from sqlalchemy.orm import Mapped, contains_eager, mapped_column, relationship

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
db = SQLAlchemy(app)
PAGE = "<!doctype html><html lang=fr><title>{{ title }}</title><body>{% block body %}{% endblock %}</body></html>"
CARD = ("<article><a href=/products/{{ p.id }}>{{ p.title }}</a> {{ p.price_centimes // 100 }} MAD "
        "{{ p.supplier.display_name }}</article>")
app.jinja_env.loader = DictLoader({
    "page.html": PAGE,
    "list.html": "{% extends 'page.html' %}{% block body %}{% for p in products %}" + CARD
                 + "{% endfor %}{% endblock %}",
    "detail.html": "{% extends 'page.html' %}{% block body %}<h1>{{ p.title }}</h1><p>{{ p.description }}</p>"
                   "<p>{{ p.price_centimes // 100 }} MAD, {{ p.stock }} left, by {{ p.supplier.display_name }}</p>"
                   "<form method=post action=/cart><input name=product value={{ p.id }}><button>Add</button></form>"
                   "{% endblock %}"})


class Supplier(db.Model):
    __tablename__ = "suppliers"
    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str]
    verification_state: Mapped[str]


class Product(db.Model):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    description: Mapped[str]
    price_centimes: Mapped[int]
    stock: Mapped[int]
    status: Mapped[str]
    published_at: Mapped[datetime | None]
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"))
    supplier: Mapped[Supplier] = relationship()


def public():
    return (select(Product).join(Product.supplier).options(contains_eager(Product.supplier))
            .where(Product.status == "published", Supplier.verification_state == "verified"))


@app.get("/products")
def catalogue():
    products = db.session.scalars(public().order_by(Product.published_at.desc(), Product.id.desc()).limit(24))
    return render_template("list.html", title="Catalogue", products=products.all())


@app.get("/products/<int:product_id>")
def product(product_id):
    found = db.session.scalars(public().where(Product.id == product_id)).one_or_none()
    if found is None:
        abort(404)
    return render_template("detail.html", title=found.title, p=found)
'''

CRAFTS = [  # (category slug, category name, nouns, qualifiers)
    ("poterie", "Poterie", ["Tajine", "Plat à couscous", "Bol", "Vase", "Assiette"],
     ["de Safi", "émaillé", "peint à la main", "zellige bleu"]),
    ("tapis", "Tapis", ["Tapis", "Kilim", "Hanbel", "Tapis de prière"],
     ["Beni Ouarain", "de l'Atlas", "Azilal", "berbère"]),
    ("textiles", "Textiles", ["Coussin", "Nappe", "Foulard", "Djellaba"],
     ["brodé", "tissé main", "de Rabat", "en lin"]),
    ("cuir", "Cuir", ["Babouches", "Sac", "Pouf", "Ceinture"],
     ["en cuir de Fès", "jaunes", "brodé", "tanné végétal"]),
    ("vannerie", "Vannerie", ["Panier", "Corbeille", "Chapeau", "Tapis de table"],
     ["en doum", "tressé", "en osier", "de Salé"]),
    ("bijoux", "Bijoux", ["Bracelet", "Fibule", "Collier", "Boucles d'oreilles"],
     ["en argent", "de Tiznit", "berbère", "en ambre"]),
    ("argan", "Argan et terroir", ["Huile d'argan", "Amlou", "Miel", "Savon noir"],
     ["alimentaire", "cosmétique", "bio", "de Souss"]),
    ("bois", "Bois de thuya", ["Boîte", "Plateau", "Échiquier", "Coffret"],
     ["en thuya", "marqueté", "d'Essaouira", "sculpté"]),
]
ARABIC = ["طاجين", "زربية", "سلة", "زيت أركان", "بلغة", "سوار فضة", "مخدة مطرزة", "صندوق العرعار"]
FIRST_NAMES = ["Khadija", "Youssef", "Fatima Zahra", "Aicha", "Rachid", "Naima", "Meryem", "Hassan", "Zineb",
               "Mohamed", "Latifa", "Omar", "Hanane", "Brahim", "Saida", "Abdellah", "Malika", "Said"]
FAMILY_NAMES = ["Amrani", "Ait Ali", "Ouali", "Benali", "El Idrissi", "Chraibi", "Tazi", "Berrada", "Alaoui",
                "Bennani", "Ouazzani", "Fassi", "Kettani", "Lahlou", "Naciri", "Sqalli", "Tahiri", "Zerouali"]
CITIES = [("Safi", "Marrakech-Safi"), ("Fès", "Fès-Meknès"), ("Agadir", "Souss-Massa"), ("Salé", "Rabat-Salé-Kénitra"),
          ("Khénifra", "Béni Mellal-Khénifra"), ("Tiznit", "Souss-Massa"), ("Essaouira", "Marrakech-Safi"),
          ("Casablanca", "Casablanca-Settat"), ("Marrakech", "Marrakech-Safi"), ("Oujda", "Oriental")]


def fake_renditions(n: int) -> list[dict]:
    """Rendition records like the pipeline writes (files need not exist to render HTML)."""
    out = []
    for fmt in ("webp", "jpeg"):
        for width in (320, 640, 1280):
            out.append({"width": width, "height": width * 3 // 4, "format": fmt, "kind": "w", "bytes": 20000,
                        "path": f"{n:02x}/{n:02x}/{n:064x}-{width}.{fmt}"})
        out.append({"width": 320, "height": 320, "format": fmt, "kind": "thumb", "bytes": 9000,
                    "path": f"{n:02x}/{n:02x}/{n:064x}-thumb.{fmt}"})
    return out


def seed(db_path: Path | str, products: int, seed_value: int = 7) -> None:
    """A realistic public catalogue of `products` products, bulk-inserted (seconds for 100k).

    `db_path` is a SQLite file or a database URL (PostgreSQL).
    """
    from sqlalchemy import insert

    from app import create_app
    from app.accounts.models import User
    from app.catalog import search
    from app.catalog.models import Category, Product, ProductImage, ProductTranslation
    from app.exhibition.models import Fair, FairStand, Hall, HallProduct, PickupPoint
    from app.extensions import db
    from app.media.models import Image
    from app.suppliers.models import Group, Supplier

    rng = random.Random(seed_value)
    now = datetime.now(UTC)
    url = db_path if isinstance(db_path, str) and "://" in db_path else f"sqlite:///{db_path}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "APP_ENV": "development"})
    with app.app_context():
        db.create_all()
        run = db.session.execute
        run(insert(Category), [{"id": i + 1, "slug": slug, "name": name, "name_i18n": {}, "position": i}
                               for i, (slug, name, _, _) in enumerate(CRAFTS)])
        run(insert(Group), [{"id": 1, "slug": "groupement-sale", "name": "Groupement solidaire de Salé",
                             "city": "Salé", "description": "", "description_i18n": {}, "commission_bp": 1000},
                            {"id": 2, "slug": "groupement-fes", "name": "Groupement des artisans de Fès",
                             "city": "Fès", "description": "", "description_i18n": {}, "commission_bp": 800}])
        suppliers = max(40, min(2000, products // 50))
        run(insert(User), [{"id": i, "email": f"supplier{i}@bench.ma", "password_hash": "x", "name": f"S{i}",
                            "role": "beneficiary", "active": True} for i in range(1, suppliers + 1)])
        run(insert(Supplier), [{
            "id": i, "user_id": i, "slug": f"artisan-{i}", "trade_name": "",
            "display_name": f"{FIRST_NAMES[i % 18]} {FAMILY_NAMES[(i // 18) % 18]}",
            "craft": CRAFTS[i % len(CRAFTS)][1], "city": CITIES[i % len(CITIES)][0],
            "region": CITIES[i % len(CITIES)][1], "story": "Artisan depuis vingt ans.", "story_i18n": {},
            "group_id": (i % 3) or None, "verification_state": "verified" if i % 25 else "suspended",
            "verified_at": now, "flag_reason": ""} for i in range(1, suppliers + 1)])
        run(insert(Image), [{"id": n, "content_hash": f"{n:064x}", "state": "ready", "width": 1280, "height": 960,
                             "placeholder": "#b07a4f", "renditions": fake_renditions(n), "original_path": ""}
                            for n in range(1, 61)])
        batch = 10_000
        for start in range(1, products + 1, batch):
            rows, images, translations = [], [], []
            for pid in range(start, min(start + batch, products + 1)):
                craft = pid % len(CRAFTS)
                _, _, nouns, adjectives = CRAFTS[craft]
                title = f"{rng.choice(nouns)} {rng.choice(adjectives)} n°{pid}"
                status = "published" if pid % 10 else rng.choice(["draft", "pending", "archived"])
                published = now - timedelta(minutes=rng.randrange(525_600)) if status == "published" else None
                rows.append({
                    "id": pid, "supplier_id": rng.randrange(1, suppliers + 1), "category_id": craft + 1,
                    "slug": re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"), "title": title,
                    "description": f"{title}, fait main au Maroc. Pièce unique, chaque modèle varie légèrement.",
                    "price_centimes": rng.randrange(30, 3000) * 100, "stock": rng.randrange(0, 20),
                    "status": status, "moderation_reason": "", "published_at": published,
                    "submitted_at": published, "created_at": now, "updated_at": now})
                images.append({"product_id": pid, "image_id": 1 + pid % 60, "position": 0})
                if pid % 2:
                    images.append({"product_id": pid, "image_id": 1 + (pid * 7) % 60, "position": 1})
                if pid % 3 == 0:
                    translations.append({"product_id": pid, "locale": "ar", "title": f"{ARABIC[craft]} {pid}",
                                         "description": ""})
            run(insert(Product), rows)
            run(insert(ProductImage), images)
            run(insert(ProductTranslation), translations)
        run(insert(Hall), [{"id": h, "slug": slug, "title": title, "title_i18n": {}, "intro": "Sélection.",
                            "intro_i18n": {}, "cover_id": h, "position": h, "featured": True}
                           for h, (slug, title, _, _) in enumerate(CRAFTS[:4], start=1)])
        run(insert(HallProduct), [{"hall_id": h, "product_id": pid, "position": k}
                                  for h in range(1, 5) for k, pid in enumerate(range(h * 10, products, 97)) if k < 60])
        soon = now.date() + timedelta(days=10)
        run(insert(Fair), [{"id": 1, "slug": "salon-rabat", "name": "Salon de Rabat", "name_i18n": {}, "city": "Rabat",
                            "venue": "Bab El Had", "starts_on": soon, "ends_on": soon + timedelta(days=3),
                            "description": ""}])
        run(insert(FairStand), [{"fair_id": 1, "supplier_id": i, "stand_label": f"A{i}"} for i in range(1, 21)])
        run(insert(PickupPoint), [{"slug": "espace-sale", "name": "Espace solidaire de Salé",
                                   "kind": "solidarity_space", "city": "Salé", "address": "Avenue Hassan II",
                                   "opening_hours": "9h-19h",
                                   "phone": "", "active": True}])
        db.session.commit()
        with db.engine.begin() as conn:
            search.install(conn)  # indexes every product in one statement
        with db.engine.connect() as conn:  # as autovacuum would: statistics, and the GIN pending list merged
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE")
        if db.engine.dialect.name == "postgresql":  # ids were given explicitly: move the sequences on
            with db.engine.begin() as conn:
                for name in ("users", "suppliers", "products", "images", "categories", "groups", "halls", "fairs"):
                    conn.exec_driver_sql(f"SELECT setval('{name}_id_seq', (SELECT max(id) FROM {name}))")
        db.engine.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(app_spec: str, env: dict, cwd: Path):
    """gunicorn with 2 sync workers on a free loopback port; yields the base URL."""
    port = free_port()
    process = subprocess.Popen(
        # -c /dev/null: the same 2 sync workers as the baseline figures, not gunicorn.conf.py's choice.
        [sys.executable, "-m", "gunicorn", "-c", "/dev/null", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", app_spec],
        cwd=cwd, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: workers still finishing requests
            process.kill()
            process.wait()


def hammer(url: str, seconds: float, connections: int = 8) -> float:
    """Requests per second on `url` (wrk when available)."""
    if shutil.which("wrk"):
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", url],
                             capture_output=True, text=True, check=True).stdout
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if errors:
            raise RuntimeError(f"{url}: {errors.group(1)} error responses")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return python_load(url, seconds, connections)


def python_load(url: str, seconds: float, threads: int) -> float:
    """A bounded thread load generator: `threads` keep-alive-less clients for `seconds`."""
    stop = time.monotonic() + seconds
    counts = [0] * threads

    def worker(index: int) -> None:
        while time.monotonic() < stop:
            with urllib.request.urlopen(url, timeout=10) as response:
                response.read()
            counts[index] += 1

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return sum(counts) / seconds


def public_product_id(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        found = conn.execute(text(
            "SELECT p.id FROM products p JOIN suppliers s ON s.id = p.supplier_id WHERE p.status = 'published' "
            "AND s.verification_state = 'verified' AND p.id > (SELECT max(id) / 2 FROM products) "
            "ORDER BY p.id LIMIT 1")).scalar_one()
    engine.dispose()
    return found


PAGES = ("catalogue", "product", "search")
# One round of --in-process, run in a child whose working directory is the checkout measured.
IN_PROCESS = """
import json, logging, sys, time
from flask import Flask
from app import create_app
logging.disable(logging.WARNING)
url, product, requests = sys.argv[1], sys.argv[2], int(sys.argv[3])
shop = create_app({"SQLALCHEMY_DATABASE_URI": url, "APP_ENV": "development", "PAGE_CACHE_SECONDS": 0})
bare = Flask("bare")
bare.add_url_rule("/", "hello", lambda: "hello")
paths = {"hello": (bare, "/"), "catalogue": (shop, "/products"), "product": (shop, "/products/" + product),
         "search": (shop, "/products?q=tajine")}
PAGES = ("catalogue", "product", "search")
clients = {name: app.test_client(use_cookies=False) for name, (app, _) in paths.items()}
try:
    from app import cache
except ImportError:  # a checkout older than the site's one cache
    cache = None
def cpu_ms(name, times, cold=False):
    client, path = clients[name], paths[name][1]
    started = time.process_time()
    for _ in range(times):
        if cold and cache is not None:  # nothing remembered: every fragment and lookup rendered afresh
            with shop.app_context():
                cache.clear()
        assert client.get(path).status_code == 200, (name, path)
    return (time.process_time() - started) / times * 1000
for name in paths:
    cpu_ms(name, 20)
passes = [{name: cpu_ms(name, requests) for name in paths} | {f"{name} cold": cpu_ms(name, requests // 4, True)
          for name in PAGES} for _ in range(5)]  # interleaved: bursts hit all
print(json.dumps({name: sorted(p[name] for p in passes)[2] for name in passes[0]}))
"""
MODES = ("cached", "uncached", "before", "minimal")  # before: the --before checkout, uncached; minimal: MINIMAL_APP


def measure(bases: dict[str, str], pid: int, seconds: float, rounds: int) -> dict[str, float]:
    """Median requests/second of each (server, page), over `rounds` rounds that interleave every
    page with the bare route, so that a burst of load from elsewhere on the machine hits all alike."""
    urls = {"hello": bases["hello"] + "/"}
    for mode in MODES:
        if mode not in bases:
            continue
        base = bases[mode]
        urls |= {f"{mode} catalogue": base + "/products", f"{mode} product": f"{base}/products/{pid}"}
        if mode != "minimal":  # it has no search
            urls[f"{mode} search"] = base + "/products?q=tajine"
    for url in urls.values():
        hammer(url, 1)  # warm-up: imports, caches, database pages
    results: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(rounds):
        for name, url in urls.items():
            results[name].append(hammer(url, seconds))
    return {name: statistics.median(values) for name, values in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", help="URL of a PostgreSQL server database to create scratch databases from")
    parser.add_argument("--before", type=Path, help="a checkout of an older commit, served uncached beside this one")
    parser.add_argument("--in-process", action="store_true", help="CPU time through the test client, no HTTP")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="souk-bench-"))
    (work / "hello_app.py").write_text(HELLO_APP)
    (work / "minimal_app.py").write_text(MINIMAL_APP)
    if args.in_process:
        print(f"in process, uncached: CPU ms per request (median of {args.rounds} rounds, checkouts alternating), "
              f"and the bare route's cost in % of the page's; load average {os.getloadavg()[0]:.1f}")
    else:
        print_http_header(args)
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            db_path = work / f"bench-{size}.db"
            run_size("sqlite", f"sqlite:///{db_path}", size, work, args)
            db_path.unlink()
            if args.postgres:
                from tests.databases import scratch_database

                with scratch_database(args.postgres, prefix="souk_bench") as url:
                    run_size("postgresql", url, size, work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_http_header(args: argparse.Namespace) -> None:
    print(f"load generator: {'wrk -t2 -c8' if shutil.which('wrk') else 'python threads'}; gunicorn 2 sync workers; "
          f"median of {args.rounds} interleaved rounds of {args.seconds:g} s; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f}")
    print("requests/second, and in % of the bare Flask route; 'cached' = the default page cache "
          "(anonymous visitors), 'uncached' = PAGE_CACHE_SECONDS=0 (logged-in shoppers, first views)"
          + (f"; 'before' = {args.before}, uncached" if args.before else ""))
    header = " ".join(f"{name:>9} {'ratio':>5}" for name in PAGES)
    modes = [mode for mode in MODES if mode != "before" or args.before]
    print("'minimal' = the plainest Flask-SQLAlchemy + Jinja shop on the same database (MINIMAL_APP), "
          "the yardstick of the targets")
    print(f"{'database':<10} {'products':>9} {'hello':>6} | "
          + " | ".join(f"{mode + ':':<9} {header}" for mode in modes), flush=True)


def run_size(database: str, url: str, size: int, work: Path, args: argparse.Namespace) -> None:
    """Seed `size` products at `url`, serve the bare route, the shop (cached, uncached) and the minimal
    shop, print one line."""
    started = time.monotonic()
    seed(url, size)
    seeded = time.monotonic() - started
    pid = public_product_id(url)
    if args.in_process:
        return run_in_process(database, url, size, pid, args)
    env = {"DATABASE_URL": url, "APP_ENV": "development", "MEDIA_ROOT": str(work / "media")}
    uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
    with contextlib.ExitStack() as servers:
        bases = {"hello": servers.enter_context(gunicorn("hello_app:app", {}, work)),
                 "cached": servers.enter_context(gunicorn("wsgi:app", env, ROOT)),
                 "uncached": servers.enter_context(gunicorn("wsgi:app", uncached_env, ROOT))}
        if args.before:
            bases["before"] = servers.enter_context(gunicorn("wsgi:app", uncached_env, args.before))
        bases["minimal"] = servers.enter_context(gunicorn("minimal_app:app", {"DATABASE_URL": url}, work))
        rates = measure(bases, pid, args.seconds, args.rounds)
    base = rates["hello"]

    def cells(mode: str) -> str:
        return " ".join(f"{rates[f'{mode} {n}']:>9.0f} {rates[f'{mode} {n}'] / base:>5.0%}"
                        if f"{mode} {n}" in rates else f"{'-':>9} {'-':>5}" for n in PAGES)

    print(f"{database:<10} {size:>9} {base:>6.0f} | "
          + " | ".join(f"{mode + ':':<9} {cells(mode)}" for mode in MODES if mode in bases)
          + f"   (seeded in {seeded:.0f} s, load average {os.getloadavg()[0]:.1f})", flush=True)


def run_in_process(database: str, url: str, size: int, pid: int, args: argparse.Namespace) -> None:
    """One line: CPU ms per request of each page, this checkout and --before's, and hello's share of it."""
    trees = {"after": ROOT} | ({"before": args.before} if args.before else {})
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            out = subprocess.run([sys.executable, "-c", IN_PROCESS, url, str(pid), "40"], cwd=tree,
                                 capture_output=True, text=True, check=True).stdout
            runs[name].append(json.loads(out.splitlines()[-1]))
    cells = []
    for name, results in runs.items():  # the ratio is taken within each child, where the load was the same
        cost = {page: statistics.median(r[page] for r in results) for page in results[0]}
        ratio = {page: statistics.median(r["hello"] / r[page] for r in results) for page in results[0]}
        cells.append(f"{name}: hello {cost['hello']:.3f}" + "".join(
            f", {page} {cost[page]:.2f} ({ratio[page]:.1%}; cold {cost[page + ' cold']:.2f})" for page in PAGES))
    print(f"{database:<10} {size:>9} | " + " | ".join(cells) + f"   (load average {os.getloadavg()[0]:.1f})",
          flush=True)


if __name__ == "__main__":
    main()
