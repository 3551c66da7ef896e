import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.accounts import invitations, services
from app.core.auth import Role
from app.accounts.passwords import weakness
from app.core import clock
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


@users_cli.command("create-admin")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="The password (asked for, hidden, when not given).")
@click.option("--name", "display_name", default=None, help="Display name.")
def create_admin(email, password, display_name):
    """Make EMAIL a platform admin: a new account with this password, or an existing account promoted.

    The first step on an empty production database; the operator vouches for the address."""
    from email_validator import EmailNotValidError, validate_email  # noqa: PLC0415
    try:
        address = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise click.BadParameter(str(error), param_hint="EMAIL") from None
    user = services.find_user_by_email(address)
    if user is None:
        problem = weakness(password, address, display_name or "")
        if problem:
            raise click.BadParameter(problem, param_hint="--password")
        user = services.new_user(address, password, display_name)
    user.is_admin = True
    user.email_verified_at = user.email_verified_at or clock.now()
    db.session.commit()
    click.echo(f"{address} is a platform admin; log in at /login")


@users_cli.command("grant-marketer")
@click.argument("email")
@click.argument("city")
def grant_marketer(email, city):
    """Make EMAIL a marketer of CITY (slug)."""
    user, city_obj = _user_and_city(email, city)
    changed = services.grant_marketer(user, city_obj)
    if changed:
        invitations.record(None, invitations.AuditAction.GRANTED, role=Role.MARKETER, city=city_obj, subject=user)
    db.session.commit()
    click.echo(f"{email} is {'now' if changed else 'already'} a marketer of {city}")


@users_cli.command("revoke-marketer")
@click.argument("email")
@click.argument("city")
def revoke_marketer(email, city):
    """Remove EMAIL as marketer of CITY (slug)."""
    user, city_obj = _user_and_city(email, city)
    changed = services.revoke_marketer(user, city_obj)
    if changed:
        invitations.record(None, invitations.AuditAction.REVOKED, role=Role.MARKETER, city=city_obj, subject=user)
    db.session.commit()
    click.echo(f"{email} {'is no longer' if changed else 'was not'} a marketer of {city}")
