"""Rate-limit keys and limits read from config (so tests and production can set them)."""
from flask import current_app, request
from flask_limiter.util import get_remote_address


def config_limit(name: str):
    return lambda: current_app.config[name]


def submitted_email() -> str:
    """Per-account key for login limits: the email being tried, from a form or JSON body."""
    email = request.form.get("email")
    if email is None:
        body = request.get_json(silent=True)
        email = body.get("email") if isinstance(body, dict) else None
    return "acct:" + (str(email)[:254].strip().lower() if email else "-")


def client_ip() -> str:
    return get_remote_address() or "-"
