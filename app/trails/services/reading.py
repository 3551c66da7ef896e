"""Reading trails: the public lists and pages (published only), the studio's lookups (drafts included,
still only inside the city), the shops a stop can link to, and the published count per town."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.core.problem import ProblemError
from app.extensions import db
from app.shops.models import Shop
from app.trails.models import Trail, TrailKind, TrailStatus, TrailStop

# "Up to N minutes" choices of the public list and the API. The list offers only those that split the town's
# walks (app.trails.metrics.offered_durations): never an empty one.
DURATION_FILTERS = (30, 45, 60, 90, 120, 180)


def public_trails(city, *, kind: str | None = None, max_minutes: int | None = None, limit: int = 100) -> list[Trail]:
    query = (select(Trail).where(Trail.city_id == city.id, Trail.status == TrailStatus.PUBLISHED.value)
             .options(selectinload(Trail.stops))
             .order_by(Trail.kind != TrailKind.HERITAGE.value, Trail.duration_min, Trail.id).limit(limit))
    if kind:
        query = query.where(Trail.kind == kind)
    if max_minutes:
        query = query.where(Trail.duration_min <= max_minutes)
    return list(db.session.execute(query).scalars())


def public_durations(city, *, kind: str | None = None) -> list[int]:
    """The durations of the published walks a list shows (before the duration filter), for its choices."""
    query = select(Trail.duration_min).where(Trail.city_id == city.id, Trail.status == TrailStatus.PUBLISHED.value)
    if kind:
        query = query.where(Trail.kind == kind)
    return list(db.session.execute(query).scalars())


def _with_stops_and_shops():
    return selectinload(Trail.stops).selectinload(TrailStop.shop)


def public_trail_or_404(city, slug: str) -> Trail:
    """A published trail of this city; drafts and other cities' trails do not exist for the public."""
    trail = db.session.execute(
        select(Trail).where(Trail.city_id == city.id, Trail.slug == slug, Trail.status == TrailStatus.PUBLISHED.value)
        .options(_with_stops_and_shops())).scalar_one_or_none()
    if trail is None:
        raise ProblemError(404, _("This trail does not exist (any more)."), code="not_found")
    return trail


def any_trail_or_404(city, *, slug: str | None = None, trail_id: int | None = None) -> Trail:
    """Studio and API lookups: drafts included, still only inside this city."""
    query = select(Trail).where(Trail.city_id == city.id).options(_with_stops_and_shops())
    query = query.where(Trail.slug == slug) if slug is not None else query.where(Trail.id == trail_id)
    trail = db.session.execute(query).scalar_one_or_none()
    if trail is None:
        raise ProblemError(404, _("This trail does not exist (any more)."), code="not_found")
    return trail


def studio_trails(city) -> list[Trail]:
    return list(db.session.execute(
        select(Trail).where(Trail.city_id == city.id).options(selectinload(Trail.stops))
        .order_by(Trail.status, Trail.updated_at.desc(), Trail.id)).scalars())


def shops_for_stops(city) -> list[Shop]:
    """Every shop of the city, for linking a trail stop to one."""
    return list(db.session.execute(select(Shop).where(Shop.city_id == city.id).order_by(Shop.slug)).scalars())


def published_trails_per_city() -> dict[int, int]:
    """Admin dashboard figure: published trails and green routes of every town, one grouped query."""
    rows = db.session.execute(select(Trail.city_id, func.count()).where(Trail.status == TrailStatus.PUBLISHED.value)
                              .group_by(Trail.city_id))
    return dict(rows.all())
