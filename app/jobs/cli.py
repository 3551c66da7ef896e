"""`flask --app wsgi jobs work [--burst]`: the RQ worker, run beside gunicorn when KICK_JOBS=rq."""
import click
from flask import current_app
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs (mails, later rollups and notifications).")


@jobs_cli.command("work")
@click.option("--burst", is_flag=True, help="Run the jobs waiting now, then stop (no waiting for new ones).")
def work(burst: bool):
    """Work the job queue on Redis until stopped (SIGTERM finishes the job at hand first)."""
    from app.jobs import EXTENSION
    backend = current_app.extensions[EXTENSION]
    if backend.mode != "rq":
        raise click.ClickException(
            f"KICK_JOBS={backend.mode}: jobs run inside the web processes, there is no queue to work. "
            "Set REDIS_URL (or KICK_JOBS=rq) to run them here.")
    from app.jobs.worker import make_worker
    worker = make_worker(backend)
    # with_scheduler: retries wait in RQ's scheduled registry until their delay is over.
    worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
