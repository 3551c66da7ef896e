"""/healthz: the process answers (no database). /readyz: it can serve traffic (database, Redis, and
rate limits that hold across workers); it also reports the job queue (backend, jobs waiting, RQ workers).

A load balancer takes a host out of rotation while /readyz says 503 and puts it back by itself;
an orchestrator restarts a process only when /healthz fails.
"""
import time

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from app.extensions import db, limiter

bp = Blueprint("ops", __name__)


def check_database() -> None:
    with db.engine.connect() as conn:
        conn.execute(text("SELECT 1")).scalar_one()


def check_redis(url: str) -> None:
    import redis
    timeout = current_app.config["KICK_READYZ_TIMEOUT_SECONDS"]
    client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        if not client.ping():
            raise ConnectionError("no PONG")
    finally:
        client.close()


class NotReady(Exception):
    """A refusal of our own making; its message is ours and safe to show."""


def check_ratelimit_storage(config) -> None:
    """In-memory limits count per process: with several workers every limit (login attempts, scans,
    typed codes) is multiplied by the worker count. Production needs REDIS_URL then."""
    workers = int(config["KICK_WORKERS"])
    if (config["KICK_ENV"] == "production" and config["RATELIMIT_STORAGE_URI"].startswith("memory://")
            and workers > 1):
        raise NotReady(f"{workers} workers with in-memory rate limits multiply every limit by {workers}: "
                       "set REDIS_URL (or run one worker)")


def check_jobs(redis_down: bool) -> dict:
    """The job queue (app.jobs, found through the extension it registers): its backend, how many jobs wait
    and, on Redis, how many workers listen. No worker is not "unready" (pages still serve; mails wait)."""
    jobs = current_app.extensions.get("kick_jobs")
    if jobs is None:
        return {"status": "ok", "backend": None}
    if redis_down and jobs.mode == "rq":  # already known, and asking again would wait for the timeout twice
        return {"status": "error", "backend": jobs.mode, "error": "redis"}
    started = time.perf_counter()
    try:
        found = jobs.health()
    except Exception as error:  # noqa: BLE001 - the class name only, as run_check
        return {"status": "error", "error": error.__class__.__name__}
    return {**found, "ms": round((time.perf_counter() - started) * 1000, 1)}


def run_check(check, *args) -> dict:
    started = time.perf_counter()
    try:
        check(*args)
    except NotReady as error:
        return {"status": "error", "error": "NotReady", "detail": str(error)}
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"; say which kind
        # The class name only: driver messages can carry host names or credentials.
        return {"status": "error", "error": error.__class__.__name__}
    return {"status": "ok", "ms": round((time.perf_counter() - started) * 1000, 1)}


def no_store(response, status: int):
    response.status_code = status
    response.cache_control.no_store = True
    if status == 503:
        response.headers["Retry-After"] = "5"
    return response


@bp.route("/healthz")
@limiter.exempt
def healthz():
    return no_store(jsonify(status="ok"), 200)


@bp.route("/readyz")
@limiter.exempt
def readyz():
    checks = {"database": run_check(check_database),
              "ratelimit_storage": run_check(check_ratelimit_storage, current_app.config)}
    redis_url = current_app.config.get("REDIS_URL")
    if redis_url:
        checks["redis"] = run_check(check_redis, redis_url)
    checks["jobs"] = check_jobs(checks.get("redis", {}).get("status") == "error")
    ready = all(check["status"] == "ok" for check in checks.values())
    body = jsonify(status="ok" if ready else "unavailable", checks=checks)
    return no_store(body, 200 if ready else 503)


def init_app(app):
    app.register_blueprint(bp)
