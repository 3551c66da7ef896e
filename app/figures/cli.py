"""`flask --app wsgi figures rollup [--city SLUG] [--since YYYY-MM-DD] [--rebuild]`: the daily rollup, from cron
or by hand (the dashboard also asks the job queue for it: app.figures.services.rollup.request_rollup)."""
import click
from flask.cli import AppGroup

figures_cli = AppGroup("figures", help="City figures: the daily rollups the dashboards read.")


def _day(ctx, param, value):
    return value.date() if value is not None else None


@figures_cli.command("rollup")
@click.option("--city", "slug", metavar="SLUG", help="Only this town (default: every town).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), callback=_day, metavar="YYYY-MM-DD",
              help="Roll up again from this Brussels day (days already rolled too).")
@click.option("--rebuild", is_flag=True, help="Roll up again from the town's first data.")
def rollup(slug, since, rebuild):
    """Roll up every day that is over (never today) and not rolled yet, then its week, month and year. Safe to run
    again: a day rolled twice gives the same rows. Figures whose raw rows are past retention keep their values."""
    from app.cities.models import City
    from app.extensions import db
    from app.figures.services.rollup import roll_cities
    from sqlalchemy import select
    city = None
    if slug is not None:
        city = db.session.execute(select(City).where(City.slug == slug)).scalar_one_or_none()
        if city is None:
            raise click.BadParameter(f"no town {slug!r}", param_hint="--city")
    if rebuild and since is not None:
        raise click.BadParameter("give --since or --rebuild, not both", param_hint="--rebuild")
    for result in roll_cities(city=city, since=since, rebuild=rebuild):
        if result.first is None:
            click.echo(f"{result.city}: up to date through {result.through}")
            continue
        line = (f"{result.city}: {result.days} days ({result.first} .. {result.last}) and {result.periods} "
                f"weeks/months/years rolled up, {result.rows} rows; through {result.through}")
        if result.kept:
            line += f"; {result.kept} kept as they were (raw rows past retention)"
        click.echo(line)
