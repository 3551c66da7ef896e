"""What a trail may hold, and the checks every write runs before it changes anything: limits, web
addresses, points inside the city, kinds and surfaces, the shop a stop links to."""
from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.core.geo import haversine_m, validate_point
from app.core.problem import ProblemError
from app.extensions import db
from app.shops.models import Shop
from app.trails.models import ACCESS_FLAGS, KINDS, SURFACES, Trail

MAX_STOPS = 50
MAX_PATH_POINTS = 2000
MAX_TRAILS_PER_CITY = 300
# A stop or path point further than this from the city centre is almost surely a typo (lat/lon swapped).
MAX_DISTANCE_FROM_CENTRE_M = 30_000
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TRAIL_FIELDS = ("kind", "title", "summary", "body", "surface", "access_note", "dwell_minutes", *ACCESS_FLAGS)
STOP_FIELDS = ("title", "body", "lat", "lon", "shop_id", "image_alt")
DEFAULT_DWELL_MINUTES = 5


def field_problem(field: str, message: str, status: int = 422) -> ProblemError:
    """A refusal that lands on one form field (and in the API's `errors`)."""
    return ProblemError(status, message, code="validation_error", errors={field: [message]})


def trail_slug_taken(city, slug: str, exclude_id: int | None = None) -> bool:
    query = select(func.count()).select_from(Trail).where(Trail.city_id == city.id, Trail.slug == slug)
    if exclude_id is not None:
        query = query.where(Trail.id != exclude_id)
    return db.session.execute(query).scalar_one() > 0


def unique_trail_slug(city, base: str) -> str:
    slug, n = base, 2
    while trail_slug_taken(city, slug):
        slug = f"{base[:55]}-{n}"
        n += 1
    return slug


def check_point_in_city(city, lat: float, lon: float, field: str = "lat") -> None:
    try:
        validate_point(float(lat), float(lon))
    except (TypeError, ValueError):
        raise field_problem(field, _("Enter a valid latitude and longitude.")) from None
    if haversine_m(city.center_lat, city.center_lon, lat, lon) > MAX_DISTANCE_FROM_CENTRE_M:
        raise field_problem(field, _("This point lies more than %(km)d km from the centre of %(city)s. "
                                     "Check the coordinates (latitude first, then longitude).",
                                     km=MAX_DISTANCE_FROM_CENTRE_M // 1000, city=city.name))


def clean_path(city, points) -> list[list[float]]:
    if not isinstance(points, list):
        raise field_problem("path", _("The path is not a list of points."))
    if len(points) > MAX_PATH_POINTS:
        raise field_problem("path", _("A path can have at most %(num)d points.", num=MAX_PATH_POINTS))
    if len(points) == 1:
        raise field_problem("path", _("A path needs at least two points."))
    cleaned = []
    for point in points:
        if (not isinstance(point, (list, tuple)) or len(point) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in point)):
            raise field_problem("path", _("Every path point must be [latitude, longitude]."))
        check_point_in_city(city, point[0], point[1], field="path")
        cleaned.append([round(float(point[0]), 6), round(float(point[1]), 6)])
    return cleaned


def check_trail_values(city, values: dict) -> None:
    if "kind" in values and values["kind"] not in KINDS:
        raise field_problem("kind", _("Choose a kind of trail."))
    if "surface" in values and values["surface"] not in SURFACES:
        raise field_problem("surface", _("Choose a surface."))
    if "title" in values and not (values["title"] or {}).get("nl"):
        raise field_problem("title", _("A Dutch title is required."))
    if "dwell_minutes" in values and not 0 <= int(values["dwell_minutes"]) <= 120:
        raise field_problem("dwell_minutes", _("Use 0 to 120 minutes."))


def check_trail_slug(city, slug: str, exclude_id: int | None = None) -> None:
    if not SLUG_PATTERN.fullmatch(slug) or len(slug) > 80:
        raise field_problem("slug", _("Use lowercase letters, digits and hyphens only."))
    if trail_slug_taken(city, slug, exclude_id):
        raise field_problem("slug", _("Another trail of this city already uses this web address."))


def check_stop_values(city, values: dict) -> None:
    if "title" in values and not (values["title"] or {}).get("nl"):
        raise field_problem("title", _("A Dutch title is required."))
    if "lat" in values or "lon" in values:
        check_point_in_city(city, values.get("lat"), values.get("lon"))
    shop_id = values.get("shop_id")
    if shop_id is not None:
        shop = db.session.get(Shop, shop_id)
        if shop is None or shop.city_id != city.id:
            raise field_problem("shop_id", _("Choose a shop of this city."))
