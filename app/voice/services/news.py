"""City news to merchants: posting a message to a target, the deliveries it makes, reading it, the figures.

Posting (`post_news`) writes the message and one `NewsDelivery` per recipient and channel in one commit —
the dashboard row (shown at once), an email row for those who keep mail on and a push row for those who
allowed Web Push in a browser — and only then hands the fan-out to the job queue (`fan_out`), so posting to
500 merchants costs the request one insert and one enqueue. Each email and push row is sent by a job of
its own that first claims the row (pending or failed -> sending, in one UPDATE): a job run twice, or a retry
racing the marketer's "try again", sends nothing twice. A failed send is recorded (its error class only) and
raised, so the queue tries again; what still failed is on the marketer's message page with a retry button.
"""
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, case, func, select, update

from app import jobs
from app.accounts.models import User
from app.core import clock, dates, mail
from app.core.i18n import translate
from app.core.problem import ProblemError, not_found
from app.core.urls import external_url
from app.extensions import db
from app.core import richtext
from app.voice.models import (Channel, DeliveryStatus, NewsDelivery, NewsKind, NewsMessage, NewsPreference,
                              PushSubscription)
from app.voice.services import targeting

FAN_OUT_JOB = "app.voice.services.news:fan_out"
EMAIL_JOB = "app.voice.services.news:send_email"
PUSH_JOB = "app.voice.services.push:send_push"
TITLE_MAX = 120
PUBLIC_LINE_MAX = 200
LIST_MAX = 50  # messages on the merchant's news list and the studio's list
MAP_MAX = 100  # running items on a public map


# ------------------------------------------------------------------ posting


def check_news(values: dict) -> dict:
    """The message's fields, checked: Dutch title and text required, the text sanitised, dates in order, the
    place and the public line needed for the public map. A 422 with field messages otherwise."""
    errors: dict[str, list[str]] = {}
    title = {k: v for k, v in (values.get("title") or {}).items() if v}
    body = {locale: richtext.clean(text) for locale, text in (values.get("body") or {}).items()}
    body = {locale: text for locale, text in body.items() if text}
    public_line = {k: v for k, v in (values.get("public_line") or {}).items() if v}
    if not title.get("nl"):
        errors["title"] = [_("Give the message a Dutch title.")]
    if any(len(text) > TITLE_MAX for text in title.values()):
        errors["title"] = [_("A title has at most %(max)d characters.", max=TITLE_MAX)]
    if not body.get("nl"):
        errors["body"] = [_("Write the message in Dutch.")]
    if any(len(text) > richtext.BODY_MAX for text in body.values()):
        errors["body"] = [_("The text is too long (at most %(max)d characters).", max=richtext.BODY_MAX)]
    if any(len(text) > PUBLIC_LINE_MAX for text in public_line.values()):
        errors["public_line"] = [_("The public line has at most %(max)d characters.", max=PUBLIC_LINE_MAX)]
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = [_("The end date is before the start date.")]
    if bool(starts) != bool(ends):
        errors["ends_on" if starts else "starts_on"] = [_("Give both dates, or none.")]
    lat, lon = values.get("lat"), values.get("lon")
    if (lat is None) != (lon is None):
        errors["lon" if lat is not None else "lat"] = [_("Give both coordinates, or none.")]
    elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errors["lat"] = [_("This is not a place on the map.")]
    kind = values.get("kind") or NewsKind.NEWS.value
    if kind not in set(NewsKind):
        errors["kind"] = [_("Unknown kind of message.")]
    on_map = bool(values.get("on_public_map"))
    if on_map:
        if kind == NewsKind.NEWS:
            errors["kind"] = [_("Only road works and events go on the public map.")]
        if not (starts and ends):
            errors.setdefault("starts_on", [_("Road works on the public map need their dates.")])
        if lat is None:
            errors.setdefault("lat", [_("Place the works on the map.")])
        if not public_line.get("nl"):
            errors["public_line"] = [_("Write the line shoppers see on the map (in Dutch).")]
    if errors:
        raise ProblemError(422, _("The message is not sent: check the fields."), code="validation_error",
                           errors=errors)
    return {"kind": kind, "title": title, "body": body, "starts_on": starts, "ends_on": ends, "lat": lat,
            "lon": lon, "on_public_map": on_map, "public_line": public_line}


