"""City lookups (the tenant is resolved once per request)."""
from sqlalchemy import select

from app.cities.models import City
from app.extensions import db


def all_cities() -> list[City]:
    return list(db.session.execute(select(City).order_by(City.slug)).scalars())


def city_by_slug(slug: str) -> City | None:
    if not slug or len(slug) > 40:
        return None
    return db.session.execute(select(City).where(City.slug == slug)).scalar_one_or_none()
