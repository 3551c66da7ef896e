"""Rate-limit keys and limits read from config (so tests and production can set them)."""
from flask import current_app, request
from flask_limiter.util import get_remote_address


def config_limit(name: str):
    return lambda: current_app.config[name]


def submitted_email() -> str:
    """The email being tried, from a form or JSON body, as the account stores it (trimmed, lower-cased)."""
    email = request.form.get("email")
    if email is None:
        body = request.get_json(silent=True)
        email = body.get("email") if isinstance(body, dict) else None
    return str(email).strip().lower()[:254] if email else "-"


def submitted_email_and_ip() -> str:
    """Per-account key for login limits, counted per address: a stranger's wrong guesses from elsewhere
    use up their own bucket, never the owner's (a plain per-email key let anyone lock a person out)."""
    return f"acct:{submitted_email()}|{client_ip()}"


def client_ip() -> str:
    return get_remote_address() or "-"