def post_news(city, author, values: dict, target: targeting.Target, *, base_url: str | None = None) -> NewsMessage:
    """Send a message to the target's merchants (see the module's docstring). A target nobody is in is a 422."""
    checked = check_news(values)
    people = targeting.recipient_ids(city, target)
    if not people:
        raise ProblemError(422, _("No merchant is in this target: nobody would receive it."), code="no_recipients",
                           errors={"target": [_("No merchant is in this target.")]})
    message = NewsMessage(city_id=city.id, author_id=getattr(author, "id", None), target=target.as_json(),
                          sent_at=clock.now(), recipients=len(people), **checked)
    db.session.add(message)
    db.session.flush()
    _add_deliveries(message, people)
    db.session.commit()
    jobs.enqueue(FAN_OUT_JOB, message.id, base_url)
    return message


def _add_deliveries(message: NewsMessage, people: list[int]) -> None:
    """The dashboard row for everyone; email for those with an address who keep it on; push for those who
    allowed it and have a subscription, when push is configured."""
    now = clock.now()
    emails = _mail_choices(people)
    pushers = set(_push_people(people)) if push_configured() else set()
    rows = []
    for user_id in people:
        rows.append({"message_id": message.id, "user_id": user_id, "channel": Channel.DASHBOARD.value,
                     "status": DeliveryStatus.SENT.value, "attempts": 1, "sent_at": now, "created_at": now})
        if emails.get(user_id):
            rows.append({"message_id": message.id, "user_id": user_id, "channel": Channel.EMAIL.value,
                         "status": DeliveryStatus.PENDING.value, "attempts": 0, "sent_at": None, "created_at": now})
        if user_id in pushers:
            rows.append({"message_id": message.id, "user_id": user_id, "channel": Channel.PUSH.value,
                         "status": DeliveryStatus.PENDING.value, "attempts": 0, "sent_at": None, "created_at": now})
    db.session.execute(NewsDelivery.__table__.insert(), rows)


def _mail_choices(people: list[int]) -> dict[int, bool]:
    """user id -> gets mail: has a confirmed address and has not turned city news mail off."""
    rows = db.session.execute(
        select(User.id, NewsPreference.email).outerjoin(NewsPreference, NewsPreference.user_id == User.id)
        .where(User.id.in_(people), User.email.is_not(None)))
    return {user_id: choice is not False for user_id, choice in rows}


def _push_people(people: list[int]) -> list[int]:
    return list(db.session.execute(
        select(PushSubscription.user_id).distinct()
        .join(NewsPreference, and_(NewsPreference.user_id == PushSubscription.user_id, NewsPreference.push.is_(True)))
        .where(PushSubscription.user_id.in_(people))).scalars())


def push_configured() -> bool:
    config = current_app.config
    return bool(config.get("KICK_VAPID_PUBLIC_KEY") and config.get("KICK_VAPID_PRIVATE_KEY"))


def retry_failed(message: NewsMessage, *, base_url: str | None = None) -> int:
    """The marketer's "try again": every failed email and push row of the message goes back to the queue
    (each job claims its row first, so a row sent meanwhile is not sent again). The number queued."""
    ids = list(db.session.execute(select(NewsDelivery.id, NewsDelivery.channel).where(
        NewsDelivery.message_id == message.id, NewsDelivery.status == DeliveryStatus.FAILED.value)))
    db.session.commit()  # end the read before the jobs run in their own sessions
    for delivery_id, channel in ids:
        jobs.enqueue(EMAIL_JOB if channel == Channel.EMAIL else PUSH_JOB, delivery_id, base_url)
    return len(ids)


# ------------------------------------------------------------------ the jobs


def fan_out(message_id: int, base_url: str | None = None) -> None:
    """The job after posting: one job per pending email and push row."""
    rows = list(db.session.execute(select(NewsDelivery.id, NewsDelivery.channel).where(
        NewsDelivery.message_id == message_id, NewsDelivery.status == DeliveryStatus.PENDING.value,
        NewsDelivery.channel != Channel.DASHBOARD.value).order_by(NewsDelivery.id)))
    db.session.commit()
    for delivery_id, channel in rows:
        jobs.enqueue(EMAIL_JOB if channel == Channel.EMAIL else PUSH_JOB, delivery_id, base_url)


