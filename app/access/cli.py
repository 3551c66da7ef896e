"""`flask --app wsgi access poll [--city SLUG] [--loop]`: poll the occupancy feeds that are due (cron every minute,
or --loop beside gunicorn)."""
import time

import click
from flask.cli import AppGroup

access_cli = AppGroup("access", help="Getting there: the parking occupancy feeds.")


@access_cli.command("poll")
@click.option("--city", "slug", metavar="SLUG", help="Only this town (default: every town).")
@click.option("--loop", is_flag=True, help="Keep polling (every 30 seconds, each feed after its own interval).")
def poll(slug, loop):
    """Poll every active feed whose interval has passed since its last poll; print each outcome."""
    from sqlalchemy import select

    from app.access.services.feeds import poll_due
    from app.cities.models import City
    from app.extensions import db
    city = None
    if slug is not None:
        city = db.session.execute(select(City).where(City.slug == slug)).scalar_one_or_none()
        if city is None:
            raise click.BadParameter(f"no town {slug!r}", param_hint="--city")
    while True:
        for feed, outcome in poll_due(city):
            state = f"failed: {outcome.error}" if outcome.error else "ok"
            click.echo(f"feed {feed.id} {feed.name}: {state}; {outcome.accepted} accepted, "
                       f"{len(outcome.refused)} refused")
        db.session.remove()
        if not loop:
            break
        time.sleep(30)
