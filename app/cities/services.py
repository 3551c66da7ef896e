"""City lookups (the tenant is resolved once per request) and creating a town."""
import math
import re

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.cities.models import City
from app.config import DEFAULT_LOCALE
from app.core.i18n import clean_translations
from app.core.problem import ProblemError
from app.extensions import db


def all_cities() -> list[City]:
    return list(db.session.execute(select(City).order_by(City.slug)).scalars())


def city_by_slug(slug: str) -> City | None:
    if not slug or len(slug) > 40:
        return None
    return db.session.execute(select(City).where(City.slug == slug)).scalar_one_or_none()


SLUG = re.compile(r"^[a-z][a-z0-9-]{0,38}[a-z0-9]$")
# Neutral colours (text on the primary passes WCAG AA) until the town's marketers pick theirs in the studio.
NEUTRAL_THEME = {"primary_color": "#1F3A5F", "accent_color": "#C8102E",
                 "background_color": "#FFFFFF", "text_color": "#1A1A1A"}


def reserved_slugs() -> set[str]:
    """First path segments the app itself uses (/login, /api, /merchant ...): a town cannot take them."""
    return {rule.rule.strip("/").split("/", 1)[0] for rule in current_app.url_map.iter_rules()
            if not rule.rule.startswith("/<")}


def create_city(slug: str, names: dict, lat: float, lon: float) -> City:
    """A new town (flushed, not committed): its pages answer at /<slug>/."""
    slug = (slug or "").strip().lower()
    errors = {}
    if not SLUG.match(slug):
        errors["slug"] = [_("Use 2 to 40 lower-case letters, digits and hyphens, starting with a letter.")]
    elif slug in reserved_slugs() or city_by_slug(slug) is not None:
        errors["slug"] = [_("This address is already taken.")]
    if not (names.get(DEFAULT_LOCALE) or "").strip():
        errors["names"] = [_("Give the town's name in Dutch.")]
    if not (-90 <= lat <= 90) or not (-180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        errors["center"] = [_("Give the centre as a latitude between -90 and 90 and a longitude between -180 "
                              "and 180.")]
    if errors:
        raise ProblemError(422, _("The town cannot be created like this."), code="validation_error", errors=errors)
    city = City(slug=slug, names=clean_translations(names), center_lat=lat, center_lon=lon, **NEUTRAL_THEME)
    db.session.add(city)
    db.session.flush()
    return city
