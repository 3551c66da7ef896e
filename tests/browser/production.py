"""A production installation for the go-live test: the real commands on an empty PostgreSQL database.

Everything runs as an operator would run it — `flask db upgrade`, `flask users create-admin`, gunicorn with
TLS (a throwaway self-signed certificate; production cookies are Secure and the public URL is https), and
the job worker beside it on Redis — with KICK_ENV=production, so demo data is refused and nothing but the
app itself can fill the town. Mails land in a mail log of the test's own (no MAIL_SERVER).
"""
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
# Its own Redis database: rate limits and the job queue of this installation meet no other test's keys.
REDIS_DB = 9


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost"], check=True, capture_output=True)
    return cert, key


class ProductionInstallation:
    def __init__(self, folder: Path, server_url: str):
        from sqlalchemy import create_engine, make_url, text
        self.folder = folder
        self.port = _free_port()
        self.url = f"https://localhost:{self.port}"
        self.mail_log = folder / "mail.log"
        self.database = f"kick_golive_{uuid.uuid4().hex[:8]}"
        self._admin_engine = create_engine(make_url(server_url), isolation_level="AUTOCOMMIT")
        with self._admin_engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.database}"'))
        self.env = {
            **os.environ,
            "KICK_ENV": "production",
            "SECRET_KEY": uuid.uuid4().hex * 2,
            "KICK_PUBLIC_URL": self.url,
            "DATABASE_URL": make_url(server_url).set(database=self.database).render_as_string(hide_password=False),
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "KICK_MAIL_LOG": str(self.mail_log),
            "KICK_MEDIA_ROOT": str(folder / "media"),
            "KICK_WORKERS": "2",
            # Browsers keep several TLS connections open per context and three contexts run at once.
            "KICK_THREADS": "8",
            "KICK_BIND": f"127.0.0.1:{self.port}",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        for name in ("KICK_TEST_BACKEND", "KICK_JOBS", "MAIL_SERVER"):
            self.env.pop(name, None)
        import redis
        redis.Redis.from_url(self.env["REDIS_URL"]).flushdb()
        self.processes: list[subprocess.Popen] = []

    def flask(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
        """Run `flask --app wsgi ...` as the operator would, with the installation's environment."""
        return subprocess.run([str(VENV_BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=self.env,
                              input=input, text=True, capture_output=True, timeout=120, check=True)

    def start(self) -> None:
        cert, key = _self_signed_certificate(self.folder)
        self._spawn([str(VENV_BIN / "gunicorn"), "--config", "gunicorn.conf.py", "--certfile", str(cert),
                     "--keyfile", str(key), "wsgi:app"], "gunicorn.log")
        for extra in self.extra_processes():
            self._spawn(*extra)
        self._wait_ready()

    def extra_processes(self) -> list[tuple[list[str], str]]:
        """The job worker beside gunicorn, as README's Deploy section runs it."""
        return [([str(VENV_BIN / "flask"), "--app", "wsgi", "jobs", "work"], "worker.log")]

    def _spawn(self, command: list[str], log_name: str) -> None:
        log = open(self.folder / log_name, "wb")  # noqa: SIM115 - closed with the process
        self.processes.append(subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log,
                                               stderr=subprocess.STDOUT))

    def _wait_ready(self, timeout: float = 30) -> None:
        import ssl
        import urllib.request
        context = ssl._create_unverified_context()  # noqa: S323 - our own throwaway certificate
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", context=context, timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline or any(p.poll() is not None for p in self.processes):
                raise RuntimeError("the production server did not start:\n" + self.logs())
            time.sleep(0.2)

    def logs(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}"
                         for log in sorted(self.folder.glob("*.log")))

    def mailed_links(self, to: str) -> list[str]:
        """Links mailed to `to`, oldest first (the jobs are delivered by the worker: wait for them)."""
        if not self.mail_log.exists():
            return []
        links: list[str] = []
        for chunk in self.mail_log.read_text(encoding="utf-8").split("\n" + "-" * 72 + "\n"):
            if re.search(rf"^To: .*{re.escape(to)}", chunk, re.MULTILINE | re.IGNORECASE):
                links += [link for link in re.findall(r"https?://[^\s\"<>]+", chunk) if link not in links]
        return links

    def wait_for_link(self, to: str, contains: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while True:
            links = [link for link in self.mailed_links(to) if contains in link]
            if links:
                return urlsplit(links[-1])._replace(scheme="https", netloc=f"localhost:{self.port}").geturl()
            if time.monotonic() > deadline:
                raise AssertionError(f"no {contains!r} link mailed to {to}:\n" + self.logs())
            time.sleep(0.2)

    def stop(self) -> None:
        from sqlalchemy import text
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        with self._admin_engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'))
        self._admin_engine.dispose()
