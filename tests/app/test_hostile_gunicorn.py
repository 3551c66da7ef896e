"""The real server with gunicorn.conf.py: over-long request lines and headers are cut off with a
4xx before the app runs, health checks answer, and the access log holds no client IP address."""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def raw_request(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks) and b"Connection: close" in b"".join(chunks):
                break
        return b"".join(chunks)


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory, databases):
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed in this environment")
    tmp = tmp_path_factory.mktemp("gunicorn")
    database_url = databases.fresh()
    port = free_port()
    log = tmp / "access.log"
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "gunicorn-test-key",
           "KICK_MEDIA_ROOT": str(tmp / "media"), "KICK_WORKERS": "1", "KICK_ACCESS_LOG": str(log),
           "KICK_BIND": f"127.0.0.1:{port}"}
    env.pop("REDIS_URL", None)
    process = subprocess.Popen([str(GUNICORN), "--config", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if status_of(raw_request(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) == 200:
                break
        except (OSError, IndexError, ValueError):
            time.sleep(0.2)
    else:
        process.terminate()
        pytest.fail("gunicorn did not start")
    yield port, log
    process.terminate()
    process.wait(timeout=20)
    databases.drop(database_url)


def get(port: int, path: str, headers: str = "") -> bytes:
    return raw_request(port, f"GET {path} HTTP/1.1\r\nHost: kick.test\r\n{headers}Connection: close\r\n\r\n".encode())


def test_health_and_pages_through_gunicorn(gunicorn):
    port, _ = gunicorn
    assert status_of(get(port, "/healthz")) == 200
    assert status_of(get(port, "/readyz")) == 200
    response = get(port, "/brugge/")
    assert status_of(response) == 200 and b"Content-Security-Policy:" in response


@pytest.mark.parametrize("path,headers,status", [
    ("/" + "a" * 10_000, "", 414),  # request line over limit_request_line: URI Too Long
    ("/brugge/", "X-Big: " + "b" * 10_000 + "\r\n", 431),  # header over limit_request_field_size
    ("/brugge/", "".join(f"X-H{i}: v\r\n" for i in range(150)), 431),  # more than limit_request_fields
])
def test_oversized_requests_are_refused_by_the_server(gunicorn, path, headers, status):
    port, _ = gunicorn
    assert status_of(get(port, path, headers)) == status  # gunicorn answers before the app sees the request


def test_access_log_has_no_client_ips(gunicorn):
    port, log = gunicorn
    get(port, "/brugge/privacy", "X-Forwarded-For: 203.0.113.77\r\n")
    time.sleep(0.3)  # the worker writes its log line after the response
    lines = log.read_text().splitlines()
    assert any("/brugge/privacy" in line for line in lines)
    assert not any("127.0.0.1" in line or "203.0.113" in line for line in lines)
