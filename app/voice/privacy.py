"""Voice's part of privacy: the city news a person received (per channel, when it was sent and read), their
channel choices and their browsers' push subscriptions. The export lists them (never a subscription's keys:
they let anyone push to that browser); the deletion removes them all. Messages a marketer wrote stay with the
city (they are the city's words), without their author."""
from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from app.extensions import db
from app.voice.models import NewsDelivery, NewsMessage, NewsPreference, PushSubscription


def _iso(value):
    return value.isoformat() if value else None


def export_user(user) -> dict:
    deliveries = db.session.execute(
        select(NewsDelivery, NewsMessage.title, NewsMessage.city_id).join(NewsMessage)
        .where(NewsDelivery.user_id == user.id).order_by(NewsDelivery.id)).all()
    choice = db.session.get(NewsPreference, user.id)
    browsers = db.session.execute(select(PushSubscription).where(PushSubscription.user_id == user.id)
                                  .order_by(PushSubscription.id)).scalars()
    written = db.session.execute(select(NewsMessage.id, NewsMessage.city_id, NewsMessage.title, NewsMessage.sent_at)
                                 .where(NewsMessage.author_id == user.id).order_by(NewsMessage.id)).all()
    return {
        "note": _("City news you received (by channel: dashboard, email, push), when it was sent and read; your "
                  "channel choices; the browsers you allowed to show notifications; the news you wrote."),
        "received": [{"message_id": d.message_id, "city_id": city_id, "title": title, "channel": d.channel,
                      "status": d.status, "sent_at": _iso(d.sent_at), "read_at": _iso(d.read_at)}
                     for d, title, city_id in deliveries],
        "channels": {"dashboard": True, "email": choice.email if choice else True,
                     "push": choice.push if choice else False},
        "push_browsers": [{"service": s.endpoint.split("/")[2] if s.endpoint.count("/") >= 2 else "",
                           "created_at": _iso(s.created_at), "last_used_at": _iso(s.last_used_at)}
                          for s in browsers],
        "written": [{"message_id": m_id, "city_id": city_id, "title": title, "sent_at": _iso(sent_at)}
                    for m_id, city_id, title, sent_at in written],
    }


def forget_user(user, **_kwargs) -> None:
    """Inside the account deletion: what they received, chose and subscribed goes; what they wrote stays the
    city's, without them."""
    for model in (NewsDelivery, PushSubscription, NewsPreference):
        db.session.execute(delete(model).where(model.user_id == user.id).execution_options(synchronize_session=False))
    db.session.execute(update(NewsMessage).where(NewsMessage.author_id == user.id).values(author_id=None)
                       .execution_options(synchronize_session=False))
