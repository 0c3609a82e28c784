"""Configuration read from the environment (12-factor).

`APP_ENV` picks the class; production refuses to start with a default or short secret.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"
DEFAULT_SECRET = "dev-only-not-secret"


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


class Config:
    """Defaults shared by every environment: a working shop on SQLite with no other service."""

    APP_ENV = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET)
    # Keyed hash of national ID numbers: deliberately a separate secret from SECRET_KEY.
    CIN_HMAC_KEY = os.environ.get("CIN_HMAC_KEY", "dev-only-cin-key")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'souk.db'}"
    )
    # No pool_pre_ping: app/connections.py notices a connection the server closed without a round trip.
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    REDIS_URL = os.environ.get("REDIS_URL", "")
    # Photos: MEDIA_STORAGE=file (folders below) or s3 (buckets; app/media/storage.py).
    MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "file")
    MEDIA_URL = os.environ.get("MEDIA_URL", "")  # where browsers fetch renditions (bucket or CDN); /media if empty
    S3_BUCKET = os.environ.get("S3_BUCKET", "")
    S3_PRIVATE_BUCKET = os.environ.get("S3_PRIVATE_BUCKET", "")
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL", "")
    S3_REGION = os.environ.get("S3_REGION", "")
    MEDIA_QUEUE = os.environ.get("MEDIA_QUEUE", "media")  # RQ queue of photo rendering jobs (with REDIS_URL)
    MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
    # Originals of uploaded photos: private, outside MEDIA_ROOT, never served.
    PRIVATE_ROOT = os.environ.get("PRIVATE_ROOT", str(INSTANCE_DIR / "private"))
    OUTBOX_DIR = os.environ.get("OUTBOX_DIR", str(INSTANCE_DIR / "outbox"))
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = _env_int("MAIL_PORT", 587)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_FROM = os.environ.get("MAIL_FROM", "Souk Solidaire <noreply@souk-solidaire.ma>")

    # Text messages: "outbox" writes them to OUTBOX_DIR (development), "http" sends them to the provider.
    SMS_BACKEND = os.environ.get("SMS_BACKEND", "outbox")
    SMS_API_BASE = os.environ.get("SMS_API_BASE", "")
    SMS_API_KEY = os.environ.get("SMS_API_KEY", "")
    SMS_SENDER = os.environ.get("SMS_SENDER", "SoukSolid")  # alphanumeric sender ids stop at 11 characters
    SMS_TIMEOUT_SECONDS = float(os.environ.get("SMS_TIMEOUT_SECONDS", 10))
    SMS_QUEUE = os.environ.get("SMS_QUEUE", "sms")

    STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
    STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
    STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
    STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")
    # Where the hosted Checkout page lives: Chrome applies CSP form-action to the redirect after a POST.
    STRIPE_CHECKOUT_ORIGIN = os.environ.get("STRIPE_CHECKOUT_ORIGIN", "https://checkout.stripe.com")
    CSP_FORM_ACTION_EXTRA = (STRIPE_CHECKOUT_ORIGIN,)
    STRIPE_TIMEOUT_SECONDS = float(os.environ.get("STRIPE_TIMEOUT_SECONDS", 10))
    STRIPE_MAX_NETWORK_RETRIES = _env_int("STRIPE_MAX_NETWORK_RETRIES", 1)

    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = "Africa/Casablanca"
    LANGUAGES = ("fr", "ar", "en")

    # Solidarity rules, in basis points (1 % = 100).
    PRODUCER_SHARE_MIN_BP = _env_int("PRODUCER_SHARE_MIN_BP", 7000)
    GROUP_COMMISSION_CAP_BP = _env_int("GROUP_COMMISSION_CAP_BP", 2000)
    PLATFORM_FEE_BP = _env_int("PLATFORM_FEE_BP", 500)
    # In-person sales at fairs: the platform's share of the takings (0: none), and how many days after
    # a fair's last day a sale recorded offline at the stand may still reach us.
    FAIR_SALE_FEE_BP = _env_int("FAIR_SALE_FEE_BP", 0)
    FAIR_SYNC_GRACE_DAYS = _env_int("FAIR_SYNC_GRACE_DAYS", 2)

    CATALOGUE_PAGE_SIZE = 24
    # Seconds a public page is served from the page cache, and the small reference lists (categories,
    # halls, groups, cities) from memory; both 0 in tests.
    PAGE_CACHE_SECONDS = float(os.environ.get("PAGE_CACHE_SECONDS", 5))
    REFERENCE_CACHE_SECONDS = float(os.environ.get("REFERENCE_CACHE_SECONDS", 60))
    # Home delivery: fee in centimes per zone, and the zone of each city served (any other city pays the
    # highest fee). Replace both tables here to change delivery prices without code.
    DELIVERY_ZONE_FEES = {"A": 2500, "B": 3500, "C": 5000}
    DELIVERY_CITY_ZONES = {
        "Casablanca": "A", "Rabat": "A", "Salé": "A", "Témara": "A", "Mohammedia": "A",
        "Kénitra": "B", "Marrakech": "B", "Fès": "B", "Meknès": "B", "Tanger": "B", "Agadir": "B",
        "El Jadida": "B", "Safi": "B", "Essaouira": "B", "Tétouan": "B", "Oujda": "B",
    }
    MAX_CONTENT_LENGTH = _env_int("MAX_UPLOAD_BYTES", 15 * 1024 * 1024)
    IMAGE_MAX_BYTES = _env_int("IMAGE_MAX_BYTES", 12 * 1024 * 1024)
    IMAGE_MAX_PIXELS = _env_int("IMAGE_MAX_PIXELS", 50_000_000)
    PHOTOS_PER_PRODUCT = 8
    RESERVATION_MINUTES = _env_int("RESERVATION_MINUTES", 30)
    # Cash-on-delivery orders allowed per 24 hours per phone number, delivery address and client
    # address (0: no limit); a shared connection (a cybercafé, a mobile operator's NAT) gets more.
    COD_DAILY_LIMIT_PER_PHONE = _env_int("COD_DAILY_LIMIT_PER_PHONE", 3)
    COD_DAILY_LIMIT_PER_ADDRESS = _env_int("COD_DAILY_LIMIT_PER_ADDRESS", 3)
    COD_DAILY_LIMIT_PER_IP = _env_int("COD_DAILY_LIMIT_PER_IP", 10)
    # A first cash order from a number never delivered to waits for the SMS code sent to it.
    COD_CONFIRM_NEW_PHONES = os.environ.get("COD_CONFIRM_NEW_PHONES", "1") == "1"

    # Longest query value and form field accepted (characters): beyond, a 400 before any view.
    INPUT_MAX_QUERY_CHARS = _env_int("INPUT_MAX_QUERY_CHARS", 1000)
    INPUT_MAX_FIELD_CHARS = _env_int("INPUT_MAX_FIELD_CHARS", 20_000)
    # Payouts, role changes and imports ask staff for a second-factor code again when the last is older.
    SECOND_FACTOR_FRESH_SECONDS = _env_int("SECOND_FACTOR_FRESH_SECONDS", 600)
    SECOND_FACTOR_LIMIT_PER_USER = os.environ.get("SECOND_FACTOR_LIMIT_PER_USER", "5 per minute; 30 per hour")
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_CHECK_DEFAULT = False  # checked on every write by app.security.init_csrf, reads skip it
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Limits are shared by every server through Redis. Without REDIS_URL they live in memory, which
    # is why gunicorn.conf.py then runs one worker (with threads). When Redis stops answering, the
    # same limits are counted in memory (logged) until it is back: login keeps working.
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    # Rate limits (flask-limiter syntax), per account typed, per client address or per user.
    LOGIN_LIMIT_PER_ACCOUNT = os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per minute; 30 per hour")
    LOGIN_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "20 per minute; 200 per hour")
    RESET_LIMIT_PER_ACCOUNT = os.environ.get("RESET_LIMIT_PER_ACCOUNT", "3 per 15 minutes; 10 per day")
    RESET_LIMIT_PER_ADDRESS = os.environ.get("RESET_LIMIT_PER_ADDRESS", "10 per hour")
    REAUTH_LIMIT_PER_USER = os.environ.get("REAUTH_LIMIT_PER_USER", "5 per minute; 30 per hour")
    REGISTER_LIMIT_PER_ADDRESS = os.environ.get("REGISTER_LIMIT_PER_ADDRESS", "30 per hour")
    VERIFY_RATE_LIMIT = os.environ.get("VERIFY_RATE_LIMIT", "5 per hour")  # microcredit verification requests
    # How many reverse proxies stand in front of the app (their X-Forwarded-* headers are trusted); 0 if none.
    TRUSTED_PROXIES = _env_int("TRUSTED_PROXIES", 0)
    # Host names this site answers to (comma-separated ALLOWED_HOSTS). Links in e-mails and QR codes
    # are built from the Host header, so behind a proxy that forwards X-Forwarded-Host, set this.
    TRUSTED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()] or None
    # The origin every absolute link is built from (reset and e-mail links, order status, QR codes, sitemap,
    # e-mails, SMS), e.g. https://souk-solidaire.ma. Unset (development), links follow the request's host.
    SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "")  # json or text; empty: json in production, text elsewhere
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")  # /metrics for a Bearer token ...
    METRICS_ALLOW = os.environ.get("METRICS_ALLOW", "127.0.0.1")  # ... or from these addresses
    PROMETHEUS_MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")  # prometheus_client reads it too
    SEND_FILE_MAX_AGE_DEFAULT = 31536000
    # Responses compressed by the app itself (Flask-Compress), so the embedded server needs no proxy
    # for it: Brotli when the browser accepts it, gzip otherwise. Level 5 costs ~1 ms on a catalogue
    # page and saves ~10 % over gzip. Photos are already compressed; built static files are
    # precompressed (app/assets.py) and carry their Content-Encoding, so they are left alone.
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_BR_LEVEL = 5
    COMPRESS_LEVEL = 6
    COMPRESS_MIN_SIZE = 500
    COMPRESS_MIMETYPES = ["text/html", "text/css", "text/javascript", "application/javascript",
                          "application/json", "image/svg+xml", "text/plain", "application/xml"]


class DevelopmentConfig(Config):
    """Local development: debug tools allowed, defaults accepted."""


class TestingConfig(Config):
    """Tests: a database chosen by the test session, limits in memory, no real mail."""

    APP_ENV = "testing"
    TESTING = True
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    RATELIMIT_STORAGE_URI = "memory://"
    PAGE_CACHE_SECONDS = 0.0
    REFERENCE_CACHE_SECONDS = 0.0
    JOBS_INLINE = True  # background jobs run before the request returns: tests read their effects


class ProductionConfig(Config):
    """Production: secure cookies, and no start with a default secret, a site URL or allowed hosts."""

    APP_ENV = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    # __Host-: the browser accepts the cookie only over HTTPS, for this host alone and the whole path,
    # so a sibling subdomain or a plain-HTTP attacker cannot plant or overwrite it.
    SESSION_COOKIE_NAME = "__Host-session"
    REMEMBER_COOKIE_NAME = "__Host-remember"
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def check_production_secrets(settings: dict) -> None:
    """Refuse to run production with a default or short secret."""
    for name, default in (("SECRET_KEY", DEFAULT_SECRET), ("CIN_HMAC_KEY", "dev-only-cin-key")):
        value = settings.get(name) or ""
        if value == default or len(value) < 32:
            raise RuntimeError(f"{name} must be set to a random value of at least 32 characters in production")


def check_production_urls(settings: dict) -> None:
    """Refuse to run production without the one origin links are built from and the hosts it answers to:
    without them a forged Host header would choose where a password-reset link points."""
    site = urlsplit(settings.get("SITE_URL") or "")
    if site.scheme != "https" or not site.hostname or site.path not in ("", "/") or site.query:
        raise RuntimeError("SITE_URL must be set to the site's https origin (https://host) in production")
    if not settings.get("TRUSTED_HOSTS"):
        raise RuntimeError("ALLOWED_HOSTS must list the host names this site answers to in production")
