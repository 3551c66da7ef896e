"""CLI: `flask --app wsgi demo load` (idempotent demo content)."""
import click
from flask import current_app
from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="Demo content for the six cities.")


@demo_cli.command("load")
def load():
    """Load (or refresh) the six demo cities and their content (Diksmuide through the imports). Safe to run twice."""
    if current_app.config["KICK_ENV"] == "production":
        raise click.ClickException("demo load refuses to run when KICK_ENV=production")
    from app.demo import load_demo
    counts = load_demo()
    for name, count in counts.items():
        click.echo(f"{name}: {count}")


def register_cli(app):
    app.cli.add_command(demo_cli)
