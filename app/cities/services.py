"""City lookups (the tenant is resolved once per request), creating and editing a town, and its lifecycle.

One rule for every way a town is made or changed (the `cities create` command, the admin console and the
API): `create_city`, `update_city` and `set_city_status` check the values here and answer a refusal as a
ProblemError with a message per field.
"""
import math
import re
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.cities.models import DEFAULT_TILE_ATTRIBUTION, DEFAULT_TILE_URL, City, CityStatus
from app.cities.signals import city_status_changed
from app.cities.tiles import tile_errors
from app.config import DEFAULT_LOCALE, SUPPORTED_LOCALES
from app.core.i18n import clean_translations
from app.core.problem import ProblemError, not_found
from app.extensions import db


def all_cities() -> list[City]:
    """Every town, drafts included (the admin console, the command line)."""
    return list(db.session.execute(select(City).order_by(City.slug)).scalars())


def live_cities() -> list[City]:
    """The towns the public sees (the picker, the public API list, the merchant sign-up)."""
    return list(db.session.execute(select(City).where(City.status == CityStatus.LIVE.value)
                                   .order_by(City.slug)).scalars())


def city_by_slug(slug: str) -> City | None:
    if not slug or len(slug) > 40:
        return None
    return db.session.execute(select(City).where(City.slug == slug)).scalar_one_or_none()


def visible_city_by_slug(slug: str, user) -> City | None:
    """The town of a slug a client sent (a scan, a new shop), if `user` may see it: a draft is unknown."""
    city = city_by_slug(slug)
    return city if city is not None and can_see(user, city) else None


def city_or_404(slug: str) -> City:
    city = city_by_slug(slug)
    if city is None:
        raise not_found()
    return city


def can_see(user, city) -> bool:
    """A live town is public; a draft only for its marketers and the platform admins, who prepare it."""
    if city.status == CityStatus.LIVE:
        return True
    return bool(user is not None and user.is_authenticated and (user.is_admin or user.is_marketer_of(city)))


SLUG = re.compile(r"^[a-z][a-z0-9-]{0,38}[a-z0-9]$")
# Neutral colours (text on the primary passes WCAG AA) until the town's marketers pick theirs in the studio.
NEUTRAL_THEME = {"primary_color": "#1F3A5F", "accent_color": "#C8102E",
                 "background_color": "#FFFFFF", "text_color": "#1A1A1A"}
# Belgium with a margin (49.50-51.51 N, 2.54-6.41 E): a centre outside it is a typo (swapped or missing digits).
CENTRE_BOUNDS = {"lat": (49.3, 51.7), "lon": (2.3, 6.6)}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EDITABLE = ("names", "center_lat", "center_lon", "default_locale", "offered_locales", "tile_url",
            "tile_attribution", "privacy_contact")


def reserved_slugs() -> set[str]:
    """First path segments the app itself uses (/login, /api, /merchant ...): a town cannot take them."""
    return {rule.rule.strip("/").split("/", 1)[0] for rule in current_app.url_map.iter_rules()
            if not rule.rule.startswith("/<")}


def create_city(slug: str, names: dict, lat: float, lon: float, actor=None, **options) -> City:
    """A new town, a draft (flushed, not committed): its pages answer at /<slug>/ to its marketers and the
    admins until it is set live. `options`: default_locale, offered_locales, tile_url, tile_attribution,
    privacy_contact (what is not given gets the defaults)."""
    slug = (slug or "").strip().lower()
    errors = {}
    if not SLUG.match(slug):
        errors["slug"] = [_("Use 2 to 40 lower-case letters, digits and hyphens, starting with a letter.")]
    elif slug in reserved_slugs() or city_by_slug(slug) is not None:
        errors["slug"] = [_("This address is already taken.")]
    values = {"names": names, "center_lat": lat, "center_lon": lon, "default_locale": DEFAULT_LOCALE,
              "offered_locales": list(SUPPORTED_LOCALES), "tile_url": DEFAULT_TILE_URL,
              "tile_attribution": DEFAULT_TILE_ATTRIBUTION, "privacy_contact": None}
    values.update({key: value for key, value in options.items() if value is not None})
    values, more = _checked(values)
    errors.update(more)
    if errors:
        raise ProblemError(422, _("The town cannot be created like this."), code="validation_error", errors=errors)
    city = City(slug=slug, status=CityStatus.DRAFT.value, **values, **NEUTRAL_THEME)
    db.session.add(city)
    db.session.flush()
    return city


