"""Background jobs: work that must not hold up (or break) the request that asked for it.

A job is a dotted function name ("package.module:function") and JSON-able arguments (no pickled objects),
run inside an app context of its own, retried on failure (KICK_JOB_RETRY_DELAYS, seconds between tries),
and logged without its arguments when it finally fails (they may hold personal data).

    from app import jobs            # features from the infrastructure layer up
    jobs.enqueue("app.figures.rollups:rollup_day", city.id, "2026-12-01")

Where it runs (KICK_JOBS, app/config.py):
- ``rq``: a Redis queue (RQ) worked by ``flask --app wsgi jobs work`` beside gunicorn; default with REDIS_URL;
- ``thread``: an embedded worker thread in each web process (zero-setup default): nothing to run, jobs
  queued when the process stops are lost;
- ``inline``: at once, in the caller's process, retries without waiting (tests).

Kernel packages (app.core, app.accounts) may not import this package: they reach it through
``current_app.extensions[EXTENSION]`` (app.core.mail hands its messages over after the commit that way).
"""
from flask import current_app

from app.jobs.backends import make_backend
from app.jobs.runner import resolve

EXTENSION = "kick_jobs"


def enqueue(name: str, *args) -> None:
    """Run job `name` ("module:function") with JSON-able `args` in the background, now.

    To run a job only if the current transaction commits, call this from the feature's service after the
    commit (or hand the work to app.core.mail, which already waits for it)."""
    resolve(name)  # a typo fails here, in the caller's test, not later in a worker
    current_app.extensions[EXTENSION].enqueue(name, list(args))


def init_app(app) -> None:
    from app.jobs.cli import jobs_cli

    app.extensions[EXTENSION] = make_backend(app)
    app.cli.add_command(jobs_cli)
