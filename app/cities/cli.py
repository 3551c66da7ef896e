"""`flask --app wsgi cities create SLUG --name NAME --lat LAT --lon LON`: a town on an empty database."""
import click
from flask.cli import AppGroup

from app.cities import services
from app.core.problem import ProblemError
from app.extensions import db

cities_cli = AppGroup("cities", help="Manage the towns.")


@cities_cli.command("create")
@click.argument("slug")
@click.option("--name", required=True, help="The town's name in Dutch (other languages: the theme studio).")
@click.option("--lat", type=float, required=True, help="Latitude of the town centre.")
@click.option("--lon", type=float, required=True, help="Longitude of the town centre.")
def create(slug, name, lat, lon):
    """Create the town SLUG (its address: /SLUG/), a draft with neutral colours: its marketers theme it, then
    `cities status SLUG live` (or the admin console) makes it public."""
    try:
        city = services.create_city(slug, {"nl": name}, lat, lon)
    except ProblemError as problem:
        messages = "; ".join(f"{field}: {' '.join(texts)}" for field, texts in (problem.errors or {}).items())
        raise click.ClickException(messages or problem.detail) from None
    db.session.commit()
    click.echo(f"created {city.slug}: {city.name} at {city.center_lat:.5f}, {city.center_lon:.5f} -> /{city.slug}/")


@cities_cli.command("status")
@click.argument("slug")
@click.argument("status", type=click.Choice(["draft", "live"]))
def status(slug, status):
    """Set the town SLUG live (everyone sees it) or back to draft (only its marketers and the admins)."""
    city = services.city_by_slug(slug)
    if city is None:
        raise click.ClickException(f"no town {slug!r}")
    services.set_city_status(city, status)
    db.session.commit()
    click.echo(f"{city.slug}: {city.status}")


@cities_cli.command("list")
def list_cities():
    """Every town with its address."""
    for city in services.all_cities():
        click.echo(f"{city.slug}\t{city.name}\t{city.status}")
