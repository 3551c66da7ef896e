"""Test fixtures. Every test gets a fresh database holding the demo content:

- SQLite: a migrated + demo-loaded file is built once per session and copied per test.
- PostgreSQL (KICK_TEST_BACKEND=postgresql, TEST_DATABASE_URL): a template database is built once
  per run and each test gets `CREATE DATABASE ... TEMPLATE`; everything is dropped at the end.
Tests therefore never depend on each other's order, and concurrency tests see real commits.
"""
import os
import shutil
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db

BACKEND = os.environ.get("KICK_TEST_BACKEND", "sqlite")
RUN_ID = uuid.uuid4().hex[:8]


def base_config(database_url: str, tmp: Path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "RATELIMIT_STORAGE_URI": "memory://",
        "REDIS_URL": None,  # tests opt in to Redis explicitly, even when CI exports REDIS_URL
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast in tests; scrypt in real use
        "MEDIA_ROOT": str(tmp / "media"),
        "MAIL_LOG": str(tmp / "mail.log"),
        "KICK_DEMO_PASSWORD": "kick-demo",
        "SERVER_NAME": None,
        "KICK_JOBS": "inline",  # jobs (mails) run at once, so a test reads its mail right after the request
    }


def migrate_and_load(database_url: str, tmp: Path) -> None:
    from flask_migrate import upgrade

    from app.demo import load_demo
    app = create_app(base_config(database_url, tmp))
    with app.app_context():
        upgrade()
        load_demo()
        db.session.remove()
        db.engine.dispose()


# ---------------------------------------------------------------- databases
class SqliteDatabases:
    def __init__(self, root: Path):
        self.root = root
        self.template = root / "template.sqlite3"
        migrate_and_load(f"sqlite:///{self.template}", root)

    def fresh(self) -> str:
        path = self.root / f"t-{uuid.uuid4().hex[:10]}.sqlite3"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def drop(self, url: str) -> None:
        Path(make_url(url).database).unlink(missing_ok=True)

    def close(self) -> None:
        pass


class PostgresDatabases:
    def __init__(self, root: Path, server_url: str):
        self.server = make_url(server_url)
        self.admin = create_engine(self.server, isolation_level="AUTOCOMMIT")
        self.template_name = f"kick_{RUN_ID}_tpl"
        self.created: list[str] = []
        self._create(self.template_name)
        migrate_and_load(self._url(self.template_name), root)

    def _url(self, name: str) -> str:
        return self.server.set(database=name).render_as_string(hide_password=False)

    def _create(self, name: str, template: str | None = None) -> None:
        with self.admin.connect() as conn:
            suffix = f" TEMPLATE {template}" if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
        self.created.append(name)

    def fresh(self) -> str:
        name = f"kick_{RUN_ID}_{uuid.uuid4().hex[:8]}"
        self._create(name, self.template_name)
        return self._url(name)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if name in self.created:
            self.created.remove(name)

    def close(self) -> None:
        with self.admin.connect() as conn:
            for name in reversed(self.created):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    root = tmp_path_factory.mktemp("db")
    if BACKEND == "postgresql":
        server_url = os.environ.get("TEST_DATABASE_URL")
        if not server_url:
            pytest.fail("KICK_TEST_BACKEND=postgresql needs TEST_DATABASE_URL")
        from app.config import normalise_database_url
        dbs = PostgresDatabases(root, normalise_database_url(server_url))
    else:
        dbs = SqliteDatabases(root)
    yield dbs
    dbs.close()


# ---------------------------------------------------------------- app and clients
class KickClient(FlaskClient):
    """Test client that sends the session's CSRF token on unsafe requests (as our JS does),
    unless a test passes csrf=False to prove the server refuses requests without it."""

    def csrf_token(self) -> str:
        return super().open("/api/v1/me", method="GET").get_json()["csrf_token"]

    def open(self, *args, csrf: bool = True, **kwargs):
        method = (kwargs.get("method") or "GET").upper()
        if csrf and method in ("POST", "PUT", "PATCH", "DELETE"):
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("X-CSRFToken", self.csrf_token())
            kwargs["headers"] = headers
        return super().open(*args, **kwargs)

    def login(self, email: str, password: str = "kick-demo"):
        response = self.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, f"login failed for {email}: {response.status_code}"
        return response

    def logout(self):
        return self.post("/logout")

    def register(self, email: str, password: str = "lang-genoeg-1", confirm: bool = True, **fields):
        """Create an account through /register and, unless confirm=False, open the link mailed to it."""
        response = self.post("/register", data={"email": email, "password": password, "confirm": password,
                                                **fields})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        if confirm:
            self.open_confirmation_link(email)
        return response

    def open_confirmation_link(self, email: str):
        links = confirmation_links(self.application, email)
        assert links, f"no confirmation link was mailed to {email}"
        response = self.get(urlsplit(links[-1]).path)
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        return response


def mails(app, to: str | None = None) -> list:
    """The messages the app wrote to its mail log (no MAIL_SERVER in tests), oldest first."""
    path = Path(app.config["MAIL_LOG"])
    if not path.exists():
        return []
    # Parsed as bytes: the 8bit UTF-8 parts ("approuvée") decode as they were written.
    messages = [message_from_bytes(chunk.encode("utf-8"), policy=default_policy)
                for chunk in path.read_text(encoding="utf-8").split("\n" + "-" * 72 + "\n") if chunk.strip()]
    return [m for m in messages if to is None or m["To"] == to]


def mail_text(message) -> str:
    """The plain-text part of a mailed message (mails are text plus an HTML alternative)."""
    return message.get_body(("plain",)).get_content()


def mailed_links(app, email: str, marker: str) -> list[str]:
    """The links mailed to `email` whose URL contains `marker`, oldest first."""
    return [word for m in mails(app, email) for word in mail_text(m).split() if marker in word]


def confirmation_links(app, email: str) -> list[str]:
    return mailed_links(app, email, "/account/confirm/")


def reset_links(app, email: str) -> list[str]:
    """Password-reset links mailed to `email`, as paths to open with the test client."""
    return [urlsplit(link).path for link in mailed_links(app, email, "/password/reset/")]


def open_links_later(monkeypatch, **delta) -> None:
    """Check signed links as if `delta` (timedelta arguments) had passed since they were signed."""
    import itsdangerous.timed
    later = int(time.time() + timedelta(**delta).total_seconds())
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: later)


@pytest.fixture
def database_url(databases):
    url = databases.fresh()
    yield url
    databases.drop(url)


@pytest.fixture
def app_config(database_url, tmp_path):
    return base_config(database_url, tmp_path)


@pytest.fixture
def app(app_config):
    """The app, with no context pushed: each request gets its own app context (fresh g and
    session, as in production). Touch the database in a test with `with app.app_context():`."""
    app = create_app(app_config)
    app.test_client_class = KickClient
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def ctx(app):
    """An app context for tests that read or write the database directly."""
    with app.app_context():
        yield app
        db.session.remove()


# ---------------------------------------------------------------- query counting
class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """with count_queries() as q: client.get(...); assert q.count <= N"""

    @contextmanager
    def counting():
        counter = QueryCounter()

        def before(conn, cursor, statement, params, context, executemany):
            counter.statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting
