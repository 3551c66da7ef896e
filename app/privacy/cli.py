"""`flask --app wsgi privacy purge` (retention) and `privacy delete-user` (requests by email)."""
import click
from flask import current_app
from flask.cli import AppGroup

from app.core.problem import ProblemError

privacy_cli = AppGroup("privacy", help="Retention and data-subject requests.")


@privacy_cli.command("purge")
@click.option("--older-than-days", type=int, default=None,
              help="Retention period in days (default: KICK_RETENTION_DAYS, 396 = 13 months).")
def purge_command(older_than_days):
    """Tally raw scan events older than the retention period into day totals, then delete them."""
    from app.core.registry import get_registry
    days = older_than_days if older_than_days is not None else current_app.config["KICK_RETENTION_DAYS"]
    for part in get_registry(current_app).privacy:  # each feature's purge (loyalty: app.loyalty.purge)
        if part.purge is None:
            continue
        try:
            lines = part.purge(days)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--older-than-days") from None
        for line in lines:
            click.echo(line)


@privacy_cli.command("delete-user")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def delete_user_command(email, yes):
    """Delete the account EMAIL and its personal data (a request received by email or post)."""
    from app.accounts.services import find_user_by_email
    from app.privacy.deletion import delete_account
    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user with email {email}")
    if not yes:
        click.confirm(f"Delete {email} and all their personal data?", abort=True)
    try:
        delete_account(user, by_operator=True)
    except ProblemError as problem:
        raise click.ClickException(problem.detail) from None
    click.echo(f"Deleted {email}")
