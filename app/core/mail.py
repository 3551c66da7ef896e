"""Outgoing mail, rendered for its recipient and sent once the transaction that caused it has committed.

A feature composes a message while it changes the database and `queue`s it:

    with mail.in_language_of(user, city):           # the recipient's language (else the city's, else nl)
        mail.queue(mail.compose(user.email, _("Subject"), [_("A line"), "", link], city=city))

The message leaves after the commit (a rolled-back decision sends nothing, and a failing mail server never
undoes a saved one). It is rendered with the mail layout (templates/mail/layout.txt, and an HTML alternative
in the city's colours, layout.html) and sent as "KICK <city>" when a city is given.

After the commit each message is handed, as text, to the job queue that app.jobs registers in
`current_app.extensions["kick_jobs"]` (core may not import app.jobs): the job `deliver_job` sends it, off
the request, with retries. Without a job queue (an app built without app.jobs) it is delivered at once.
Delivery goes through SMTP when MAIL_SERVER is configured (smtplib); otherwise the message is appended to
the mail log (instance/mail.log) so developers can read what would have been sent.
"""
import logging
import re
import smtplib
from contextlib import contextmanager
from email import message_from_bytes
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import formatdate, make_msgid, parseaddr

from flask import current_app
from flask_babel import force_locale, get_locale
from markupsafe import Markup, escape
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from app.config import DEFAULT_LOCALE
from app.core.contrast import AA_BODY, contrast_ratio, readable_on
from app.core.i18n import translate
from app.extensions import db

log = logging.getLogger(__name__)
PENDING = "kick_mail"
JOBS_EXTENSION = "kick_jobs"  # where app.jobs puts its queue (an object with enqueue(name, args))
DELIVER_JOB = "app.core.mail:deliver_job"
# The platform's own look, for mails that belong to no city (an account's address, its password).
PLATFORM_PRIMARY = "#1F3A5F"
BODY_TEXT = "#1A1A1A"
_URL = re.compile(r"https?://[^\s<>\"]+")
HELD_BACK = "kick_mail_held_back"


def language_of(user=None, city=None) -> str:
    """The language someone's mail speaks: their own choice, else their city's, else Dutch."""
    return getattr(user, "locale", None) or getattr(city, "default_locale", None) or DEFAULT_LOCALE


@contextmanager
def in_language_of(user=None, city=None):
    """Compose inside this block: `_()` and the layout speak the recipient's language."""
    with force_locale(language_of(user, city)):
        yield


def compose(to: str, subject: str, lines: list[str], city=None) -> EmailMessage:
    """A message to `to`: `lines` of text ("" starts a new paragraph; a line that is only a link becomes a
    button in the HTML part), in the mail layout, from "KICK <city>" when `city` is given. Call it inside
    `in_language_of(...)` (or force_locale): the layout's own words use the active language."""
    locale = str(get_locale() or DEFAULT_LOCALE)
    city_name = translate(city.names, locale, fallback=city.default_locale) if city is not None else None
    lines = [str(line) for line in lines]
    colours = _colours(city)
    context = {"subject": str(subject), "lines": lines, "paragraphs": _paragraphs(lines, colours["link"]),
               "locale": locale, "brand": f"KICK {city_name}" if city_name else "KICK City", **colours}
    msg = EmailMessage()
    msg["Subject"] = str(subject)
    msg["From"] = sender(city_name)
    msg["To"] = to
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="kick.city")
    # 8bit, not quoted-printable: links stay whole in the mail log, and every mail server today takes 8BITMIME.
    msg.set_content(_render("mail/layout.txt", context), cte="8bit")
    msg.add_alternative(_render("mail/layout.html", context), subtype="html", cte="8bit")
    return msg


def sender(city_name: str | None = None):
    """MAIL_DEFAULT_SENDER, named "KICK <city>" for a city's mail (the address stays the configured one)."""
    configured = current_app.config["MAIL_DEFAULT_SENDER"]
    if not city_name:
        return configured
    address = parseaddr(configured)[1]
    return Address(display_name=f"KICK {city_name}", addr_spec=address)


def text_of(msg: EmailMessage) -> str:
    """The plain-text part of a message (what the mail log's reader and tests look at)."""
    return msg.get_body(("plain",)).get_content()


def _paragraphs(lines: list[str], link_colour: str) -> list[list[dict]]:
    """The HTML part's paragraphs: items {"url": ...} (a line that is only a link: a button) or {"html": ...}."""
    paragraphs, current = [], []
    for line in lines + [""]:
        line = line.strip()
        if line:
            current.append({"url": line} if _URL.fullmatch(line) else {"html": _linked(line, link_colour)})
        elif current:
            paragraphs.append(current)
            current = []
    return paragraphs


def _linked(line: str, colour: str) -> Markup:
    parts, last = [], 0
    for match in _URL.finditer(line):
        url = match.group().rstrip(".,;:!?)")  # "(https://…/login):" links the address, not its punctuation
        parts += [escape(line[last:match.start()]), Markup('<a href="{0}" style="color:{1};">{0}</a>').format(
            url, colour)]
        last = match.start() + len(url)
    parts.append(escape(line[last:]))
    return Markup("").join(parts)


def _colours(city) -> dict:
    primary = getattr(city, "primary_color", None) or PLATFORM_PRIMARY
    # Links on the white body wear the city's colour only where it is readable there.
    link = primary if contrast_ratio(primary, "#FFFFFF") >= AA_BODY else BODY_TEXT
    return {"primary": primary, "on_primary": readable_on(primary), "link": link, "text": BODY_TEXT}


def _render(template: str, context: dict) -> str:
    # The Jinja environment itself, not render_template: no request-bound context processors, so a mail
    # renders alike in a request, a CLI command or a job.
    return current_app.jinja_env.get_template(template).render(**context)


def queue(msg: EmailMessage) -> None:
    """Send `msg` after the current transaction commits (nothing if it rolls back)."""
    session = db.session()
    if session.info.get(HELD_BACK):
        return
    if session.get_transaction() is None:
        session.begin()  # so that a rollback before any query still drops the message
    session.info.setdefault(PENDING, []).append(msg)


def deliver_job(raw: str) -> None:
    """The job that sends one message, given as its text (JSON-able, for the queue). Raises on failure, so
    the queue tries again."""
    deliver(message_from_bytes(raw.encode("utf-8"), policy=default_policy))


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


def hand_over(msg: EmailMessage) -> None:
    """Give a committed message to the job queue (or, without one, deliver it now). Never raises."""
    raw = msg.as_bytes().decode("utf-8")
    jobs = current_app.extensions.get(JOBS_EXTENSION)
    try:
        if jobs is None:
            deliver_job(raw)
        else:
            jobs.enqueue(DELIVER_JOB, [raw])
    except Exception as error:  # noqa: BLE001 - mail trouble must not turn a saved change into an error
        # The error's class only: an SMTP refusal names the recipient, and addresses stay out of the logs.
        log.error("could not send a mail: %s", error.__class__.__name__)


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    for msg in session.info.pop(PENDING, []):
        hand_over(msg)


@event.listens_for(Session, "after_soft_rollback")
def _drop_after_rollback(session: Session, previous: SessionTransaction) -> None:
    if previous.parent is None:  # the whole transaction, not a savepoint inside it
        session.info.pop(PENDING, None)