def update_city(city: City, values: dict, actor=None) -> City:
    """Change a town's names, centre, languages, map tiles or privacy contact (only the keys given)."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    merged = {key: getattr(city, key) for key in EDITABLE}
    merged.update(values)
    checked, errors = _checked(merged)
    if errors:
        raise ProblemError(422, _("The town cannot be saved like this."), code="validation_error", errors=errors)
    for key, value in checked.items():
        if getattr(city, key) != value:
            setattr(city, key, value)
    db.session.flush()
    return city


def set_city_status(city: City, status: str, actor=None) -> City:
    """Live (everyone sees the town) or back to draft (only its marketers and the admins); tells
    `city_status_changed` listeners (the audit log) inside the same transaction."""
    if status not in {s.value for s in CityStatus}:
        message = _("Choose draft or live.")
        raise ProblemError(422, message, code="validation_error", errors={"status": [message]})
    old = city.status
    if old == status:
        return city
    city.status = status
    db.session.flush()
    city_status_changed.send(city, actor=actor, old=old, new=status)
    return city


def _checked(values: dict) -> tuple[dict, dict]:
    """The values cleaned, and {field: [messages]} for the ones that cannot be kept."""
    errors: dict[str, list[str]] = {}
    names = clean_translations(values.get("names"))
    if not names.get(DEFAULT_LOCALE):
        errors["names"] = [_("Give the town's name in Dutch.")]
    lat, lon = values.get("center_lat"), values.get("center_lon")
    if not _in_bounds(lat, "lat") or not _in_bounds(lon, "lon"):
        errors["center"] = [_("Give the centre in Belgium: a latitude between 49.3 and 51.7 and a longitude "
                              "between 2.3 and 6.6.")]
    default = values.get("default_locale")
    offered = values.get("offered_locales") or []
    if default not in SUPPORTED_LOCALES:
        errors["default_locale"] = [_("Choose one of the app's languages.")]
    if not isinstance(offered, (list, tuple)) or any(code not in SUPPORTED_LOCALES for code in offered) or not offered:
        errors["offered_locales"] = [_("Choose among the app's languages: nl, fr, en, de.")]
    elif default in SUPPORTED_LOCALES and default not in offered:
        errors["offered_locales"] = [_("The default language must be one of the offered languages.")]
    tile_url = (values.get("tile_url") or "").strip()
    attribution, tile_problems = tile_errors(tile_url, values.get("tile_attribution"))
    errors.update(tile_problems)
    contact = (values.get("privacy_contact") or "").strip() or None
    if contact is not None and not _contact_ok(contact):
        errors["privacy_contact"] = [_("Give an email address or an https web address (at most 200 characters).")]
    cleaned = {"names": names, "center_lat": lat, "center_lon": lon, "default_locale": default,
               "offered_locales": [code for code in SUPPORTED_LOCALES if code in set(offered or ())],
               "tile_url": tile_url, "tile_attribution": attribution, "privacy_contact": contact}
    return cleaned, errors


def _in_bounds(value, axis: str) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return False
    low, high = CENTRE_BOUNDS[axis]
    return low <= value <= high


def _contact_ok(contact: str) -> bool:
    if len(contact) > 200:
        return False
    if EMAIL.match(contact):
        return True
    parts = urlsplit(contact)
    return parts.scheme == "https" and bool(parts.hostname) and " " not in contact
