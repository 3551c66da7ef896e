"""Web Push for city news: a person's browser subscriptions, and the job that pushes one message to them.

Keys are the VAPID pair in the config (KICK_VAPID_PUBLIC_KEY / KICK_VAPID_PRIVATE_KEY, from the environment);
without them push is not offered at all. The payload is JSON the service worker (static/js/sw.js) shows as a
notification: {"title", "body", "url", "tag"}. A subscription the push service says is gone (404 or 410) is
dropped; other failures leave it for the queue's next try.
"""
import json

import pywebpush
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select

from app.core import clock, mail
from app.core.i18n import translate
from app.core.problem import ProblemError
from app.extensions import db
from app.core import richtext
from app.voice.models import NewsPreference, PushSubscription
from app.voice.services import news

ENDPOINT_MAX = 1000
KEY_MAX = 200
MAX_PER_PERSON = 10  # browsers of one person; the oldest goes when an 11th subscribes
GONE = {404, 410}
TTL = 24 * 3600  # a push waits at most a day for a phone that is off


def subscribe(user, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Remember this browser's subscription for `user` (an endpoint already known moves to them) and turn
    their push channel on. A 422 for a malformed one; a 409 when push is not configured here."""
    if not news.push_configured():
        raise ProblemError(409, _("Push notifications are not offered here."), code="push_off")
    errors = {}
    if not endpoint.startswith("https://") or len(endpoint) > ENDPOINT_MAX:
        errors["endpoint"] = [_("Not a push service address.")]
    if not p256dh or len(p256dh) > KEY_MAX or not auth or len(auth) > KEY_MAX:
        errors["keys"] = [_("The subscription's keys are missing.")]
    if errors:
        raise ProblemError(422, _("This browser's subscription cannot be used."), code="bad_subscription",
                           errors=errors)
    row = db.session.execute(select(PushSubscription).where(PushSubscription.endpoint == endpoint)).scalar_one_or_none()
    if row is None:
        row = PushSubscription(endpoint=endpoint)
        db.session.add(row)
    row.user_id, row.p256dh, row.auth = user.id, p256dh, auth
    db.session.flush()
    extra = list(db.session.execute(select(PushSubscription.id).where(PushSubscription.user_id == user.id)
                                    .order_by(PushSubscription.id.desc()).offset(MAX_PER_PERSON)).scalars())
    if extra:
        db.session.execute(delete(PushSubscription).where(PushSubscription.id.in_(extra)))
    choice = db.session.get(NewsPreference, user.id)
    if choice is None:
        db.session.add(NewsPreference(user_id=user.id, email=True, push=True))
    else:
        choice.push = True
    db.session.commit()
    return row


def unsubscribe(user, endpoint: str) -> bool:
    """Forget this browser's subscription (only one of `user`'s own); True when there was one. With no
    browser left, the push channel is off."""
    done = db.session.execute(delete(PushSubscription).where(PushSubscription.user_id == user.id,
                                                             PushSubscription.endpoint == endpoint))
    left = db.session.execute(select(PushSubscription.id).where(PushSubscription.user_id == user.id)).first()
    choice = db.session.get(NewsPreference, user.id)
    if left is None and choice is not None:
        choice.push = False
    db.session.commit()
    return bool(done.rowcount)


def subscription_count(user) -> int:
    return len(db.session.execute(select(PushSubscription.id).where(PushSubscription.user_id == user.id)).all())


def payload(message, user) -> dict:
    locale = mail.language_of(user, message.city)
    return {"title": translate(message.title, locale), "body": richtext.excerpt(translate(message.body, locale)),
            "url": news.message_link(message.id), "tag": f"news-{message.id}"}


def send_push(delivery_id: int, base_url: str | None = None) -> None:
    """The job that pushes one message to every browser of one person. Gone subscriptions are dropped; when
    none took it and some failed otherwise, the row is failed and the error raised (the queue retries)."""
    delivery = news.claim(delivery_id)
    if delivery is None:
        return
    config = current_app.config
    subscriptions = list(db.session.execute(select(PushSubscription).where(
        PushSubscription.user_id == delivery.user_id)).scalars())
    try:
        with news.link_context(base_url):
            data = json.dumps(payload(delivery.message, delivery.user))
    except Exception as error:  # noqa: BLE001 - recorded for the marketer, then raised for the queue
        news.record(delivery, error)
        raise
    delivered, failure = 0, None
    for subscription in subscriptions:
        try:
            pywebpush.webpush({"endpoint": subscription.endpoint,
                               "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth}},
                              data=data, vapid_private_key=config["KICK_VAPID_PRIVATE_KEY"],
                              vapid_claims={"sub": config["KICK_VAPID_SUBJECT"]}, ttl=TTL, timeout=10)
        except pywebpush.WebPushException as error:
            status = getattr(getattr(error, "response", None), "status_code", None)
            if status in GONE:
                db.session.delete(subscription)  # the browser unsubscribed or the user cleared it
                continue
            failure = error
            continue
        except Exception as error:  # noqa: BLE001 - a network failure: the queue tries again
            failure = error
            continue
        subscription.last_used_at = clock.now()
        delivered += 1
    if delivered or failure is None:
        if not delivered:  # every browser is gone: nothing to retry
            news.record(delivery, GoneEverywhere())
            return
        news.record(delivery, None)
        return
    news.record(delivery, failure)
    raise failure


class GoneEverywhere(Exception):
    """The person's browsers have all unsubscribed: the push could go nowhere."""
