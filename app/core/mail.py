"""Outgoing mail, sent once the transaction that caused it has committed.

A feature composes a message while it changes the database and `queue`s it; the message leaves after the
commit (a rolled-back decision sends nothing, and a failing mail server never undoes a saved one). Mail goes
through SMTP when MAIL_SERVER is configured (smtplib, no extra dependency); otherwise it is appended to the
mail log (instance/mail.log) so developers can read what would have been sent.
"""
import logging
import smtplib
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from app.extensions import db

log = logging.getLogger(__name__)
PENDING = "kick_mail"
HELD_BACK = "kick_mail_held_back"


def compose(to: str, subject: str, lines: list[str]) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    msg["To"] = to
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="kick.city")
    # 8bit, not quoted-printable: links stay whole in the mail log, and every mail server today takes 8BITMIME.
    msg.set_content("\n".join(lines), cte="8bit")
    return msg


def queue(msg: EmailMessage) -> None:
    """Send `msg` after the current transaction commits (nothing if it rolls back)."""
    session = db.session()
    if session.info.get(HELD_BACK):
        return
    if session.get_transaction() is None:
        session.begin()  # so that a rollback before any query still drops the message
    session.info.setdefault(PENDING, []).append(msg)


@contextmanager
def held_back():
    """Queue no mail inside this block: for the demo loader, whose .test addresses cannot receive any."""
    session = db.session()
    session.info[HELD_BACK] = True
    try:
        yield
    finally:
        session.info.pop(HELD_BACK, None)


def deliver(msg: EmailMessage) -> None:
    config = current_app.config
    server = config.get("MAIL_SERVER")
    if not server:
        with open(config["MAIL_LOG"], "a", encoding="utf-8") as handle:
            # as_bytes keeps the 8bit text as written (as_string would turn a body with "één" into base64).
            handle.write(msg.as_bytes().decode("utf-8") + "\n" + "-" * 72 + "\n")
        return
    use_ssl = bool(config.get("MAIL_USE_SSL"))
    port = int(config.get("MAIL_PORT") or (465 if use_ssl else 587))
    smtp_class = smtplib.SMTP_SSL if use_ssl else smtplib.SMTP
    with smtp_class(server, port, timeout=10) as smtp:
        if not use_ssl and config.get("MAIL_USE_TLS", True):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(msg)


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    for msg in session.info.pop(PENDING, []):
        try:
            deliver(msg)
        except Exception:  # noqa: BLE001 - mail trouble must not turn a saved change into an error
            # The subject only: addresses are personal data and stay out of the logs.
            log.exception("could not send mail %r", msg["Subject"])


@event.listens_for(Session, "after_soft_rollback")
def _drop_after_rollback(session: Session, previous: SessionTransaction) -> None:
    if previous.parent is None:  # the whole transaction, not a savepoint inside it
        session.info.pop(PENDING, None)
