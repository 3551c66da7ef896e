"""Signed, expiring links mailed to a person (address confirmation, password reset): one way to make and
read them. A link names its account by id; what else it carries is up to its module, never an address."""
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.accounts.models import User
from app.core.problem import ProblemError
from app.extensions import db


def _signer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"kick-{purpose}")


def make_token(purpose: str, user: User, **facts) -> str:
    return _signer(purpose).dumps({"user": user.id, **facts})


def make_facts_token(purpose: str, **facts) -> str:
    """A link for someone who may have no account yet (an invitation): it carries only `facts`."""
    return _signer(purpose).dumps(facts)


def read_facts_token(purpose: str, token: str, max_age: timedelta, expired: str) -> dict:
    """The facts of a `make_facts_token` link, with the same refusals as `read_token`."""
    data = _load(purpose, token, max_age, expired)
    return data if isinstance(data, dict) else {}


def _load(purpose: str, token: str, max_age: timedelta, expired: str):
    try:
        return _signer(purpose).loads(token, max_age=int(max_age.total_seconds()))
    except SignatureExpired as error:
        raise ProblemError(410, expired, code="link_expired") from error
    except BadSignature as error:
        raise ProblemError(400, _("This link is not valid. Copy the whole link from the email."),
                           code="link_invalid") from error


def read_token(purpose: str, token: str, max_age: timedelta, expired: str) -> tuple[User | None, dict]:
    """The account a link is for (None if it is gone) and its facts; a refusal if the link is damaged (400)
    or older than `max_age` (410, saying `expired`)."""
    data = _load(purpose, token, max_age, expired)
    if not isinstance(data, dict) or not isinstance(data.get("user"), int):
        return None, {}
    return db.session.get(User, data["user"]), data
