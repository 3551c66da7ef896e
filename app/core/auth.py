"""Role checks. A user who is not allowed in a city's studio gets a 404 (no existence leak)."""
from functools import wraps

from flask import abort, g
from flask_login import current_user, login_required


def is_marketer_of(user, city) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.is_admin or user.is_marketer_of(city))


def marketer_required(view):
    """The current user must be a marketer of g.city (or a platform admin)."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not is_marketer_of(current_user, g.city):
            abort(404)
        return view(*args, **kwargs)

    return wrapped


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(404)
        return view(*args, **kwargs)

    return wrapped
