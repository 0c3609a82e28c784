"""Application factory: reads like a table of contents."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from app.logs import configure_logging
from app.web.languages import Souk
from config import BASE_DIR, CONFIGS, check_production_secrets, check_production_urls


def create_app(config: dict | None = None) -> Flask:
    """Build the app for APP_ENV (or `config["APP_ENV"]`), with `config` overriding settings."""
    env = (config or {}).get("APP_ENV") or os.environ.get("APP_ENV", "development")
    app = Souk(
        __name__,
        template_folder=str(BASE_DIR / "templates"),
        static_folder=str(BASE_DIR / "static"),
        instance_path=str(BASE_DIR / "instance"),
    )
    app.config.from_object(CONFIGS[env])
    if config:
        app.config.update(config)
    if app.config["APP_ENV"] == "production":
        check_production_secrets(app.config)
        check_production_urls(app.config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    configure_logging(app)

    register_extensions(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_error_handlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from app import connections, jobs, models  # noqa: F401  (models: metadata must know every table)
    from app.cache import init_cache
    from app.catalog.search import include_in_migrations
    from app.extensions import babel, compress, db, migrate
    from app.i18n import selected_locale
    from app.security import init_csrf, init_limiter, register_security_headers
    from app.web import languages
    from app.web.metrics import init_metrics
    from app.web.sessions import init_login

    compress.init_app(app)  # first: its after_request hook then runs last, on the finished body
    db.init_app(app)
    with app.app_context():
        connections.configure(db.engine)
    jobs.register(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"), include_name=include_in_migrations)
    init_csrf(app)
    babel.init_app(app, locale_selector=selected_locale, default_translation_directories=str(BASE_DIR / "translations"))
    init_limiter(app)
    init_cache(app)
    init_metrics(app)
    init_login(app)
    register_security_headers(app)
    languages.register(app)


def register_blueprints(app: Flask) -> None:
    from app.numbers import IdConverter
    from app.web import (
        account,
        admin,
        api,
        assist,
        cart,
        checkout,
        discovery,
        health,
        media,
        metrics,
        phone,
        second_factor,
        shop,
        supplier,
        webhooks,
    )

    app.url_map.converters["int"] = IdConverter  # before any route: ids beyond an INTEGER column are a 404
    for module in (shop, cart, checkout, account, phone, second_factor, assist, supplier, admin, api, webhooks, health,
                   media, metrics, discovery):
        app.register_blueprint(module.bp)


def register_template_helpers(app: Flask) -> None:
    from app import assets
    from app.web.templating import register

    register(app)
    assets.register(app)


def register_error_handlers(app: Flask) -> None:
    from app.errors import register_error_handlers as register

    register(app)


def register_commands(app: Flask) -> None:
    from app.cli import register

    register(app)
