"""A city's access places: reading them for the public page, the map layers and the API (nearest first), and
the studio's edits. Services never touch the request: the caller passes the city, `now` and the limits."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.access.models import GROUP_KINDS, AccessFeed, AccessPlace, PlaceGroup, PlaceKind
from app.access.services.live import Occupancy, occupancy
from app.core.geo import haversine_m, validate_point
from app.core.i18n import clean_translations
from app.core.problem import ProblemError
from app.extensions import db

MAX_FROM_CENTRE_M = 30_000  # a park-and-ride lies outside the centre, not in another province
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._:/-]*$")
CODE_MAX, NAME_MAX, LINE_MAX, NOTE_MAX, REF_MAX = 60, 120, 200, 500, 200
CAPACITY_MAX = 100_000


def stale_after() -> timedelta:
    return timedelta(minutes=int(current_app.config["KICK_ACCESS_STALE_MINUTES"]))


@dataclass(frozen=True)
class PlaceView:
    place: AccessPlace
    distance_m: float
    live: Occupancy | None


def city_places(city, group: PlaceGroup | None = None) -> list[AccessPlace]:
    query = select(AccessPlace).where(AccessPlace.city_id == city.id)
    if group is not None:
        query = query.where(AccessPlace.kind.in_([kind.value for kind in GROUP_KINDS[group]]))
    return list(db.session.execute(query.order_by(AccessPlace.kind, AccessPlace.code)).scalars())


def nearest_first(places, lat: float, lon: float, now: datetime) -> list[PlaceView]:
    limit = stale_after()
    views = [PlaceView(place, haversine_m(lat, lon, place.lat, place.lon), occupancy(place, now, limit))
             for place in places]
    return sorted(views, key=lambda view: (view.distance_m, view.place.id))


def nearest_parking(city, lat: float, lon: float, now: datetime) -> PlaceView | None:
    """The garage or car park closest to (lat, lon) (not a short-stay zone or a park-and-ride outside town)."""
    places = [place for place in city_places(city, PlaceGroup.PARKING) if place.kind == PlaceKind.PARKING]
    views = nearest_first(places, lat, lon, now)
    return views[0] if views else None


def city_feeds(city) -> list[AccessFeed]:
    return list(db.session.execute(select(AccessFeed).where(AccessFeed.city_id == city.id)
                                   .order_by(AccessFeed.name)).scalars())


# ---------------------------------------------------------------- checking and saving


def _invalid(field: str, message: str) -> ProblemError:
    return ProblemError(422, message, code="invalid", errors={field: [message]})


def _line(values: dict, name: str, max_length: int) -> str | None:
    text = str(values.get(name) or "").strip()
    if len(text) > max_length:
        raise _invalid(name, _("Use at most %(num)d characters.", num=max_length))
    return text or None


def _coordinate(value, field: str) -> float:
    text = str(value if value is not None else "").strip()
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # a Belgian spreadsheet's decimal comma
    try:
        number = float(text)
        if not math.isfinite(number):
            raise ValueError
    except ValueError:
        raise _invalid(field, _("Enter a valid latitude and longitude.")) from None
    return number


def _count(value, field: str) -> int | None:
    text = str(value if value is not None else "").strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or int(text) > CAPACITY_MAX:
        raise _invalid(field, _("Give a whole number from 0 to %(max)d.", max=CAPACITY_MAX))
    return int(text)


def _flag(value) -> bool:
    return value is True or str(value or "").strip().lower() in ("1", "y", "yes", "true", "ja", "on", "x")


def clean_place_values(city, values: dict) -> dict:
    """The place's values checked (the same rules for the studio's form and every import row); a 422 naming the
    field. `name` may be a text (Dutch) or {locale: text}."""
    code = str(values.get("code") or "").strip()
    if not code or len(code) > CODE_MAX or not CODE.match(code):
        raise _invalid("code", _("Give a code of at most %(num)d letters, digits, spaces and . _ : / -.", num=CODE_MAX))
    kind = str(values.get("kind") or "").strip()
    if kind not in {k.value for k in PlaceKind}:
        raise _invalid("kind", _("Choose what kind of place this is."))
    raw_name = values.get("name")
    name = clean_translations(raw_name if isinstance(raw_name, dict) else {"nl": str(raw_name or "")})
    if not name.get("nl") or any(len(text) > NAME_MAX for text in name.values()):
        raise _invalid("name", _("Give a name of at most %(num)d characters.", num=NAME_MAX))
    lat, lon = _coordinate(values.get("lat"), "lat"), _coordinate(values.get("lon"), "lon")
    try:
        validate_point(lat, lon)
    except ValueError:
        raise _invalid("lat", _("Enter a valid latitude and longitude.")) from None
    if haversine_m(city.center_lat, city.center_lon, lat, lon) > MAX_FROM_CENTRE_M:
        raise _invalid("lat", _("This point lies more than %(km)d km from the centre of %(city)s. Check the "
                                "coordinates (latitude first, then longitude).", km=MAX_FROM_CENTRE_M // 1000,
                                city=city.name))
    raw_notes = values.get("notes")
    notes = clean_translations(raw_notes if isinstance(raw_notes, dict) else {"nl": str(raw_notes or "")})
    if any(len(text) > NOTE_MAX for text in notes.values()):
        raise _invalid("notes", _("Use at most %(num)d characters.", num=NOTE_MAX))
    return {"code": code, "kind": kind, "name": name, "lat": round(lat, 6), "lon": round(lon, 6),
            "capacity": _count(values.get("capacity"), "capacity"), "hours": _line(values, "hours", LINE_MAX),
            "price": _line(values, "price", LINE_MAX), "shuttle": _line(values, "shuttle", LINE_MAX),
            "notes": notes or None, "accessible": _flag(values.get("accessible")),
            "baby_changing": _flag(values.get("baby_changing"))}


def clean_feed_link(city, feed_id, feed_ref) -> tuple[int | None, str | None]:
    """(feed id, record id) for a place: a feed of this city and its record id, or neither."""
    ref = str(feed_ref or "").strip() or None
    if not feed_id:
        if ref:
            raise _invalid("feed_id", _("Choose the feed this record id belongs to."))
        return None, None
    feed = db.session.get(AccessFeed, int(feed_id))
    if feed is None or feed.city_id != city.id:
        raise _invalid("feed_id", _("Choose one of this city's feeds."))
    if not ref or len(ref) > REF_MAX:
        raise _invalid("feed_ref", _("Give the record id the feed uses for this place."))
    return feed.id, ref


def _code_taken(city, code: str, place: AccessPlace | None) -> bool:
    query = select(AccessPlace.id).where(AccessPlace.city_id == city.id, AccessPlace.code == code)
    if place is not None:
        query = query.where(AccessPlace.id != place.id)
    return db.session.execute(query).first() is not None


def save_place(city, values: dict, place: AccessPlace | None = None) -> AccessPlace:
    """Add a place to `city` or change `place` (one of its own); no commit (the view's unit of work does)."""
    cleaned = clean_place_values(city, values)
    cleaned["feed_id"], cleaned["feed_ref"] = clean_feed_link(city, values.get("feed_id"), values.get("feed_ref"))
    if _code_taken(city, cleaned["code"], place):
        raise _invalid("code", _("Another place of this city has this code."))
    if place is None:
        place = AccessPlace(city_id=city.id)
        db.session.add(place)
    if place.feed_id != cleaned["feed_id"] or place.feed_ref != cleaned["feed_ref"]:
        place.live_available = place.live_capacity = place.live_updated_at = place.live_open = None
        place.live_history = None  # another record: its old numbers are not this one's
    for key, value in cleaned.items():
        setattr(place, key, value)
    db.session.flush()
    return place


def delete_place(place: AccessPlace) -> None:
    db.session.delete(place)
