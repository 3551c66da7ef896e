"""/healthz says the process is up (no database); /readyz says it can serve (database, Redis)."""
import socket

import pytest


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens after the with-block


def test_healthz_answers_without_touching_the_database(client, count_queries):
    with count_queries() as queries:
        response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    assert queries.count == 0
    assert "no-store" in response.headers["Cache-Control"]
    assert "Set-Cookie" not in response.headers


def test_readyz_checks_the_database(client):
    response = client.get("/readyz")
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok" and "redis" not in body["checks"]


def test_readyz_is_503_when_the_database_is_unreachable(app_config):
    from app import create_app
    url = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/kick"
    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": url})
    client = app.test_client()
    response = client.get("/readyz")
    assert response.status_code == 503 and response.headers["Retry-After"]
    body = response.get_json()
    assert body["status"] == "unavailable" and body["checks"]["database"]["status"] == "error"
    assert "127.0.0.1" not in response.get_data(as_text=True)  # no connection details leak
    assert client.get("/healthz").status_code == 200  # the process itself is fine: don't restart it


def test_readyz_reports_redis_when_configured(app_config):
    from app import create_app
    app = create_app({**app_config, "REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0",
                      "KICK_READYZ_TIMEOUT_SECONDS": 0.5})
    response = app.test_client().get("/readyz")
    body = response.get_json()
    assert response.status_code == 503
    assert body["checks"]["database"]["status"] == "ok" and body["checks"]["redis"]["status"] == "error"



def test_readyz_fails_in_production_with_in_memory_limits_and_several_workers(app_config):
    from app import create_app
    app = create_app({**app_config, "KICK_ENV": "production", "KICK_WORKERS": 5})
    response = app.test_client().get("/readyz")
    body = response.get_json()
    assert response.status_code == 503 and body["status"] == "unavailable"
    check = body["checks"]["ratelimit_storage"]
    assert check["status"] == "error" and "REDIS_URL" in check["detail"] and "5 workers" in check["detail"]
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.parametrize("config", [
    {"KICK_ENV": "production", "KICK_WORKERS": 1},  # one process counts every request
    {"KICK_ENV": "development", "KICK_WORKERS": 5},  # a laptop
    {"KICK_ENV": "production", "KICK_WORKERS": 5, "RATELIMIT_STORAGE_URI": "redis://cache:6379/0"},  # shared
])
def test_readyz_accepts_limits_that_hold(app_config, config):
    from app import create_app
    app = create_app({**app_config, **config})
    body = app.test_client().get("/readyz").get_json()
    assert body["checks"]["ratelimit_storage"]["status"] == "ok"


def test_the_worker_count_comes_from_gunicorn(tmp_path, monkeypatch):
    from app.config import build_config
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("KICK_WORKERS", raising=False)
    assert build_config(tmp_path)["KICK_WORKERS"] == 1  # flask run, a single process
    monkeypatch.setenv("KICK_WORKERS", "9")
    assert build_config(tmp_path)["KICK_WORKERS"] == 9
