"""The real stack for the load bench: a scratch PostgreSQL database holding the demo data, and
gunicorn started with the project's gunicorn.conf.py. Everything is local (127.0.0.1) and removed
again at the end, whatever happens in between."""
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"


class ScratchDatabase:
    """`kick_bench_<pid>` (or `$KICK_BENCH_DB_PREFIX<pid>`): created, migrated (`flask db upgrade`) and
    demo-loaded; dropped on close."""

    def __init__(self, server: str = PG_SERVER, media_root: Path | None = None):
        self.server = server
        self.name = f"{os.environ.get('KICK_BENCH_DB_PREFIX', 'kick_bench_')}{os.getpid()}"
        self.url = f"{server}/{self.name}"
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)', f'CREATE DATABASE "{self.name}"')
        env = dict(os.environ, DATABASE_URL=self.url, KICK_ENV="development")
        if media_root is not None:
            env["KICK_MEDIA_ROOT"] = str(media_root)
        for command in (["db", "upgrade"], ["demo", "load"]):
            subprocess.run([str(VENV_BIN / "flask"), "--app", "wsgi", *command], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def connect(self):
        import psycopg
        return psycopg.connect(self.url, autocommit=True)

    def _admin(self, *statements: str) -> None:
        """A fresh connection each time: a PostgreSQL restart (bench/load --fault) cuts open ones."""
        import psycopg
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def close(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def free_port() -> int:
    """Any free port, or the first free one of `$KICK_BENCH_PORTS` ("5620-5629") when several people
    share the machine and each has a range."""
    first, _, last = os.environ.get("KICK_BENCH_PORTS", "0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    sys.exit(f"no free port in KICK_BENCH_PORTS={os.environ['KICK_BENCH_PORTS']}")


class Gunicorn:
    """gunicorn --config gunicorn.conf.py <app>, with the access log (it holds each request's server
    time in ms) in `log_dir`."""

    def __init__(self, app: str, env: dict, log_dir: Path, name: str, root: Path = ROOT):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.access_log = log_dir / f"{name}-access.log"
        self.error_log = log_dir / f"{name}-error.log"
        full_env = dict(os.environ, **env, KICK_BIND=f"127.0.0.1:{self.port}",
                        KICK_ACCESS_LOG=str(self.access_log), KICK_ERROR_LOG=str(self.error_log))
        self.process = subprocess.Popen([str(VENV_BIN / "gunicorn"), "--config", "gunicorn.conf.py", app],
                                        cwd=root, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_ready()

    def _wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited ({self.process.returncode}); see {self.error_log}")
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        self.close()
        sys.exit(f"gunicorn did not answer within {seconds:.0f} s; see {self.error_log}")

    def workers(self) -> list[int]:
        """Worker pids: the master's child processes."""
        try:
            text = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        except OSError:
            return []
        return [int(pid) for pid in text.split()]

    def wait_for_workers(self, count: int, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if len(self.workers()) >= count:
                return True
            time.sleep(0.2)
        return False

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def bench_workers() -> int:
    """gunicorn workers of the bench's KICK server: one per core ($KICK_BENCH_WORKERS to change it), one thread
    each ($KICK_THREADS). The load is CPU-bound (most answers are cached pages or take ~15 ms of Python): with
    more requests in flight than cores, a request's server time is mostly its wait for a core. Measured on 2
    cores, 200 shoppers: 4 workers x 2 threads gave scan POST server p50 84 ms and 145 requests/s; 2 x 1 gave
    18 ms and 175 requests/s (issue 18's closing note)."""
    return int(os.environ.get("KICK_BENCH_WORKERS") or os.cpu_count() or 2)


def bench_threads() -> int:
    return int(os.environ.get("KICK_THREADS") or 1)


def bench_env(database_url: str, redis_url: str, media_root: Path) -> dict:
    """Production-like settings, except the scan and login limits: every simulated phone shares
    127.0.0.1, so the per-IP limits (made for one carrier IP of a busy street) are raised."""
    return {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "KICK_MEDIA_ROOT": str(media_root),
        "KICK_WORKERS": str(bench_workers()),
        "KICK_THREADS": str(bench_threads()),
        "KICK_SCAN_LIMIT_PER_IP": "1000000 per minute",
        "KICK_SCAN_LIMIT_PER_ACCOUNT": "1000 per minute",
        "KICK_LOGIN_LIMIT_PER_IP": "100000 per minute",
        "KICK_LOGIN_LIMIT_PER_ACCOUNT": "1000 per minute",
    }
