"""Rate limits held in Redis are shared by all workers: two separate server processes (two gunicorn
workers, or two hosts) count one login limit together. With in-memory storage they would not —
the control case below shows that, so this test can tell the difference.

Skipped when Redis does not answer, except in CI (CI=true or KICK_REQUIRE_BROWSER=1): there it fails."""
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ACCOUNT_LIMIT = 3


class Worker:
    """A separate process serving the app over HTTP, like one gunicorn worker."""

    def __init__(self, database_url: str, tmp: Path, storage_uri: str, prefix: str):
        self.process = subprocess.Popen(
            [sys.executable, __file__, database_url, str(tmp), storage_uri, prefix],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)

    def wait_ready(self) -> "Worker":
        line = self.process.stdout.readline()
        assert line.startswith("port "), f"worker did not start: {line!r}"
        self.url = f"http://127.0.0.1:{line.split()[1]}"
        return self

    def login(self, email: str, password: str) -> tuple[int, dict]:
        body = urllib.parse.urlencode({"email": email, "password": password}).encode()
        request = urllib.request.Request(self.url + "/login", data=body, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def workers(database_url, tmp_path):
    started: list[Worker] = []

    def start(storage_uri: str, count: int = 2) -> list[Worker]:
        prefix = f"kick-test-{uuid.uuid4().hex[:10]}"  # unique per run: reruns never see old counters
        batch = [Worker(database_url, tmp_path, storage_uri, prefix) for _ in range(count)]
        started.extend(batch)
        return [worker.wait_ready() for worker in batch]

    yield start
    for worker in started:
        worker.stop()


def test_two_workers_share_the_login_limit_through_redis(workers):
    from tests.support.services import redis_or_skip  # here: this file also runs as a worker script
    first, second = workers(redis_or_skip())
    email = f"target-{uuid.uuid4().hex[:6]}@kick.test"
    answers = [(first if attempt % 2 else second).login(email, "wrong") for attempt in range(ACCOUNT_LIMIT)]
    assert [status for status, _ in answers] == [401] * ACCOUNT_LIMIT
    for worker in (first, second):  # the limit is spent for both processes
        status, headers = worker.login(email, "wrong")
        assert status == 429 and int(headers["Retry-After"]) > 0
    assert first.login("other@kick.test", "wrong")[0] == 401  # per account: others are unaffected


def test_control_in_memory_limits_are_per_process(workers):
    first, second = workers("memory://")
    email = "target@kick.test"
    assert [first.login(email, "wrong")[0] for _ in range(ACCOUNT_LIMIT)] == [401] * ACCOUNT_LIMIT
    assert first.login(email, "wrong")[0] == 429
    assert second.login(email, "wrong")[0] == 401  # the other process never heard of the attempts


def test_redis_url_selects_redis_storage(monkeypatch, tmp_path):
    from app.config import build_config
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/2")
    assert build_config(tmp_path)["RATELIMIT_STORAGE_URI"] == "redis://cache.internal:6379/2"
    monkeypatch.delenv("REDIS_URL")
    assert build_config(tmp_path)["RATELIMIT_STORAGE_URI"] == "memory://"


def serve(database_url: str, tmp: str, storage_uri: str, prefix: str) -> None:
    """Entry point of a worker process: the real app on a free port, its port on stdout."""
    sys.path.insert(0, str(ROOT))
    from werkzeug.serving import make_server

    from app import create_app
    from tests.conftest import base_config
    config = base_config(database_url, Path(tmp))
    config.update(TESTING=False, WTF_CSRF_ENABLED=False, RATELIMIT_STORAGE_URI=storage_uri,
                  RATELIMIT_KEY_PREFIX=prefix, LOGIN_LIMIT_PER_IP="1000 per minute",
                  LOGIN_LIMIT_PER_ACCOUNT=f"{ACCOUNT_LIMIT} per 10 minutes")
    server = make_server("127.0.0.1", 0, create_app(config), threaded=True)
    print(f"port {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    serve(*sys.argv[1:5])
