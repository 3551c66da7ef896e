"""Field rules for a shop profile, shared by the HTML forms and the JSON API.

`clean_changes()` returns normalised values or raises one ProblemError that lists every field
problem at once, so a merchant fixes the whole form in one go.
"""
import math
import re
from urllib.parse import urlsplit

from flask_babel import gettext as _

from app.config import DEFAULT_LOCALE, SUPPORTED_LOCALES
from app.core.geo import haversine_m
from app.core.problem import ProblemError
from app.shops.hours import DAYS, HoursError, validate_hours
from app.shops.models import ACCESSIBILITY_FIELDS, CATEGORIES, DOOR_WIDTH_MAX, DOOR_WIDTH_MIN

NAME_MAX = 80
TAGLINE_MAX = 140
STORY_MIN = 120
STORY_MAX = 4000
ADDRESS_MAX = 200
WEBSITE_MAX = 300
PHONE_MAX = 40
ALT_MAX = 200
REASON_MAX = 1000
# Languages a shop can say it speaks (ISO 639-1): the region's visitors and its larger communities.
SPOKEN_LANGUAGES = ("nl", "fr", "en", "de", "es", "it", "pt", "pl", "ro", "tr", "ar", "zh", "uk", "ru")
MAX_DISTANCE_FROM_CENTRE_M = 15_000
_PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{6,}$")

TEXT_LIMITS = {"name": NAME_MAX, "tagline": TAGLINE_MAX, "story": STORY_MAX}


def _clean_text_dict(value, limit: int) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError(_("Give the text per language."))
    cleaned = {}
    for locale, text in value.items():
        if locale not in SUPPORTED_LOCALES:
            raise ValueError(_("Unknown language: %(code)s.", code=str(locale)[:10]))
        if text is None:
            continue
        if not isinstance(text, str):
            raise ValueError(_("Give the text per language."))
        text = text.replace("\r\n", "\n").strip()
        if len(text) > limit:
            raise ValueError(_("At most %(num)d characters.", num=limit))
        if text:
            cleaned[locale] = text
    return cleaned


def _clean_website(value) -> str | None:
    if value in (None, ""):
        return None
    value = str(value).strip()
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    if len(value) > WEBSITE_MAX or parts.scheme not in ("http", "https") or "." not in parts.netloc \
            or any(c in value for c in ' "<>'):
        raise ValueError(_("Enter a web address such as https://www.example.be."))
    return value


def _clean_phone(value) -> str | None:
    if value in (None, ""):
        return None
    value = str(value).strip()
    if len(value) > PHONE_MAX or not _PHONE_RE.match(value):
        raise ValueError(_("Enter a phone number such as +32 56 12 34 56."))
    return value


def _clean_languages(value) -> list[str]:
    if not isinstance(value, (list, tuple)):
        raise ValueError(_("Choose languages from the list."))
    chosen = []
    for code in value:
        if code not in SPOKEN_LANGUAGES:
            raise ValueError(_("Choose languages from the list."))
        if code not in chosen:
            chosen.append(code)
    return chosen


def _clean_coordinate(value, low: float, high: float) -> float | None:
    if value in (None, ""):
        return None
    number = float(value)  # ValueError/TypeError for junk
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError
    return round(number, 6)


ACCESS_FLAGS = ("step_free", "accessible_toilet", "seating", "assistance_dogs")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _clean_quiet_hours(value) -> dict | None:
    """{"days": ["tue", ...], "from": "09:00", "until": "11:00"} or None (no quiet hours given)."""
    if value in (None, {}):
        return None
    if not isinstance(value, dict) or set(value) - {"days", "from", "until"}:
        raise ValueError(_("Give the quiet hours as days, a start and an end time."))
    days = value.get("days")
    if not isinstance(days, list) or not days or any(day not in DAYS for day in days):
        raise ValueError(_("Choose the days of the quiet hours."))
    start, end = value.get("from"), value.get("until")
    if not (isinstance(start, str) and _TIME_RE.match(start) and isinstance(end, str) and _TIME_RE.match(end)):
        raise ValueError(_("Give the quiet hours' start and end as HH:MM."))
    if start >= end:
        raise ValueError(_("The quiet hours must end after they start."))
    return {"days": [day for day in DAYS if day in days], "from": start, "until": end}


