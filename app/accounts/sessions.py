"""The session-facing part of accounts: who is logged in on this browser (Flask-Login), and the CSRF secret
that goes with it. Views and APIs call these; the rules they apply live in accounts.services, which take
the user as an argument and never read the request."""
import hmac

from flask import current_app, g, session
from flask_login import current_user, login_user, logout_user

from app.accounts import services
from app.accounts.models import User
from app.core import clock
from app.core.auth import current_actor  # noqa: F401 - sessions is where features look for it
from app.extensions import db


def _login(user: User, remember: bool) -> None:
    """login_user with the role's lifetime, in the remember cookie and in the login id itself (User.get_id
    carries the deadline), so the user loader refuses a replayed cookie after it without a query."""
    max_age = services.login_max_age(user)
    user.login_until = int((clock.now() + max_age).timestamp())
    login_user(user, remember=remember, duration=max_age)


def start_session(user: User, remember: bool) -> None:
    """Log in with a password (or a new account): with a fresh CSRF secret, so a token read before the
    login (e.g. planted by a stranger on a shared tablet) is worth nothing after it."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    session.pop(field, None)
    g.pop(field, None)  # Flask-WTF caches this request's token in g
    _login(user, remember)


def register(email: str, password: str, display_name: str | None = None) -> User:
    """Start an account for the person at the keyboard (see `services.new_account`), commit it and log in."""
    user = services.new_account(current_actor(), email, password, display_name)
    db.session.commit()
    start_session(user, remember=True)
    return user


def log_in(user: User, remember: bool = True) -> None:
    """Log in; an anonymous shopper being replaced hands their cards to the account (see `services.logged_in`)."""
    services.logged_in(user, previous=current_actor())
    db.session.commit()
    start_session(user, remember=remember)


def log_out() -> None:
    """Log out for real: a copy of the session or remember cookie replayed later finds a changed token.
    The token is per account, so this signs the account out on every device (a shopper keeps their cards:
    logging in again brings them back)."""
    if current_user.is_authenticated:
        services.end_all_sessions(current_actor())
        db.session.commit()
    logout_user()


def _first_scan_key() -> str | None:
    """This browser session, for its first scan: the session's CSRF secret (every scan sends the session
    cookie it lives in), hashed with the app's secret so the database never holds the secret itself."""
    secret = session.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if not secret:
        return None
    return hmac.new(current_app.secret_key.encode(), b"first-scan:" + str(secret).encode(), "sha256").hexdigest()


def ensure_shopper() -> User:
    """The current user, or an anonymous shopper logged in on the spot (no sign-up before a stamp; see
    `services.anonymous_shopper` for how a browser's racing first scans get one shopper)."""
    if current_user.is_authenticated:
        return current_actor()
    user = services.anonymous_shopper(_first_scan_key())
    # No fresh CSRF secret here: the browser's racing or re-sent first scans find this account by a hash of
    # the secret they were sent with (first_scan_key), and the scan page's own forms keep working.
    _login(user, remember=True)
    return user
