"""Messages to a merchant about their shop: a row for the dashboard, plus an email (app.core.mail: sent after
the commit, so a failing mail server never undoes a review decision)."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from app.core import clock, mail
from app.core.urls import external_url
from app.extensions import db
from app.shops.models import NotificationKind, ShopNotification

MESSAGES = {
    NotificationKind.SUBMITTED: _l("%(shop)s was sent for review. The city team will look at it soon."),
    NotificationKind.APPROVED: _l("%(shop)s is approved and visible in the app."),
    NotificationKind.REJECTED: _l("%(shop)s was not approved yet."),
    NotificationKind.BACK_TO_REVIEW: _l("Your changes to %(shop)s are waiting for review. The approved version stays visible."),
    NotificationKind.CHANGES_APPROVED: _l("Your changes to %(shop)s are approved and visible."),
    NotificationKind.CHANGES_REJECTED: _l("Your changes to %(shop)s were not approved. The previous version stays visible."),
    NotificationKind.SUSPENDED: _l("%(shop)s is temporarily hidden from the app."),
    NotificationKind.REINSTATED: _l("%(shop)s is visible in the app again."),
}
SUBJECTS = {
    NotificationKind.SUBMITTED: _l("Sent for review"),
    NotificationKind.APPROVED: _l("Your shop is approved"),
    NotificationKind.REJECTED: _l("Your shop needs changes"),
    NotificationKind.BACK_TO_REVIEW: _l("Your changes are in review"),
    NotificationKind.CHANGES_APPROVED: _l("Your changes are approved"),
    NotificationKind.CHANGES_REJECTED: _l("Your changes need work"),
    NotificationKind.SUSPENDED: _l("Your shop is hidden"),
    NotificationKind.REINSTATED: _l("Your shop is visible again"),
}


def message_for(note: ShopNotification) -> str:
    return str(MESSAGES[note.kind]) % {"shop": note.shop.display_name}


def notify(shop, kind: NotificationKind, reason: str | None = None) -> ShopNotification | None:
    """Record a notification in the current transaction; its email leaves after the commit.
    An imported shop nobody has claimed yet has nobody to tell: nothing is recorded."""
    if shop.owner_id is None:
        return None
    note = ShopNotification(user_id=shop.owner_id, shop=shop, kind=NotificationKind(kind).value, reason=reason)
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


def notifications_for(user, limit: int = 20) -> list[ShopNotification]:
    """The newest messages to `user` about their shops (the dashboard shows them)."""
    return list(db.session.execute(
        select(ShopNotification).where(ShopNotification.user_id == user.id)
        .options(selectinload(ShopNotification.shop))
        .order_by(ShopNotification.created_at.desc(), ShopNotification.id.desc()).limit(limit)).scalars())


def mark_notifications_read(user) -> None:
    db.session.execute(update(ShopNotification).where(
        ShopNotification.user_id == user.id, ShopNotification.read_at.is_(None)).values(read_at=clock.now()))
    db.session.commit()