def claim(delivery_id: int) -> NewsDelivery | None:
    """Take a pending or failed row for sending (one UPDATE: two jobs never both get it); None: not ours."""
    claimed = db.session.execute(
        update(NewsDelivery).where(NewsDelivery.id == delivery_id, NewsDelivery.status.in_(
            [DeliveryStatus.PENDING.value, DeliveryStatus.FAILED.value]))
        .values(status=DeliveryStatus.SENDING.value, attempts=NewsDelivery.attempts + 1)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return db.session.get(NewsDelivery, delivery_id) if claimed.rowcount else None


def record(delivery: NewsDelivery, error: Exception | None) -> None:
    """The outcome of a send: sent, or failed with the error's class (its text may name the recipient)."""
    if error is None:
        delivery.status, delivery.sent_at, delivery.error = DeliveryStatus.SENT.value, clock.now(), None
    else:
        delivery.status, delivery.error = DeliveryStatus.FAILED.value, error.__class__.__name__[:80]
    db.session.commit()


@contextmanager
def link_context(base_url: str | None):
    """URLs for a job: on KICK_PUBLIC_URL when set, else on the host that posted the message (development)."""
    if current_app.config.get("KICK_PUBLIC_URL") or not base_url:
        with nullcontext():
            yield
    else:
        with current_app.test_request_context("/", base_url=base_url):
            yield


def message_link(message_id: int) -> str:
    return external_url("voice_merchant.message", message_id=message_id)


def send_email(delivery_id: int, base_url: str | None = None) -> None:
    """The job that mails one message to one person, in their language. Raises on failure (the queue retries)."""
    delivery = claim(delivery_id)
    if delivery is None:
        return
    try:
        with link_context(base_url):
            msg = compose_mail(delivery.message, delivery.user)
        mail.deliver(msg)
    except Exception as error:  # noqa: BLE001 - recorded for the marketer, then raised for the queue's retry
        record(delivery, error)
        raise
    record(delivery, None)


def compose_mail(message: NewsMessage, user):
    city = message.city
    with mail.in_language_of(user, city):
        locale = mail.language_of(user, city)
        title = translate(message.title, locale)
        lines = [*richtext.plain_lines(translate(message.body, locale))]
        when = period_text(message)
        if when:
            lines = [when, "", *lines]
        lines += ["", _("Read it in your dashboard:"), message_link(message.id), "",
                  _("You get city news by email because you run a shop in %(city)s. You can turn it off in your "
                    "dashboard, under City news.", city=translate(city.names, locale))]
        return mail.compose(user.email, title, lines, city=city)


def period_text(message: NewsMessage) -> str:
    """"From 1 Dec to 15 Mar" (in the active language), or "" without dates."""
    if not (message.starts_on and message.ends_on):
        return ""
    if message.starts_on == message.ends_on:
        return _("On %(day)s", day=dates.local_date_text(message.starts_on, "year"))
    return _("From %(start)s to %(end)s", start=dates.local_date_text(message.starts_on),
             end=dates.local_date_text(message.ends_on, "year"))


# ------------------------------------------------------------------ merchants reading


@dataclass(frozen=True)
class Inbox:
    items: list[tuple[NewsMessage, object]]  # (message, read_at or None), newest first
    unread: int


def inbox(user, limit: int = LIST_MAX) -> Inbox:
    """The news meant for this person (their dashboard rows), newest first, and how many are unread."""
    rows = db.session.execute(
        select(NewsMessage, NewsDelivery.read_at).join(NewsDelivery, NewsDelivery.message_id == NewsMessage.id)
        .where(NewsDelivery.user_id == user.id, NewsDelivery.channel == Channel.DASHBOARD.value)
        .order_by(NewsMessage.sent_at.desc(), NewsMessage.id.desc()).limit(limit)).all()
    return Inbox([(message, read_at) for message, read_at in rows], unread_count(user))


def unread_count(user) -> int:
    return db.session.execute(select(func.count()).select_from(NewsDelivery).where(
        NewsDelivery.user_id == user.id, NewsDelivery.channel == Channel.DASHBOARD.value,
        NewsDelivery.read_at.is_(None))).scalar_one()


def has_news(user) -> bool:
    return db.session.execute(select(NewsDelivery.id).where(
        NewsDelivery.user_id == user.id, NewsDelivery.channel == Channel.DASHBOARD.value).limit(1)).first() is not None


def news_city(user):
    """The town of the person's latest city news (None: they never got any)."""
    latest = db.session.execute(
        select(NewsMessage).join(NewsDelivery, NewsDelivery.message_id == NewsMessage.id)
        .where(NewsDelivery.user_id == user.id, NewsDelivery.channel == Channel.DASHBOARD.value)
        .order_by(NewsMessage.sent_at.desc()).limit(1)).scalars().first()
    return latest.city if latest is not None else None


def read_message(user, message_id: int) -> NewsMessage:
    """A message meant for `user` (else a 404), marked read on their dashboard row."""
    delivery = db.session.execute(select(NewsDelivery).where(
        NewsDelivery.message_id == message_id, NewsDelivery.user_id == user.id,
        NewsDelivery.channel == Channel.DASHBOARD.value)).scalar_one_or_none()
    if delivery is None:
        raise not_found()
    if delivery.read_at is None:
        delivery.read_at = clock.now()
        db.session.commit()
    return delivery.message


def mark_all_read(user) -> int:
    done = db.session.execute(update(NewsDelivery).where(
        NewsDelivery.user_id == user.id, NewsDelivery.channel == Channel.DASHBOARD.value,
        NewsDelivery.read_at.is_(None)).values(read_at=clock.now()).execution_options(synchronize_session=False))
    db.session.commit()
    return done.rowcount


# ------------------------------------------------------------------ channel choices


def preference(user) -> NewsPreference:
    """The person's choice (a fresh, unsaved one with the defaults when they never chose)."""
    return db.session.get(NewsPreference, user.id) or NewsPreference(user_id=user.id, email=True, push=False)


def set_channels(user, *, email: bool, push: bool) -> NewsPreference:
    choice = db.session.get(NewsPreference, user.id)
    if choice is None:
        choice = NewsPreference(user_id=user.id)
        db.session.add(choice)
    choice.email, choice.push = bool(email), bool(push)
    db.session.commit()
    return choice


# ------------------------------------------------------------------ the studio


@dataclass
class Figures:
    """Counts of one message's deliveries (never who)."""
    recipients: int = 0
    read: int = 0
    mailed: int = 0
    mail_failed: int = 0
    mail_pending: int = 0
    retried: int = 0
    pushed: int = 0
    push_failed: int = 0

    @property
    def failed(self) -> int:
        return self.mail_failed + self.push_failed


def figures_for(message_ids: list[int]) -> dict[int, Figures]:
    """{message id: Figures} in one grouped query."""
    result = {message_id: Figures() for message_id in message_ids}
    if not message_ids:
        return result
    rows = db.session.execute(
        select(NewsDelivery.message_id, NewsDelivery.channel, NewsDelivery.status, func.count(),
               func.sum(case((NewsDelivery.attempts > 1, 1), else_=0)), func.count(NewsDelivery.read_at))
        .where(NewsDelivery.message_id.in_(message_ids))
        .group_by(NewsDelivery.message_id, NewsDelivery.channel, NewsDelivery.status))
    for message_id, channel, status, count, retried, read in rows:
        figures = result[message_id]
        figures.retried += int(retried or 0)
        if channel == Channel.DASHBOARD:
            figures.recipients += count
            figures.read += read
        elif channel == Channel.EMAIL:
            if status == DeliveryStatus.SENT:
                figures.mailed += count
            elif status == DeliveryStatus.FAILED:
                figures.mail_failed += count
            else:
                figures.mail_pending += count
        elif status == DeliveryStatus.SENT:
            figures.pushed += count
        elif status == DeliveryStatus.FAILED:
            figures.push_failed += count
    return result


def city_messages(city, limit: int = LIST_MAX) -> list[NewsMessage]:
    return list(db.session.execute(select(NewsMessage).where(NewsMessage.city_id == city.id)
                                   .order_by(NewsMessage.sent_at.desc(), NewsMessage.id.desc()).limit(limit)).scalars())


# ------------------------------------------------------------------ the public map


def running_public(city, day: date | None = None, limit: int = MAP_MAX) -> list[NewsMessage]:
    """Road works and events of the city that run on `day` (today) and were put on the public map."""
    day = day or clock.today()
    return list(db.session.execute(select(NewsMessage).where(
        NewsMessage.city_id == city.id, NewsMessage.on_public_map.is_(True), NewsMessage.sent_at.is_not(None),
        NewsMessage.starts_on <= day, NewsMessage.ends_on >= day, NewsMessage.lat.is_not(None),
        NewsMessage.lon.is_not(None)).order_by(NewsMessage.ends_on, NewsMessage.id).limit(limit)).scalars())


def _without_title(line: str, title: str) -> str:
    """The public line shows after the title ("Title — line"): a line that opens with the title drops it,
    so "Works on X — shops stay open" does not read "Works on X — Works on X — shops stay open"."""
    if line and title and line.casefold().startswith(title.casefold()):
        rest = line[len(title):].lstrip(" —–-:·,")
        return rest[:1].upper() + rest[1:] if rest else ""
    return line


def public_feature(message: NewsMessage) -> dict:
    """A GeoJSON feature with only the public part: the title, the public line and the dates (never the text
    for merchants)."""
    line = _without_title(translate(message.public_line), translate(message.title))
    until = _("until %(day)s", day=dates.day_label(message.ends_on))  # on the public map: "tot morgen"
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [message.lon, message.lat]},
            "properties": {"title": translate(message.title), "detail": f"{line} ({until})" if line else until,
                           "kind": message.kind, "ends": message.ends_on.isoformat(),
                           "starts": message.starts_on.isoformat()}}
