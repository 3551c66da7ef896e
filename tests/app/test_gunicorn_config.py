"""gunicorn.conf.py refuses to start production with several workers and in-memory rate limits
(each worker would count alone: every limit multiplied by the worker count)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def gunicorn(tmp_path, *args, **env) -> subprocess.CompletedProcess:
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed in this environment")
    base = {key: value for key, value in os.environ.items()
            if key not in ("REDIS_URL", "KICK_WORKERS", "WEB_CONCURRENCY", "KICK_ENV")}
    base.update(KICK_ENV="production", SECRET_KEY="x" * 40, KICK_PUBLIC_URL="https://kick.city",
                DATABASE_URL=f"sqlite:///{tmp_path / 'k.sqlite3'}", KICK_MEDIA_ROOT=str(tmp_path / "media"),
                KICK_BIND="127.0.0.1:0", KICK_ERROR_LOG="-", **env)
    return subprocess.run([str(GUNICORN), "--config", "gunicorn.conf.py", *args, "wsgi:app"], cwd=ROOT, env=base,
                          capture_output=True, text=True, timeout=60)


def test_production_with_several_workers_and_no_redis_refuses_to_start(tmp_path):
    result = gunicorn(tmp_path, "--check-config", KICK_WORKERS="3")
    assert result.returncode != 0
    assert "refuses to start" in result.stderr and "REDIS_URL" in result.stderr and "3 gunicorn workers" in result.stderr


def test_the_default_worker_count_needs_redis_too(tmp_path):
    result = gunicorn(tmp_path, "--check-config")  # cores x 2 + 1 workers
    assert result.returncode != 0 and "REDIS_URL" in result.stderr


def test_workers_from_the_command_line_are_checked_before_any_worker_starts(tmp_path):
    result = gunicorn(tmp_path, "--workers", "4", KICK_WORKERS="1")
    assert result.returncode != 0 and "4 gunicorn workers" in result.stderr


@pytest.mark.parametrize("env", [{"KICK_WORKERS": "3", "REDIS_URL": "redis://127.0.0.1:6379/0"},
                                 {"KICK_WORKERS": "1"}])
def test_shared_limits_or_one_worker_start(tmp_path, env):
    result = gunicorn(tmp_path, "--check-config", **env)
    assert result.returncode == 0, result.stderr
