"""Database outage on PostgreSQL: while the database is unreachable every request answers 503 with
Retry-After (a themed page, problem+json under /api/), and the same app instance recovers by itself
once the database is back (pool pre-ping) — no restart.

The outage is real: the app talks to PostgreSQL through a small TCP proxy started here; stopping it
refuses new connections and cuts the pooled ones, like a database restart or a network cut."""
import os
import socket
import threading

import pytest
from sqlalchemy.engine import make_url

pytestmark = pytest.mark.skipif(os.environ.get("KICK_TEST_BACKEND", "sqlite") != "postgresql",
                                reason="the outage test needs PostgreSQL (KICK_TEST_BACKEND=postgresql)")


class TcpProxy:
    """Forwards 127.0.0.1:<port> to the database; stop() is the outage, start() the recovery."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.listener: socket.socket | None = None
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        listener, self.listener = self.listener, None
        if listener:
            try:  # wakes the thread blocked in accept(); close() alone would leave it listening
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()
        with self.lock:
            for conn in self.connections:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                conn.close()
            self.connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # listener closed: the outage began
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


@pytest.fixture
def proxied_app(app_config):
    from app import create_app
    from app.extensions import db
    url = make_url(app_config["SQLALCHEMY_DATABASE_URI"])
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    # The production pool settings (app.config.build_config), pointed through the proxy.
    options = {"pool_pre_ping": True, "pool_size": 2, "max_overflow": 2, "pool_timeout": 5,
               "connect_args": {"connect_timeout": 3}}
    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": proxied, "SQLALCHEMY_ENGINE_OPTIONS": options})
    from tests.conftest import KickClient
    app.test_client_class = KickClient
    yield app, proxy
    proxy.stop()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def assert_outage_answers(client):
    # A page the shared cache holds (app.cache) keeps answering visitors while the database is away ...
    cached = client.get("/brugge/")
    assert cached.status_code == 200 and cached.headers.get("X-Kick-Cache") == "hit"
    page = client.get("/brugge/agenda")  # ... one that must be rendered is a 503
    assert page.status_code == 503 and page.mimetype == "text/html", page.status_code
    assert page.headers["Retry-After"] and "<main" in page.get_data(as_text=True)
    assert page.headers["Content-Security-Policy"]  # error pages keep the security headers
    api = client.get("/api/v1/cities")
    assert api.status_code == 503 and api.mimetype == "application/problem+json"
    assert api.headers["Retry-After"] and api.get_json()["code"] == "unavailable"
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.get_json()["checks"]["database"]["status"] == "error"
    assert client.get("/healthz").status_code == 200  # alive: a supervisor must not restart us


def test_outage_is_503_and_the_app_recovers_without_restart(proxied_app):
    app, proxy = proxied_app
    client = app.test_client()
    assert client.get("/brugge/").status_code == 200  # pool warm: connections open through the proxy
    assert client.get("/api/v1/cities").status_code == 200

    proxy.stop()
    for _ in range(3):  # repeated: no request gets a 500 while the pool keeps failing
        assert_outage_answers(client)

    proxy.start()
    assert client.get("/readyz").status_code == 200
    assert client.get("/brugge/").status_code == 200
    assert client.get("/api/v1/cities").get_json()


def test_logged_in_users_also_get_the_503_page(proxied_app):
    app, proxy = proxied_app
    client = app.test_client()
    client.login("shopper@kick.test")
    assert client.get("/brugge/").status_code == 200
    proxy.stop()
    page = client.get("/brugge/")
    assert page.status_code == 503 and "<main" in page.get_data(as_text=True)
    post = client.post("/api/v1/auth/logout", csrf=False)
    # the missing CSRF token is refused before anything asks the database: the usual 400, not a 503
    assert post.status_code == 400 and post.mimetype == "application/problem+json"
    assert post.get_json()["detail"] == "The CSRF token is missing."
    proxy.start()
    assert client.get("/brugge/").status_code == 200


def test_outage_in_the_middle_of_a_city_page_keeps_the_theme(proxied_app):
    """The city was loaded, then the database went away: the 503 page still wears the city's colours."""
    app, proxy = proxied_app
    from app.cities.services import all_cities

    @app.route("/<city>/t-cut")
    def cut():
        proxy.stop()
        all_cities()  # the next query meets the outage
        return "unreachable"

    client = app.test_client()
    client.login("shopper@kick.test")
    response = client.get("/brugge/t-cut")
    html = response.get_data(as_text=True)
    assert response.status_code == 503 and "Brugge" in html and "<main" in html
    proxy.start()
    assert client.get("/brugge/").status_code == 200
