"""JSON API of the agenda: the occurrences of a city's public events in a window."""
from datetime import timedelta

from flask import g
from flask_smorest import Blueprint

from app.agenda.presenters import occurrence_json
from app.agenda.recurrence import window_days
from app.agenda.schemas import EventQuerySchema, OccurrenceListSchema
from app.agenda.services import reading
from app.core import clock
from app.core.urls import external_url
from app.shops import shop_page_url

blp = Blueprint("agenda_api", __name__, description="The agenda of a city: markets, shopping Sundays, events")


@blp.route("/cities/<city>/events", methods=["GET"])
@blp.arguments(EventQuerySchema, location="query")
@blp.response(200, OccurrenceListSchema)
def list_city_events(query):
    """Occurrences of the city's public events between `from` and `to` (Brussels days, `to` included;
    default: today and the next 30 days), recurring events expanded; a cancelled one has `cancelled: true`."""
    first = query.get("date_from") or clock.today()
    last = query.get("date_to") or first + timedelta(days=30)
    window_from, _end = window_days(first, 1)
    window_to = window_days(last, 1)[1]
    found = reading.upcoming(g.city, window_from, window_to, kind=query.get("kind"))
    return {"items": [occurrence_json(o, url=external_url("agenda.event", event_id=o.event.id),
                                      shop_url=lambda shop: shop_page_url(shop, absolute=True)) for o in found]}
