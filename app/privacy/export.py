"""A person's data as one JSON document (GDPR art. 15 and 20): the account plus each feature's part."""
from flask import current_app

from app.core import clock
from app.core.registry import get_registry

FORMAT = "kick-city-export/1"


def _iso(value):
    return value.isoformat() if value is not None else None


def account_part(user) -> dict:
    return {
        "id": user.id,
        "email": user.email,
        "email_verified_at": _iso(user.email_verified_at),
        "email_waiting_for_confirmation": user.pending_email,
        "display_name": user.display_name,
        "language": user.locale,
        "anonymous_shopper": user.is_anonymous_shopper,
        "platform_admin": user.is_admin,
        "marketer_of": sorted(m.city.slug for m in user.memberships),
        "created_at": _iso(user.created_at),
        "last_login_at": _iso(user.last_login_at),
        "password": "stored only as a one-way hash" if user.password_hash else None,
    }


def export_user(user) -> dict:
    document = {"format": FORMAT, "exported_at": clock.now().isoformat(), "account": account_part(user)}
    for part in get_registry(current_app).privacy:
        document[part.name] = part.export_user(user)
    return document
