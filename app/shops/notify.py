"""Merchant notifications: a row for the dashboard, plus an email (app.core.mail: sent after the commit,
so a failing mail server never undoes a review decision)."""
from flask_babel import lazy_gettext as _l

from app.core import mail
from app.core.urls import external_url
from app.extensions import db
from app.shops.models import ShopNotification

MESSAGES = {
    "submitted": _l("%(shop)s was sent for review. The city team will look at it soon."),
    "approved": _l("%(shop)s is approved and visible in the app."),
    "rejected": _l("%(shop)s was not approved yet."),
    "back_to_review": _l("Your changes to %(shop)s are waiting for review. The approved version stays visible."),
    "changes_approved": _l("Your changes to %(shop)s are approved and visible."),
    "changes_rejected": _l("Your changes to %(shop)s were not approved. The previous version stays visible."),
    "suspended": _l("%(shop)s is temporarily hidden from the app."),
    "reinstated": _l("%(shop)s is visible in the app again."),
}
SUBJECTS = {
    "submitted": _l("Sent for review"),
    "approved": _l("Your shop is approved"),
    "rejected": _l("Your shop needs changes"),
    "back_to_review": _l("Your changes are in review"),
    "changes_approved": _l("Your changes are approved"),
    "changes_rejected": _l("Your changes need work"),
    "suspended": _l("Your shop is hidden"),
    "reinstated": _l("Your shop is visible again"),
}


def message_for(note: ShopNotification) -> str:
    return str(MESSAGES[note.kind]) % {"shop": note.shop.display_name}


def notify(shop, kind: str, reason: str | None = None) -> ShopNotification | None:
    """Record a notification in the current transaction; its email leaves after the commit.
    An imported shop nobody has claimed yet has nobody to tell: nothing is recorded."""
    if shop.owner_id is None:
        return None
    note = ShopNotification(user_id=shop.owner_id, shop=shop, kind=kind, reason=reason)
    db.session.add(note)
    msg = _compose(note)
    if msg is not None:
        mail.queue(msg)
    return note


def _compose(note: ShopNotification):
    owner = note.shop.owner
    if not owner or not owner.email:
        return None
    city = note.shop.city
    with mail.in_language_of(owner, city):
        subject = f"KICK {city.name}: {SUBJECTS[note.kind]}"
        lines = [message_for(note)]
        if note.reason:
            lines += ["", str(_l("Reason from the city team:")), note.reason]
        link = external_url("merchant.shop", shop_id=note.shop.id)
        lines += ["", str(_l("Open your dashboard: %(link)s", link=link))]
        return mail.compose(owner.email, subject, lines, city=city)
