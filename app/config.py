"""Configuration from the environment. Defaults give a zero-setup embedded install."""
import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

SUPPORTED_LOCALES = ("nl", "en", "fr", "de")
DEFAULT_LOCALE = "nl"
DAYS_PER_MONTH = 30.4375
FIGURES_MIN_PEOPLE_FLOOR = 5  # statistical disclosure: no setting may show figures about fewer shoppers


def _flag(value: str | None, default: bool) -> bool:
    if value is None or not value.strip():
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _secret_key(instance_path: Path, production: bool) -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if production:
        raise RuntimeError("SECRET_KEY must be set when KICK_ENV=production")
    # Development: generate once and keep it, so sessions survive restarts.
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def public_url(value: str | None, production: bool) -> str | None:
    """KICK_PUBLIC_URL: the origin (scheme://host[:port]) of every absolute link we hand out."""
    value = (value or "").strip()
    if not value:
        if production:
            raise RuntimeError(
                "KICK_PUBLIC_URL must be set when KICK_ENV=production (the address people use, "
                "e.g. https://kick.city): QR codes, mails, GPX files and API links are built from it")
        return None
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        parts = None
    if (parts is None or parts.scheme not in ("https", "http") or not parts.hostname
            or parts.path not in ("", "/") or parts.query or parts.fragment or parts.username
            or (production and parts.scheme != "https")):
        raise RuntimeError(f"KICK_PUBLIC_URL must be an {'https' if production else 'http(s)'}:// origin "
                           f"without a path, such as https://kick.city (got {value!r})")
    return f"{parts.scheme}://{parts.netloc.lower()}"


def trusted_hosts(value: str | None, public: str | None, production: bool) -> list[str] | None:
    """Host names a request may name (Flask's TRUSTED_HOSTS): KICK_TRUSTED_HOSTS (comma separated,
    ".kick.city" for every subdomain) plus the public URL's host. In development, unset: any host."""
    hosts = [host.strip().lower() for host in (value or "").split(",") if host.strip()]
    if public and (hosts or production):
        hosts.append(urlsplit(public).hostname)
    return list(dict.fromkeys(hosts)) or None


def normalise_database_url(url: str) -> str:
    """Accept the usual postgres:// spellings and pin the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def build_config(instance_path: Path) -> dict:
    env = os.environ
    production = env.get("KICK_ENV") == "production"
    instance_path.mkdir(parents=True, exist_ok=True)
    return {**_platform(env, instance_path, production), **_limits(env), **_mail(env, instance_path),
            **_media(env, instance_path), **_jobs(env), **_loyalty(env), **_privacy(env), **_figures(env), **_push(env),
            **_web(production)}


def _platform(env, instance_path: Path, production: bool) -> dict:
    """Where the app runs: database, Redis, secret, public address, workers, proxies."""
    secret_key = _secret_key(instance_path, production)  # the first thing production asks for
    database_url = normalise_database_url(
        env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'kick.sqlite3'}")
    redis_url = env.get("REDIS_URL")
    public = public_url(env.get("KICK_PUBLIC_URL"), production)
    engine = {"pool_pre_ping": True}
    if database_url.startswith("postgresql"):
        engine.update(
            pool_size=int(env.get("KICK_DB_POOL_SIZE", "5")),
            max_overflow=int(env.get("KICK_DB_MAX_OVERFLOW", "5")),
            pool_recycle=1800,
            pool_timeout=10,
            # A database host that drops packets must fail fast (503), not hang a worker for 30 s.
            connect_args={"connect_timeout": int(env.get("KICK_DB_CONNECT_TIMEOUT", "5"))},
        )
    return {
        "KICK_ENV": "production" if production else "development",
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine,
        "KICK_PUBLIC_URL": public,
        "TRUSTED_HOSTS": trusted_hosts(env.get("KICK_TRUSTED_HOSTS"), public, production),
        # How many processes serve this app (gunicorn.conf.py exports it): with in-memory rate
        # limits each one counts alone, so /readyz fails in production when this is above 1.
        "KICK_WORKERS": int(env.get("KICK_WORKERS") or env.get("WEB_CONCURRENCY") or 1),
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_KEY_PREFIX": "kick",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Behind how many proxies the app runs (X-Forwarded-* trusted from that many hops).
        "KICK_PROXY_HOPS": int(env.get("KICK_PROXY_HOPS", "0")),
        "KICK_READYZ_TIMEOUT_SECONDS": 2,
        "KICK_DEMO_PASSWORD": env.get("KICK_DEMO_PASSWORD", "kick-demo"),
        # How stale a public page's city (name, theme) may be in another worker after a studio save.
        "KICK_CITY_CACHE_SECONDS": float(env.get("KICK_CITY_CACHE_SECONDS", "10")),
        # Anonymous public pages from a shared cache (app.cache): how long one may be served after rendering.
        "KICK_PAGE_CACHE": env.get("KICK_PAGE_CACHE", "1") not in ("0", "false", "no", "off"),
        "KICK_PAGE_CACHE_SECONDS": float(env.get("KICK_PAGE_CACHE_SECONDS", "30")),
    }


def _limits(env) -> dict:
    """Rate limits of accounts and uploads (loyalty's scan limits are in _loyalty)."""
    return {
        # Image uploads: per account (every photo, cover, logo), and images decoded at once per worker (on
        # nice-19 threads, app.media.service.image_workers).
        "UPLOAD_LIMIT_PER_ACCOUNT": env.get("KICK_UPLOAD_LIMIT_PER_ACCOUNT", "30 per hour"),
        "IMAGE_CONCURRENCY": int(env.get("KICK_IMAGE_CONCURRENCY", "1")),
        "IMAGE_WAIT_SECONDS": float(env.get("KICK_IMAGE_WAIT_SECONDS", "5")),
        "LOGIN_LIMIT_PER_IP": env.get("KICK_LOGIN_LIMIT_PER_IP", "20 per minute"),
        "LOGIN_LIMIT_PER_ACCOUNT": env.get("KICK_LOGIN_LIMIT_PER_ACCOUNT", "5 per minute"),
        # Confirmation links an account may ask for again (each one is a mail to an address it typed).
        "CONFIRM_LINK_LIMIT_PER_ACCOUNT": env.get("KICK_CONFIRM_LINK_LIMIT_PER_ACCOUNT", "3 per hour"),
        # Mails a stranger can make us send to one typed address (sign-up links or notices, reset links).
        "MAIL_LIMIT_PER_ADDRESS": env.get("KICK_MAIL_LIMIT_PER_ADDRESS", "3 per hour"),
        "PASSWORD_HASH_METHOD": "scrypt",
        # Studio/API imports (app.shops.services.imports, app.trails.services.imports): one file per request, refused whole
        # when larger (a 413) or longer than this; the request limit MAX_CONTENT_LENGTH (12 MB) lets these through.
        "KICK_IMPORT_CSV_MAX_BYTES": int(env.get("KICK_IMPORT_CSV_MAX_BYTES", str(1024 * 1024))),
        "KICK_IMPORT_CSV_MAX_ROWS": int(env.get("KICK_IMPORT_CSV_MAX_ROWS", "2000")),
        "KICK_IMPORT_GPX_MAX_BYTES": int(env.get("KICK_IMPORT_GPX_MAX_BYTES", str(5 * 1024 * 1024))),
    }


def _mail(env, instance_path: Path) -> dict:
    """Outgoing mail (app.core.mail): SMTP when MAIL_SERVER is set, else appended to MAIL_LOG."""
    return {
        "MAIL_LOG": env.get("KICK_MAIL_LOG") or str(instance_path / "mail.log"),
        "MAIL_SERVER": env.get("MAIL_SERVER"),
        "MAIL_PORT": int(env["MAIL_PORT"]) if env.get("MAIL_PORT") else None,
        "MAIL_USE_SSL": _flag(env.get("MAIL_USE_SSL"), False),
        "MAIL_USE_TLS": _flag(env.get("MAIL_USE_TLS"), True),
        "MAIL_USERNAME": env.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD"),
        "MAIL_DEFAULT_SENDER": env.get("MAIL_DEFAULT_SENDER") or "KICK City <no-reply@kick.city>",
    }


def _jobs(env) -> dict:
    """Background jobs (app.jobs): on Redis with REDIS_URL (workers: flask jobs work), else on a thread."""
    return {
        "KICK_JOBS": (env.get("KICK_JOBS") or ("rq" if env.get("REDIS_URL") else "thread")).strip().lower(),
        "KICK_JOBS_QUEUE": env.get("KICK_JOBS_QUEUE") or "kick",
        # Seconds before each retry of a failed job (three retries: after 10 s, 1 min, 5 min).
        "KICK_JOB_RETRY_DELAYS": (10, 60, 300),
    }


def _media(env, instance_path: Path) -> dict:
    """Media storage: a local folder (default) or S3-compatible object storage."""
    return {
        "MEDIA_ROOT": env.get("KICK_MEDIA_ROOT") or str(instance_path / "media"),
        "KICK_MEDIA_BACKEND": env.get("KICK_MEDIA_BACKEND"),
        "KICK_S3_BUCKET": env.get("KICK_S3_BUCKET"),
        "KICK_S3_ENDPOINT_URL": env.get("KICK_S3_ENDPOINT_URL"),
        "KICK_S3_PREFIX": env.get("KICK_S3_PREFIX"),
    }


def _loyalty(env) -> dict:
    return {
        # Shoppers of a busy street can share one carrier IP, so the per-IP limit is generous.
        "SCAN_LIMIT_PER_IP": env.get("KICK_SCAN_LIMIT_PER_IP", "120 per minute"),
        "SCAN_LIMIT_PER_ACCOUNT": env.get("KICK_SCAN_LIMIT_PER_ACCOUNT", "10 per minute"),
        # Six typed digits can be guessed: cap attempts per shop as well (codes.verify_numeric) ...
        "SCAN_NUMERIC_LIMIT_PER_SHOP": env.get("KICK_SCAN_NUMERIC_LIMIT_PER_SHOP", "30 per minute"),
        # ... and per shopper (account, or IP before the first stamp): one person cannot spread guesses over shops.
        "SCAN_NUMERIC_LIMIT_PER_ACCOUNT": env.get("KICK_SCAN_NUMERIC_LIMIT_PER_ACCOUNT", "10 per 10 minutes"),
        "KICK_POSTER_COOLDOWN_DAYS": int(env.get("KICK_POSTER_COOLDOWN_DAYS", "7")),
        "KICK_REDEEM_SECONDS": int(env.get("KICK_REDEEM_SECONDS", "600")),
        "KICK_CODE_STEP_SECONDS": int(env.get("KICK_CODE_STEP_SECONDS", "30")),
        "KICK_WALKING_PACE_KMH": float(env.get("KICK_WALKING_PACE_KMH", "4.5")),
    }


def _privacy(env) -> dict:
    """How long scans and logs are kept (KICK_SCAN_RETENTION_MONTHS is the same in months), and who
    answers privacy questions."""
    months = int(env.get("KICK_SCAN_RETENTION_MONTHS", "13"))
    return {
        "KICK_RETENTION_DAYS": int(env.get("KICK_RETENTION_DAYS") or round(months * DAYS_PER_MONTH)),
        "KICK_LOG_RETENTION_DAYS": int(env.get("KICK_LOG_RETENTION_DAYS", "14")),
        "KICK_PRIVACY_CONTACT": env.get("KICK_PRIVACY_CONTACT", "privacy@kick.city"),
        "KICK_API_CONTACT": env.get("KICK_API_CONTACT", "api@kick.city"),  # info.contact of the OpenAPI document
    }


def _figures(env) -> dict:
    """City figures: how many different shoppers a shown figure must describe at least (statistical
    disclosure control; 10 by default, as the UK's minimum; never below 5), and how long raw page-view
    events are kept once they are rolled up into day totals."""
    minimum = int(env.get("KICK_FIGURES_MIN_PEOPLE", "10"))
    if minimum < FIGURES_MIN_PEOPLE_FLOOR:
        raise RuntimeError(f"KICK_FIGURES_MIN_PEOPLE must be {FIGURES_MIN_PEOPLE_FLOOR} or more, got {minimum}")
    return {
        "KICK_FIGURES_MIN_PEOPLE": minimum,
        "KICK_FIGURES_EVENT_DAYS": int(env.get("KICK_FIGURES_EVENT_DAYS", "35")),
        # Per client address: phones behind one carrier address share it, a person sends a few a minute.
        "FIGURES_EVENT_LIMIT": env.get("KICK_FIGURES_EVENT_LIMIT", "120 per minute"),
        # Footfall imports: one CSV upload in the studio, one vendor push (app.figures.services.footfall).
        "KICK_FOOTFALL_CSV_MAX_BYTES": int(env.get("KICK_FOOTFALL_CSV_MAX_BYTES", str(4 * 1024 * 1024))),
        "KICK_FOOTFALL_CSV_MAX_ROWS": int(env.get("KICK_FOOTFALL_CSV_MAX_ROWS", "100000")),
        "KICK_FOOTFALL_PUSH_MAX_ROWS": int(env.get("KICK_FOOTFALL_PUSH_MAX_ROWS", "5000")),
        # Getting there (app.access): a count older than this is never shown as live; feeds' limits; imports.
        "KICK_ACCESS_STALE_MINUTES": int(env.get("KICK_ACCESS_STALE_MINUTES", "15")),
        "KICK_ACCESS_FEED_TIMEOUT": float(env.get("KICK_ACCESS_FEED_TIMEOUT", "10")),
        "KICK_ACCESS_FEED_MAX_BYTES": int(env.get("KICK_ACCESS_FEED_MAX_BYTES", str(2 * 1024 * 1024))),
        "KICK_ACCESS_IMPORT_MAX_BYTES": int(env.get("KICK_ACCESS_IMPORT_MAX_BYTES", str(2 * 1024 * 1024))),
        "KICK_ACCESS_IMPORT_MAX_ROWS": int(env.get("KICK_ACCESS_IMPORT_MAX_ROWS", "5000")),
        # Feed credentials, never in the database or a page: {"<city slug>/<feed name>": {header: value}} as JSON
        "KICK_ACCESS_FEED_HEADERS": json.loads(env.get("KICK_ACCESS_FEED_HEADERS") or "{}"),
    }


def _push(env) -> dict:
    """Web Push for city news (app.voice): the VAPID key pair (base64url, as `vapid --gen` / py-vapid make
    them) and the contact the push services may write to. Without both keys push is simply not offered."""
    return {
        "KICK_VAPID_PUBLIC_KEY": env.get("KICK_VAPID_PUBLIC_KEY") or None,
        "KICK_VAPID_PRIVATE_KEY": env.get("KICK_VAPID_PRIVATE_KEY") or None,
        "KICK_VAPID_SUBJECT": env.get("KICK_VAPID_SUBJECT", "mailto:news@kick.city"),
    }


def _web(production: bool) -> dict:
    """Flask, cookies, forms, translations and the OpenAPI document: fixed, not from the environment."""
    return {
        # 12 MB: a 10 MB photo plus form fields; larger bodies get a 413.
        "MAX_CONTENT_LENGTH": 12 * 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 1024 * 1024,
        "MAX_FORM_PARTS": 200,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": 60 * 60 * 24 * 400,  # anonymous shoppers keep their cards
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "WTF_CSRF_TIME_LIMIT": None,  # tied to the session; a shop tablet stays open all day
        "BABEL_DEFAULT_LOCALE": DEFAULT_LOCALE,
        "BABEL_DEFAULT_TIMEZONE": "Europe/Brussels",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        # flask-smorest / OpenAPI
        "API_TITLE": "KICK City API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "JSON_SORT_KEYS": False,
    }
