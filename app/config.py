"""Configuration from the environment. Defaults give a zero-setup embedded install."""
import os
import secrets
from pathlib import Path

SUPPORTED_LOCALES = ("nl", "en", "fr", "de")
DEFAULT_LOCALE = "nl"


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
    database_url = normalise_database_url(
        env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'kick.sqlite3'}")
    redis_url = env.get("REDIS_URL")
    config = {
        "KICK_ENV": "production" if production else "development",
        "SECRET_KEY": _secret_key(instance_path, production),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_KEY_PREFIX": "kick",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Image uploads: per account (every photo, cover, logo), and images decoded at once per worker.
        "UPLOAD_LIMIT_PER_ACCOUNT": env.get("KICK_UPLOAD_LIMIT_PER_ACCOUNT", "30 per hour"),
        "IMAGE_CONCURRENCY": int(env.get("KICK_IMAGE_CONCURRENCY", "2")),
        "IMAGE_WAIT_SECONDS": float(env.get("KICK_IMAGE_WAIT_SECONDS", "5")),
        "LOGIN_LIMIT_PER_IP": env.get("KICK_LOGIN_LIMIT_PER_IP", "20 per minute"),
        "LOGIN_LIMIT_PER_ACCOUNT": env.get("KICK_LOGIN_LIMIT_PER_ACCOUNT", "5 per minute"),
        "PASSWORD_HASH_METHOD": "scrypt",
        "KICK_DEMO_PASSWORD": env.get("KICK_DEMO_PASSWORD", "kick-demo"),
        "MEDIA_ROOT": env.get("KICK_MEDIA_ROOT") or str(instance_path / "media"),
        "MAIL_LOG": str(instance_path / "mail.log"),
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
        "KICK_WALKING_PACE_KMH": float(env.get("KICK_WALKING_PACE_KMH", "4.5")),
        "KICK_CODE_STEP_SECONDS": int(env.get("KICK_CODE_STEP_SECONDS", "30")),
        # How stale a public page's city (name, theme) may be in another worker after a studio save.
        "KICK_CITY_CACHE_SECONDS": float(env.get("KICK_CITY_CACHE_SECONDS", "10")),
        # flask-smorest / OpenAPI
        "API_TITLE": "KICK City API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "JSON_SORT_KEYS": False,
    }
    if database_url.startswith("postgresql"):
        config["SQLALCHEMY_ENGINE_OPTIONS"].update(
            pool_size=int(env.get("KICK_DB_POOL_SIZE", "5")),
            max_overflow=int(env.get("KICK_DB_MAX_OVERFLOW", "5")),
            pool_recycle=1800,
            pool_timeout=10,
            # A database host that drops packets must fail fast (503), not hang a worker for 30 s.
            connect_args={"connect_timeout": int(env.get("KICK_DB_CONNECT_TIMEOUT", "5"))},
        )
    return config