def clean_accessibility(value) -> tuple[dict, dict[str, list[str]]]:
    """The given accessibility facts (any subset; None clears one) and the problems, keyed
    `accessibility.<field>`. Unknown stays unknown: only a given True/False is a fact."""
    if not isinstance(value, dict):
        return {}, {"accessibility": [_("Give the accessibility as an object.")]}
    out, errors = {}, {}
    for key in value:
        if key not in ACCESSIBILITY_FIELDS:
            errors.setdefault(f"accessibility.{str(key)[:40]}", []).append(_("Unknown field."))
    for field in ACCESS_FLAGS:
        if field in value:
            if value[field] is None or isinstance(value[field], bool):
                out[field] = value[field]
            else:
                errors[f"accessibility.{field}"] = [_("Answer yes, no or leave it empty.")]
    if "door_width_cm" in value:
        width = value["door_width_cm"]
        if width is None or width == "":
            out["door_width_cm"] = None
        elif isinstance(width, int) and not isinstance(width, bool) and DOOR_WIDTH_MIN <= width <= DOOR_WIDTH_MAX:
            out["door_width_cm"] = width
        else:
            errors["accessibility.door_width_cm"] = [
                _("Give the door width in whole centimetres, from %(min)d to %(max)d.", min=DOOR_WIDTH_MIN,
                  max=DOOR_WIDTH_MAX)]
    if "quiet_hours" in value:
        try:
            out["quiet_hours"] = _clean_quiet_hours(value["quiet_hours"])
        except ValueError as problem:
            errors["accessibility.quiet_hours"] = [str(problem)]
    return out, errors


def clean_changes(changes: dict, city) -> dict:
    """Validate the given profile fields (any subset); raise ProblemError(422) listing every problem."""
    errors: dict[str, list[str]] = {}
    out: dict = {}

    def fail(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for field, limit in TEXT_LIMITS.items():
        if field in changes:
            try:
                out[field] = _clean_text_dict(changes[field], limit)
            except ValueError as problem:
                fail(field, str(problem))
    if "name" in out and not out["name"].get(DEFAULT_LOCALE):
        fail("name", _("Give the shop's name in Dutch."))
    if "category" in changes:
        if changes["category"] in CATEGORIES:
            out["category"] = changes["category"]
        else:
            fail("category", _("Choose a category from the list."))
    if "address" in changes:
        address = str(changes["address"] or "").strip()
        if len(address) > ADDRESS_MAX:
            fail("address", _("At most %(num)d characters.", num=ADDRESS_MAX))
        out["address"] = address
    for field, (low, high) in {"lat": (-90, 90), "lon": (-180, 180)}.items():
        if field in changes:
            try:
                out[field] = _clean_coordinate(changes[field], low, high)
            except (TypeError, ValueError):
                fail(field, _("Enter a coordinate in decimal degrees."))
    for field, cleaner in {"website": _clean_website, "phone": _clean_phone, "languages": _clean_languages}.items():
        if field in changes:
            try:
                out[field] = cleaner(changes[field])
            except ValueError as problem:
                fail(field, str(problem))
    if "opening_hours" in changes:
        try:
            out["opening_hours"] = validate_hours(changes["opening_hours"] or {})
        except HoursError as problem:
            fail("opening_hours", _("Check the opening hours (%(where)s).", where=problem.field))
    if "accessibility" in changes:
        out["accessibility"], problems = clean_accessibility(changes["accessibility"])
        errors.update(problems)
    lat, lon = out.get("lat"), out.get("lon")
    if ("lat" in out) != ("lon" in out) or (lat is None) != (lon is None):
        if not errors.get("lat") and not errors.get("lon"):
            fail("lat", _("Give both latitude and longitude, or neither."))
    elif lat is not None and haversine_m(lat, lon, city.center_lat, city.center_lon) > MAX_DISTANCE_FROM_CENTRE_M:
        fail("lat", _("The pin is not in %(city)s. Place it on your shop.", city=city.name))
    if errors:
        raise ProblemError(422, _("Some fields need attention."), code="validation_error", errors=errors)
    return out


def submission_problems(values: dict) -> dict[str, list[str]]:
    """What still blocks a review: a marketer needs a name, a real story and a place on the map."""
    errors: dict[str, list[str]] = {}
    if not (values.get("name") or {}).get(DEFAULT_LOCALE):
        errors["name"] = [_("Give the shop's name in Dutch.")]
    story = (values.get("story") or {}).get(DEFAULT_LOCALE, "")
    if len(story) < STORY_MIN:
        errors["story"] = [_("Tell your story in Dutch in at least %(num)d characters (now %(count)d).",
                             num=STORY_MIN, count=len(story))]
    if not values.get("address"):
        errors["address"] = [_("Give the street address.")]
    if values.get("lat") is None or values.get("lon") is None:
        errors["lat"] = [_("Put your shop on the map.")]
    return errors


def clean_reason(reason) -> str:
    reason = str(reason or "").strip()
    if not reason:
        raise ProblemError(422, _("Give a reason."), code="validation_error",
                           errors={"reason": [_("Give a reason, so the merchant knows what to change.")]})
    if len(reason) > REASON_MAX:
        raise ProblemError(422, _("The reason is too long."), code="validation_error",
                           errors={"reason": [_("At most %(num)d characters.", num=REASON_MAX)]})
    return reason
