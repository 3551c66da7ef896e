"""Test fixtures. Every test gets a fresh database holding the demo content:

- SQLite: a migrated + demo-loaded file is built once per session and copied per test.
- PostgreSQL (KICK_TEST_BACKEND=postgresql, TEST_DATABASE_URL): a template database is built once
  per run and each test gets `CREATE DATABASE ... TEMPLATE`; everything is dropped at the end.
- A database the test wrote nothing to (WriteWatch) goes to the worker's next test instead of a new copy.
Tests therefore never depend on each other's order, and concurrency tests see real commits.
"""
import os
import re
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
from sqlalchemy.engine import Engine
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db

BACKEND = os.environ.get("KICK_TEST_BACKEND", "sqlite")

def _memoise_url_builders() -> None:
    """Werkzeug compiles a URL builder (AST + compile()) for every rule of every new app: two thirds of
    create_app(), which the suite runs for every test. The generated function depends only on the rule's text,
    its parsed parts and its defaults (it reads the converters from the rule it is bound to when called), so one
    compiled builder serves every app of the test process. Only the tests do this; an app is made once in use."""
    from werkzeug.routing.rules import Rule
    compile_builder, compiled = Rule._compile_builder, {}

    def memoised(self, append_unknown=True):
        key = (self.rule, tuple(self._trace), repr(sorted((self.defaults or {}).items())), append_unknown)
        if key not in compiled:
            compiled[key] = compile_builder(self, append_unknown)
        return compiled[key]

    Rule._compile_builder = memoised


_memoise_url_builders()
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
        "KICK_PAGE_CACHE_GENERATION_FILE": str(tmp / "page-cache.generation"),
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
class WriteWatch:
    """Did the running test write to a database? One that nobody wrote to is handed to the next test of the same
    worker instead of being dropped: on PostgreSQL `CREATE DATABASE ... TEMPLATE` and `DROP DATABASE` were a
    third of the run. Every SQLAlchemy engine of the process is watched (the app's, and the extra engines of the
    concurrency tests); a statement that is not plainly a read marks the test as a writer."""
    READS = ("SELECT", "PRAGMA", "SHOW", "SET ", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "EXPLAIN")
    WRITE_WORDS = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE|NEXTVAL|SETVAL)\b", re.IGNORECASE)
    wrote = False

    @classmethod
    def note(cls, conn, cursor, statement, parameters, context, executemany):
        if cls.wrote:
            return
        head = statement.lstrip()[:10].upper()
        if head.startswith("WITH") or head.startswith("SELECT"):
            # SELECT ... FOR UPDATE only locks; a CTE or a sequence call may write
            body = re.sub(r"FOR\s+(NO\s+KEY\s+)?UPDATE", "", statement, flags=re.IGNORECASE)
            cls.wrote = bool(cls.WRITE_WORDS.search(body))
        elif not head.startswith(cls.READS):
            cls.wrote = True


event.listen(Engine, "before_cursor_execute", WriteWatch.note)


def build_refs_template(database_url: str, tmp: Path) -> dict:
    """The rows behind the authorisation matrix's placeholders (`refs` in tests/app/conftest.py), written once."""
    from tests.support.authz import durable_refs
    app = create_app(base_config(database_url, tmp))
    data = {"home": durable_refs(app, "brugge"), "cross": durable_refs(app, "oostende")}
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return data


# A template is the migrated demo, or the demo plus a variant's rows; a test asks for a variant by using the
# fixture of that name.
VARIANTS = {"refs": build_refs_template}


class Databases:
    """Fresh databases from templates, and the pool of databases that the tests before wrote nothing to."""

    def __init__(self, root: Path):
        self.root = root
        self.unused: dict[str | None, list[str]] = {}
        self.variant_data: dict[str, dict] = {}
        self.templates: dict[str | None, str] = {None: self._new_template(None)}
        migrate_and_load(self._template_url(self.templates[None]), root)

    def template_for(self, variant: str | None) -> None:
        if variant not in self.templates:
            self.templates[variant] = self._new_template(variant, base=self.templates[None])
            self.variant_data[variant] = VARIANTS[variant](self._template_url(self.templates[variant]), self.root)

    def lease(self, variant: str | None = None) -> str:
        self.template_for(variant)
        pool = self.unused.get(variant)
        return pool.pop() if pool else self.fresh(variant)

    def give_back(self, url: str, variant: str | None, reusable: bool) -> None:
        if reusable:
            self.unused.setdefault(variant, []).append(url)
        else:
            self.drop(url)


class SqliteDatabases(Databases):
    def _new_template(self, variant, base=None) -> str:
        path = self.root / f"template-{variant or 'demo'}.sqlite3"
        if base is not None:
            shutil.copyfile(base, path)
        return str(path)

    def _template_url(self, template: str) -> str:
        return f"sqlite:///{template}"

    def fresh(self, variant: str | None = None) -> str:
        path = self.root / f"t-{uuid.uuid4().hex[:10]}.sqlite3"
        shutil.copyfile(self.templates[variant], path)
        return f"sqlite:///{path}"

    def drop(self, url: str) -> None:
        Path(make_url(url).database).unlink(missing_ok=True)

    def close(self) -> None:
        pass


class PostgresDatabases(Databases):
    def __init__(self, root: Path, server_url: str):
        self.server = make_url(server_url)
        self.admin = create_engine(self.server, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []
        super().__init__(root)

    def _url(self, name: str) -> str:
        return self.server.set(database=name).render_as_string(hide_password=False)

    def _new_template(self, variant, base=None) -> str:
        name = f"kick_{RUN_ID}_tpl_{variant or 'demo'}"
        self._create(name, base)
        return name

    def _template_url(self, template: str) -> str:
        return self._url(template)

    def _create(self, name: str, template: str | None = None) -> None:
        with self.admin.connect() as conn:
            suffix = f" TEMPLATE {template}" if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
        self.created.append(name)

    def fresh(self, variant: str | None = None) -> str:
        name = f"kick_{RUN_ID}_{uuid.uuid4().hex[:8]}"
        self._create(name, self.templates[variant])
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


def _url_leaves_the_process(request) -> bool:
    """True when the test itself or a fixture other than app_config takes database_url (to start a server
    process, or to cut connections): writes made there are not watched, so that database is not handed on."""
    info = request.node._fixtureinfo
    takers = [name for name, defs in info.name2fixturedefs.items() if "database_url" in defs[-1].argnames]
    return "database_url" in info.argnames or any(name != "app_config" for name in takers)


@pytest.fixture
def database_url(databases, request):
    """A database holding the demo (plus a variant's rows when the test uses `refs`), fresh or untouched."""
    variant = next((name for name in VARIANTS if name in request.fixturenames), None)
    url = databases.lease(variant)
    WriteWatch.wrote = False
    yield url
    databases.give_back(url, variant, reusable=not WriteWatch.wrote and not _url_leaves_the_process(request))


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
    def counting(page_cache: bool = False):
        # What a page costs to render: the page cache (app.cache) is set aside, unless the test counts a hit.
        store = app.extensions.get("kick_page_cache")
        if store is not None and not page_cache:
            store.seconds, kept = 0, store.seconds
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
            if store is not None and not page_cache:
                store.seconds = kept

    return counting
