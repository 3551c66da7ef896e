"""The agenda's part of privacy: events are public content; only a proposal remembers who proposed it
(`proposed_by_id`). The export lists a person's proposals; the deletion forgets the proposer (the event,
the shop's, stays)."""
from flask_babel import gettext as _
from sqlalchemy import select, update

from app.agenda.models import Event
from app.core.i18n import translate
from app.extensions import db


def export_user(user) -> dict:
    events = db.session.execute(select(Event).where(Event.proposed_by_id == user.id).order_by(Event.id)).scalars()
    return {"note": _("Events you proposed at your shop, with what the city decided."),
            "proposed_events": [{"title": translate(e.title), "city_id": e.city_id, "shop_id": e.shop_id,
                                 "starts_at": e.starts_at.isoformat(), "status": e.status,
                                 "review_note": e.review_note, "proposed_at": e.created_at.isoformat()}
                                for e in events]}


def forget_user(user, **_kwargs) -> None:
    db.session.execute(update(Event).where(Event.proposed_by_id == user.id).values(proposed_by_id=None))
