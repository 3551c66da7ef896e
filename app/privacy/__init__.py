"""Privacy: the per-city privacy page, my data (export, account deletion) and the retention purge."""
import os

# Features holding personal data; each has <feature>/privacy.py with export_user(user) -> dict
# and forget_user(user) (a listener of accounts.signals.user_deleting).
PARTS = ("loyalty", "shops", "trails")
DAYS_PER_MONTH = 30.4375


def init_app(app):
    import importlib

    from app.accounts.signals import user_deleting
    from app.extensions import api as rest_api
    from app.privacy import account_views, api, cli, views

    env = os.environ
    app.config.setdefault("KICK_SCAN_RETENTION_MONTHS", int(env.get("KICK_SCAN_RETENTION_MONTHS", "13")))
    app.config.setdefault("KICK_RETENTION_DAYS", int(env.get(
        "KICK_RETENTION_DAYS", round(app.config["KICK_SCAN_RETENTION_MONTHS"] * DAYS_PER_MONTH))))
    app.config.setdefault("KICK_LOG_RETENTION_DAYS", int(env.get("KICK_LOG_RETENTION_DAYS", "14")))
    app.config.setdefault("KICK_PRIVACY_CONTACT", env.get("KICK_PRIVACY_CONTACT", "privacy@kick.city"))
    app.register_blueprint(views.bp)
    app.register_blueprint(account_views.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    app.cli.add_command(cli.privacy_cli)

    parts = app.extensions.setdefault("kick_privacy_parts", {"export": []})
    for name in PARTS:
        module = importlib.import_module(f"app.{name}.privacy")
        parts["export"].append((name, module.export_user))
        user_deleting.connect(module.forget_user)  # blinker ignores a second connect of the same function
