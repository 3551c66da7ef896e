"""What a page, the API and search engines show of an event or an occurrence (one place for each rule)."""
from flask_babel import lazy_gettext as _l

from app.agenda.models import EventKind
from app.core.richtext import plain_text
from app.core.clock import iso
from app.core.i18n import translate
from app.core.structured_data import place, postal_address, without_empty

KIND_LABELS = {
    EventKind.MARKET: _l("Market"), EventKind.SHOPPING_SUNDAY: _l("Shopping Sunday"),
    EventKind.CHRISTMAS_MARKET: _l("Christmas market"), EventKind.BRADERIE: _l("Braderie"),
    EventKind.WORKSHOP: _l("Workshop"), EventKind.OTHER: _l("Event"),
}


def occurrence_json(occurrence, *, url: str, shop_url) -> dict:
    """One occurrence in the API (`shop_url(shop)`: the shop page's absolute URL)."""
    event = occurrence.event
    shop = event.public_shop
    return {
        "id": event.id, "uid": event.uid, "title": translate(event.title), "kind": event.kind,
        "starts": iso(occurrence.starts), "ends": iso(occurrence.ends), "all_day": event.all_day,
        "cancelled": occurrence.cancelled,
        "place": {"name": event.place_name, "address": event.address, "lat": event.lat, "lon": event.lon},
        "shop": {"id": shop.id, "name": shop.display_name, "url": shop_url(shop)} if shop is not None else None,
        "url": url, "is_free": event.is_free, "price": event.price,
    }


def event_json_ld(event, occurrence, *, url: str, image: str | None, shop_url, city_name: str) -> dict:
    """schema.org `Event` for the event page: the next occurrence (or the event's own start)."""
    starts = occurrence.starts if occurrence else event.local_start
    ends = occurrence.ends if occurrence else event.local_end
    cancelled = occurrence.cancelled if occurrence else event.is_cancelled
    shop = event.public_shop
    location = place(event.place_name, event.lat, event.lon,
                     address=postal_address(event.address, city_name))
    organizer = ({"@type": "Organization", "name": shop.display_name, "url": shop_url(shop)} if shop is not None
                 else {"@type": "Organization", "name": f"KICK {city_name}"})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": f"{url}#event",
        "name": translate(event.title),
        "description": plain_text(translate(event.description))[:500] or None,
        "url": url,
        "image": image,
        "startDate": starts.date().isoformat() if event.all_day else iso(starts),
        "endDate": ends.date().isoformat() if event.all_day else iso(ends),
        "eventStatus": "https://schema.org/EventCancelled" if cancelled else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": without_empty(location),
        "organizer": organizer,
    }
    if event.is_free:
        data["isAccessibleForFree"] = True
    return without_empty(data)

STATUS_LABELS = {
    "draft": _l("Draft"), "proposed": _l("Waiting for review"), "published": _l("In the agenda"),
    "rejected": _l("Not accepted"), "cancelled": _l("Cancelled"),
}
