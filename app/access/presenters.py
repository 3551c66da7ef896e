"""What the pages, the map layers and the API say about a place: labels, the live line, the route link."""
from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from flask_babel import format_datetime, gettext as _, lazy_gettext as _l

from app.access.models import PlaceGroup, PlaceKind
from app.access.services.live import Occupancy, Trend
from app.core import clock
from app.core.i18n import translate

KIND_LABELS = {
    PlaceKind.PARKING: _l("Garage or car park"),
    PlaceKind.SHORT_STAY: _l("Short stay"),
    PlaceKind.PARK_RIDE: _l("Park and ride"),
    PlaceKind.BIKE: _l("Bike parking"),
    PlaceKind.TOILET: _l("Public toilet"),
    PlaceKind.CHARGING: _l("EV charging"),
    PlaceKind.STOP: _l("Bus or train stop"),
}
GROUP_LABELS = {
    PlaceGroup.PARKING: _l("Parking"),
    PlaceGroup.BIKE: _l("Bike parking"),
    PlaceGroup.TOILET: _l("Toilets"),
    PlaceGroup.STOP: _l("Bus and train stops"),
    PlaceGroup.CHARGING: _l("EV charging"),
}
TREND_SIGNS = {Trend.FILLING: ("↘", _l("filling up")), Trend.EMPTYING: ("↗", _l("emptying")),
               Trend.STEADY: ("→", _l("steady"))}


def clock_time(at: datetime) -> str:
    """14:05 on Brussels time; with the day when it is not today."""
    if clock.local_date(at) == clock.today():
        return format_datetime(at, "HH:mm")
    return format_datetime(at, "d MMM HH:mm")


def live_line(live: Occupancy | None) -> str | None:
    """"188 free of 500 · counted at 14:05", or for a stale count "last updated 14:05" (never as live)."""
    if live is None:
        return None
    when = clock_time(live.updated_at)
    if live.stale:
        return _("last updated %(time)s", time=when)
    if not live.is_open:
        return _("closed · counted at %(time)s", time=when)
    if live.capacity:
        return _("%(free)d free of %(total)d · counted at %(time)s", free=live.available, total=live.capacity,
                 time=when)
    return _("%(free)d free · counted at %(time)s", free=live.available, time=when)


def route_url(place) -> str:
    """A route to the entrance in the phone's own maps (OpenStreetMap's directions work everywhere)."""
    return (f"https://www.openstreetmap.org/directions?to={place.lat:.6f}%2C{place.lon:.6f}"
            f"#map=18/{place.lat:.5f}/{place.lon:.5f}")


def geo_url(place) -> str:
    return f"geo:{place.lat:.6f},{place.lon:.6f}?q={place.lat:.6f},{place.lon:.6f}({quote(translate(place.name))})"


def facts(place) -> list[str]:
    """Short plain-text lines: capacity, hours, price, shuttle, toilet flags."""
    lines = []
    if place.kind == PlaceKind.TOILET:
        if place.accessible:
            lines.append(_("accessible"))
        if place.baby_changing:
            lines.append(_("baby changing"))
    elif place.capacity:
        lines.append(_("%(num)d places", num=place.capacity))
    lines += [text for text in (place.hours, place.price, place.shuttle) if text]
    return lines


def feature(view) -> dict:
    """One GeoJSON feature of a map layer (map.js shows the properties as text)."""
    place = view.place
    live = view.live
    detail = [live_line(live)] if live is not None else []
    detail += facts(place)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {"title": translate(place.name), "detail": " · ".join(d for d in detail if d),
                           "kind": place.group.value, "url": route_url(place), "link": _("Route"),
                           "stale": bool(live and live.stale)}}


def api_place(view) -> dict:
    place, live = view.place, view.live
    answer = {"id": place.id, "kind": place.group.value, "type": place.kind, "name": translate(place.name),
              "lat": place.lat, "lon": place.lon, "distance_m": round(view.distance_m)}
    if place.group == PlaceGroup.PARKING:
        answer.update({"capacity": live.capacity if live and live.capacity is not None else place.capacity,
                       "available": live.available if live else None,
                       "updated_at": live.updated_at if live else None, "stale": bool(live is None or live.stale),
                       "open": live.is_open if live else None})
    if place.group == PlaceGroup.TOILET:
        answer.update({"accessible": place.accessible, "baby_changing": place.baby_changing})
    elif place.capacity is not None and "capacity" not in answer:
        answer["capacity"] = place.capacity
    return answer
