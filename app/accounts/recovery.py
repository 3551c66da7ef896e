"""A forgotten password: a link by mail, valid one hour, good for one reset.

Asking gives the same answer whether or not the address has an account (nobody learns who uses the app).
The link carries a fingerprint of the current password hash and session token: once the password changes
(by this link or otherwise) or every session is ended, the link is dead, so it works once.
"""
import hashlib
from datetime import timedelta

from flask_babel import gettext as _

from app.accounts.links import make_token, read_token
from app.accounts.models import User
from app.accounts.passwords import weakness
from app.core import clock, mail
from app.core.problem import ProblemError
from app.core.urls import external_url

LINK_MAX_AGE = timedelta(hours=1)
PURPOSE = "password-reset"


def _fingerprint(user: User) -> str:
    return hashlib.sha256(f"{user.password_hash}|{user.session_token}".encode()).hexdigest()[:20]


def reset_link(user: User) -> str:
    return external_url("accounts.reset_password", token=make_token(PURPOSE, user, fp=_fingerprint(user)))


def request_reset(email: str) -> None:
    """Mail a reset link to the account whose login is `email`; nothing (and no difference) otherwise."""
    from app.accounts.services import find_user_by_email  # noqa: PLC0415 - services imports accounts modules
    user = find_user_by_email(email)
    if user is None or user.is_anonymous_shopper:
        return
    minutes = int(LINK_MAX_AGE.total_seconds() // 60)
    with mail.in_language_of(user):
        mail.queue(mail.compose(user.email, _("KICK: choose a new password"), [
            _("Open this link to choose a new password for your KICK account:"), "", reset_link(user), "",
            _("The link works for %(minutes)d minutes and only once.", minutes=minutes),
            _("Did you not ask for this? Then you can ignore this email: your password stays as it is."),
        ]))


def user_for(token: str) -> User:
    """The account a reset link is for, or a refusal that says what to do."""
    user, data = read_token(PURPOSE, token, LINK_MAX_AGE, _("This link has expired. Ask for a new one on the "
                                                            "login page."))
    if user is None or data.get("fp") != _fingerprint(user):
        raise ProblemError(410, _("This link is no longer valid: it was used, or the password changed since. Ask "
                                  "for a new one."), code="link_used")
    return user


def reset_password(token: str, password: str) -> User:
    """Set the new password from a link; every session of the account ends (the caller logs this one in)."""
    from app.accounts.services import end_all_sessions  # noqa: PLC0415 - services imports accounts modules
    user = user_for(token)
    problem = weakness(password or "", user.email or "", user.display_name or "")
    if problem:
        raise ProblemError(422, problem, code="validation_error", errors={"password": [problem]})
    user.set_password(password)
    end_all_sessions(user)
    # Opening a link mailed to the address proves it, as the confirmation link does.
    user.email_verified_at = user.email_verified_at or clock.now()
    return user
