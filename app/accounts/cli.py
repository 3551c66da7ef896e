import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.accounts import services
from app.cities.models import City
from app.extensions import db

users_cli = AppGroup("users", help="Manage users and roles.")


def _user_and_city(email: str, slug: str):
    user = services.find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user with email {email}")
    city = db.session.execute(select(City).where(City.slug == slug)).scalar_one_or_none()
    if city is None:
        raise click.ClickException(f"No city with slug {slug}")
    return user, city


@users_cli.command("grant-marketer")
@click.argument("email")
@click.argument("city")
def grant_marketer(email, city):
    """Make EMAIL a marketer of CITY (slug)."""
    user, city_obj = _user_and_city(email, city)
    changed = services.grant_marketer(user, city_obj)
    db.session.commit()
    click.echo(f"{email} is {'now' if changed else 'already'} a marketer of {city}")


@users_cli.command("revoke-marketer")
@click.argument("email")
@click.argument("city")
def revoke_marketer(email, city):
    """Remove EMAIL as marketer of CITY (slug)."""
    user, city_obj = _user_and_city(email, city)
    changed = services.revoke_marketer(user, city_obj)
    db.session.commit()
    click.echo(f"{email} {'is no longer' if changed else 'was not'} a marketer of {city}")
