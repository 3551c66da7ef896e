"""Public agenda pages: upcoming occurrences by day, an event page (JSON-LD Event, .ics), the city's feed."""
from datetime import timedelta

from flask import Blueprint, Response, g, render_template, request
from flask_babel import gettext as _

from app.agenda.models import KINDS
from app.agenda.presenters import KIND_LABELS, event_json_ld
from app.agenda.schemas import AgendaPageQuerySchema
from app.agenda.services import feed, reading
from app.core import clock, dates
from app.core.schemas import load_query
from app.core.urls import external_url
from app.shops import shop_page_url


bp = Blueprint("agenda", __name__)
DEFAULT_DAYS = 30
FEED_MAX_AGE = 1800  # a calendar app polls every few hours; half an hour keeps a proxy from hammering us


def day_label(day, today) -> str:
    """"Vandaag", "Morgen", else the weekday and date ("zaterdag 5 december", "Samstag, 5. Dezember")."""
    return dates.day_label(day, "weekday", heading=True, today=today)


def feed_urls() -> dict:
    """The feed's https address and the webcal:// one a phone subscribes with."""
    https = external_url("agenda.feed_ics")
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


@bp.route("/<city>/agenda")
def index():
    query = load_query(AgendaPageQuerySchema(), request.args)
    today = clock.today()
    if query.get("when") == "week":
        window = reading.week_window(today)
    elif query.get("when") == "weekend":
        window = reading.weekend_window(today)
    else:
        window = (clock.local_now(), clock.day_start(today + timedelta(days=DEFAULT_DAYS)))
    found = reading.upcoming(g.city, *window, kind=query.get("kind"))
    return render_template("agenda/index.html", days=reading.by_day(found, today), today=today,
                           day_label=day_label, when=query.get("when"), kind=query.get("kind"), kinds=KINDS,
                           kind_labels=KIND_LABELS, feed=feed_urls())


def _event_page(event):
    now = clock.local_now()
    upcoming = [o for o in reading.occurrences_of(event, now, now + timedelta(days=120))][:8]
    photo = external_url("media.serve", key=event.photo_phone_key) if event.photo_phone_key else None
    url = external_url("agenda.event", event_id=event.id)
    json_ld = event_json_ld(event, upcoming[0] if upcoming else None, url=url, image=photo,
                            shop_url=lambda shop: shop_page_url(shop, absolute=True), city_name=g.city.name)
    return render_template("agenda/event.html", event=event, upcoming=upcoming, json_ld=json_ld,
                           share_image=photo, og_type="event", kind_labels=KIND_LABELS, today=clock.today(),
                           day_label=day_label, feed=feed_urls(), shop_url=shop_page_url)


@bp.route("/<city>/agenda/<int:event_id>")
def event(event_id: int):
    return _event_page(reading.public_event_or_404(g.city, event_id))


def _calendar_response(body: bytes, filename: str | None = None) -> Response:
    response = Response(body, content_type=feed.CONTENT_TYPE)
    response.cache_control.public = True
    response.cache_control.max_age = FEED_MAX_AGE
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _url_of(event) -> str:
    return external_url("agenda.event", event_id=event.id)


@bp.route("/<city>/agenda/<int:event_id>.ics")
def event_ics(event_id: int):
    event = reading.public_event_or_404(g.city, event_id)
    body = feed.build_calendar(event.display_title, [event], _url_of)
    return _calendar_response(body, f"{g.city.slug}-event-{event.id}.ics")


@bp.route("/<city>/agenda.ics")
def feed_ics():
    events = reading.feed_events(g.city, feed.feed_since())
    body = feed.build_calendar(_("Agenda of %(city)s", city=g.city.name), events, _url_of)
    return _calendar_response(body)
