"""Merchant notifications: a row for the dashboard, plus an email.

Email goes through SMTP when MAIL_SERVER is configured (smtplib, no extra dependency); otherwise it is
appended to the mail log (instance/mail.log) so developers can read what would have been sent.
Mail is sent after the commit: a failing mail server never undoes a review decision.
"""
import logging
import os
import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app
from flask_babel import force_locale, lazy_gettext as _l

from app.config import DEFAULT_LOCALE
from app.core.urls import external_url
from app.extensions import db
from app.shops.models import ShopNotification

log = logging.getLogger(__name__)

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


def notify(shop, kind: str, reason: str | None = None) -> ShopNotification:
    """Record a notification in the current transaction; call send_pending() after the commit."""
    note = ShopNotification(user_id=shop.owner_id, shop=shop, kind=kind, reason=reason)
    db.session.add(note)
    pending = db.session.info.setdefault("kick_shop_mail", [])
    pending.append(note)
    return note


def send_pending() -> None:
    for note in db.session.info.pop("kick_shop_mail", []):
        try:
            deliver(note)
        except Exception:  # noqa: BLE001 - mail trouble must not turn a saved decision into an error
            log.exception("could not send shop notification %s", note.id)


def _compose(note: ShopNotification) -> EmailMessage | None:
    owner = note.shop.owner
    if not owner or not owner.email:
        return None
    with force_locale(owner.locale or DEFAULT_LOCALE):
        subject = f"KICK {note.shop.city.name}: {SUBJECTS[note.kind]}"
        lines = [message_for(note)]
        if note.reason:
            lines += ["", str(_l("Reason from the city team:")), note.reason]
        link = external_url("merchant.shop", shop_id=note.shop_id)
        lines += ["", str(_l("Open your dashboard: %(link)s", link=link))]
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = mail_setting("MAIL_DEFAULT_SENDER") or "KICK City <no-reply@kick.city>"
    msg["To"] = owner.email
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="kick.city")
    msg.set_content("\n".join(lines))
    return msg


def mail_setting(name: str, default=None):
    """App config first (tests), then the environment (MAIL_SERVER, MAIL_PORT, ...)."""
    value = current_app.config.get(name)
    return value if value is not None else os.environ.get(name, default)


def _flag(name: str, default: bool) -> bool:
    value = mail_setting(name)
    if value is None:
        return default
    return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "on")


def deliver(note: ShopNotification) -> None:
    msg = _compose(note)
    if msg is None:
        return
    server = mail_setting("MAIL_SERVER")
    if not server:
        with open(current_app.config["MAIL_LOG"], "a", encoding="utf-8") as handle:
            handle.write(msg.as_string() + "\n" + "-" * 72 + "\n")
        return
    use_ssl = _flag("MAIL_USE_SSL", False)
    port = int(mail_setting("MAIL_PORT") or (465 if use_ssl else 587))
    smtp_class = smtplib.SMTP_SSL if use_ssl else smtplib.SMTP
    with smtp_class(server, port, timeout=10) as smtp:
        if not use_ssl and _flag("MAIL_USE_TLS", True):
            smtp.starttls()
        if mail_setting("MAIL_USERNAME"):
            smtp.login(mail_setting("MAIL_USERNAME"), mail_setting("MAIL_PASSWORD") or "")
        smtp.send_message(msg)
