"""Business rules for trails: queries, edits with optimistic concurrency, revisions, publishing.

Every write goes through `_save()`: it recomputes distance and duration from the geometry, bumps
the trail's version (the UPDATE checks the old one, so a stale writer loses), stores a revision
snapshot and commits once. A caller passes the version it last saw; a mismatch is a 409.
"""
from __future__ import annotations

import re

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.core import clock
from app.core.geo import haversine_m, validate_point
from app.core.problem import ProblemError
from app.core.text import slugify
from app.extensions import db
from app.media.service import delete_image, save_image
from app.shops.models import Shop
from app.trails.metrics import trail_metrics
from app.trails.models import ACCESS_FLAGS, KINDS, SURFACES, Trail, TrailRevision, TrailStop

MAX_STOPS = 50
MAX_PATH_POINTS = 2000
MAX_TRAILS_PER_CITY = 300
MAX_REVISIONS_KEPT = 100
# A stop or path point further than this from the city centre is almost surely a typo (lat/lon swapped).
MAX_DISTANCE_FROM_CENTRE_M = 30_000
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TRAIL_FIELDS = ("kind", "title", "summary", "body", "surface", "access_note", "dwell_minutes", *ACCESS_FLAGS)
STOP_FIELDS = ("title", "body", "lat", "lon", "shop_id", "image_alt")
DURATION_FILTERS = (30, 60, 120)
DEFAULT_DWELL_MINUTES = 5  # "up to N minutes" choices on the public list


# ---------------------------------------------------------------- reading


def public_trails(city, *, kind: str | None = None, max_minutes: int | None = None, limit: int = 100) -> list[Trail]:
    query = (select(Trail).where(Trail.city_id == city.id, Trail.status == "published")
             .options(selectinload(Trail.stops))
             .order_by(Trail.kind != "heritage", Trail.duration_min, Trail.id).limit(limit))
    if kind:
        query = query.where(Trail.kind == kind)
    if max_minutes:
        query = query.where(Trail.duration_min <= max_minutes)
    return list(db.session.execute(query).scalars())


def _with_stops_and_shops():
    return selectinload(Trail.stops).selectinload(TrailStop.shop)


def public_trail_or_404(city, slug: str) -> Trail:
    """A published trail of this city; drafts and other cities' trails do not exist for the public."""
    trail = db.session.execute(
        select(Trail).where(Trail.city_id == city.id, Trail.slug == slug, Trail.status == "published")
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


def revisions_of(trail: Trail) -> list[TrailRevision]:
    return list(db.session.execute(
        select(TrailRevision).where(TrailRevision.trail_id == trail.id)
        .options(selectinload(TrailRevision.author)).order_by(TrailRevision.id.desc())).scalars())


def revision_or_404(trail: Trail, revision_id: int) -> TrailRevision:
    revision = db.session.get(TrailRevision, revision_id)
    if revision is None or revision.trail_id != trail.id:
        raise ProblemError(404, _("This version does not exist."), code="not_found")
    return revision


def shops_for_stops(city) -> list[Shop]:
    """Every shop of the city, for linking a trail stop to one."""
    return list(db.session.execute(select(Shop).where(Shop.city_id == city.id).order_by(Shop.slug)).scalars())


# ---------------------------------------------------------------- validation helpers


def _invalid(field: str, message: str, status: int = 422) -> ProblemError:
    return ProblemError(status, message, code="validation_error", errors={field: [message]})


def conflict(trail: Trail) -> ProblemError:
    return ProblemError(
        409, _("Someone else saved this trail in the meantime. Your changes were not saved: "
               "open the latest version and make them again."),
        code="edit_conflict", extra={"current_version": trail.version})


def check_version(trail: Trail, expected: int | None) -> None:
    if expected is not None and int(expected) != trail.version:
        raise conflict(trail)


def _slug_taken(city, slug: str, exclude_id: int | None = None) -> bool:
    query = select(func.count()).select_from(Trail).where(Trail.city_id == city.id, Trail.slug == slug)
    if exclude_id is not None:
        query = query.where(Trail.id != exclude_id)
    return db.session.execute(query).scalar_one() > 0


def _unique_slug(city, base: str) -> str:
    slug, n = base, 2
    while _slug_taken(city, slug):
        slug = f"{base[:55]}-{n}"
        n += 1
    return slug


def check_point_in_city(city, lat: float, lon: float, field: str = "lat") -> None:
    try:
        validate_point(float(lat), float(lon))
    except (TypeError, ValueError):
        raise _invalid(field, _("Enter a valid latitude and longitude.")) from None
    if haversine_m(city.center_lat, city.center_lon, lat, lon) > MAX_DISTANCE_FROM_CENTRE_M:
        raise _invalid(field, _("This point lies more than %(km)d km from the centre of %(city)s. "
                                "Check the coordinates (latitude first, then longitude).",
                                km=MAX_DISTANCE_FROM_CENTRE_M // 1000, city=city.name))


def clean_path(city, points) -> list[list[float]]:
    if not isinstance(points, list):
        raise _invalid("path", _("The path is not a list of points."))
    if len(points) > MAX_PATH_POINTS:
        raise _invalid("path", _("A path can have at most %(num)d points.", num=MAX_PATH_POINTS))
    if len(points) == 1:
        raise _invalid("path", _("A path needs at least two points."))
    cleaned = []
    for point in points:
        if (not isinstance(point, (list, tuple)) or len(point) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in point)):
            raise _invalid("path", _("Every path point must be [latitude, longitude]."))
        check_point_in_city(city, point[0], point[1], field="path")
        cleaned.append([round(float(point[0]), 6), round(float(point[1]), 6)])
    return cleaned


def _check_trail_values(city, values: dict) -> None:
    if "kind" in values and values["kind"] not in KINDS:
        raise _invalid("kind", _("Choose a kind of trail."))
    if "surface" in values and values["surface"] not in SURFACES:
        raise _invalid("surface", _("Choose a surface."))
    if "title" in values and not (values["title"] or {}).get("nl"):
        raise _invalid("title", _("A Dutch title is required."))
    if "dwell_minutes" in values and not 0 <= int(values["dwell_minutes"]) <= 120:
        raise _invalid("dwell_minutes", _("Use 0 to 120 minutes."))


def _check_slug(city, slug: str, exclude_id: int | None = None) -> None:
    if not SLUG_PATTERN.fullmatch(slug) or len(slug) > 80:
        raise _invalid("slug", _("Use lowercase letters, digits and hyphens only."))
    if _slug_taken(city, slug, exclude_id):
        raise _invalid("slug", _("Another trail of this city already uses this web address."))


def _check_stop_values(city, values: dict) -> None:
    if "title" in values and not (values["title"] or {}).get("nl"):
        raise _invalid("title", _("A Dutch title is required."))
    if "lat" in values or "lon" in values:
        check_point_in_city(city, values.get("lat"), values.get("lon"))
    shop_id = values.get("shop_id")
    if shop_id is not None:
        shop = db.session.get(Shop, shop_id)
        if shop is None or shop.city_id != city.id:
            raise _invalid("shop_id", _("Choose a shop of this city."))


# ---------------------------------------------------------------- the one way to save


def _author_id(author) -> int | None:
    return getattr(author, "id", None) if author is not None and getattr(author, "is_authenticated", False) else None


def _save(trail: Trail, action: str, author) -> Trail:
    """Recompute, bump the version, snapshot and commit; a concurrent writer turns into a 409."""
    _renumber(trail)
    pace = current_app.config.get("KICK_WALKING_PACE_KMH", 4.5)
    trail.distance_m, trail.duration_min = trail_metrics(
        trail.path or [], [(s.lat, s.lon) for s in trail.stops], pace_kmh=pace, dwell_min_per_stop=trail.dwell_minutes)
    trail.updated_at = clock.now()  # makes the row dirty, so the version bumps even for stop-only edits
    try:
        db.session.flush()
        db.session.add(TrailRevision(trail_id=trail.id, version=trail.version, action=action,
                                     author_id=_author_id(author), snapshot=snapshot(trail)))
        _prune_revisions(trail)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()  # our own logic: read the version the other writer saved, for the 409
        current = db.session.get(Trail, trail.id, populate_existing=True)
        raise conflict(current) from None
    except IntegrityError:  # the caller's unit of work (or the error handler) rolls back
        raise _invalid("slug", _("Another trail of this city already uses this web address."), 409) from None
    return trail


def _renumber(trail: Trail) -> None:
    for position, stop in enumerate(sorted(trail.stops, key=lambda s: s.position), start=1):
        if stop.position != position:
            stop.position = position
    trail.stops.sort(key=lambda s: s.position)


def _prune_revisions(trail: Trail) -> None:
    keep = select(TrailRevision.id).where(TrailRevision.trail_id == trail.id).order_by(
        TrailRevision.id.desc()).limit(MAX_REVISIONS_KEPT)
    db.session.execute(delete(TrailRevision).where(
        TrailRevision.trail_id == trail.id, TrailRevision.id.not_in(keep.scalar_subquery())))


# ---------------------------------------------------------------- trail operations


def create_trail(city, values: dict, author, *, slug: str | None = None, stops: list[dict] | None = None,
                 path=None, status: str = "draft", source_digest: str | None = None) -> Trail:
    count = db.session.execute(select(func.count()).select_from(Trail).where(Trail.city_id == city.id)).scalar_one()
    if count >= MAX_TRAILS_PER_CITY:
        raise ProblemError(422, _("This city already has the maximum number of trails."), code="limit")
    values = {k: v for k, v in values.items() if k in TRAIL_FIELDS}
    _check_trail_values(city, {"title": {}, **values})
    slug = slug or _unique_slug(city, slugify(values["title"]["nl"], fallback="wandeling"))
    _check_slug(city, slug)
    cleaned_path = clean_path(city, path) if path else []
    values.setdefault("dwell_minutes", DEFAULT_DWELL_MINUTES)  # needed before the INSERT applies defaults
    trail = Trail(city_id=city.id, status=status, slug=slug, path=cleaned_path, source_digest=source_digest, **values)
    for stop_values in (stops or [])[:MAX_STOPS + 1]:
        _append_stop(city, trail, stop_values)
    if status == "published":
        trail.published_at = clock.now()
    db.session.add(trail)
    return _save(trail, "created", author)  # its flush is the INSERT: a new trail starts at version 1


def update_trail(trail: Trail, values: dict, author, *, expected_version: int | None, slug: str | None = None,
                 stops: list[dict] | None = None, path=None) -> Trail:
    check_version(trail, expected_version)
    city = trail.city
    values = {k: v for k, v in values.items() if k in TRAIL_FIELDS}
    _check_trail_values(city, values)
    if slug is not None and slug != trail.slug:
        _check_slug(city, slug, exclude_id=trail.id)
    cleaned_path = clean_path(city, path) if path is not None else None
    # Validation above is complete before anything on the trail changes.
    if slug is not None:
        trail.slug = slug
    for key, value in values.items():
        setattr(trail, key, value)
    if cleaned_path is not None:
        trail.path = cleaned_path
    if stops is not None:
        _replace_stops(city, trail, stops)
    return _save(trail, "edited", author)


def delete_trail(trail: Trail, *, expected_version: int | None) -> None:
    check_version(trail, expected_version)
    keys = _image_keys(trail)
    db.session.delete(trail)
    db.session.commit()
    delete_image(*keys)  # after the commit: a failed delete must not lose files still in use


def _image_keys(trail: Trail) -> set[str]:
    keys = {trail.cover_phone_key, trail.cover_thumb_key}
    for stop in trail.stops:
        keys |= {stop.image_phone_key, stop.image_thumb_key}
    for revision in revisions_of(trail):  # revisions may still point at replaced images
        snap = revision.snapshot
        cover = snap.get("cover") or {}
        keys |= {cover.get("phone"), cover.get("thumb")}
        for stop in snap.get("stops", []):
            keys |= {stop.get("image_phone_key"), stop.get("image_thumb_key")}
    return {k for k in keys if isinstance(k, str) and k}


def set_status(trail: Trail, status: str, author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    if status == "published":
        if not trail.stops:
            raise ProblemError(422, _("Add at least one stop before publishing."), code="no_stops",
                               errors={"stops": [_("Add at least one stop before publishing.")]})
        if trail.status != "published":
            trail.published_at = clock.now()
    trail.status = status
    return _save(trail, "published" if status == "published" else "unpublished", author)


def set_cover(trail: Trail, data: bytes | None, alt: dict, author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    if not data and not trail.cover_phone_key:
        raise _invalid("cover", _("Choose a photo to upload."))
    if not alt.get("nl"):
        raise _invalid("cover_alt_nl", _("Describe the photo for people who cannot see it (Dutch is required)."))
    stored = save_image(data, f"trails/{trail.city.slug}/{trail.id}", field="cover") if data else None
    if stored:
        trail.cover_phone_key, trail.cover_thumb_key = stored.phone_key, stored.thumb_key
        trail.cover_width, trail.cover_height = stored.width, stored.height
    trail.cover_alt = alt
    try:
        return _save(trail, "cover", author)
    except ProblemError:
        if stored:
            delete_image(*stored.keys.values())
        raise


def remove_cover(trail: Trail, author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    trail.cover_phone_key = trail.cover_thumb_key = None
    trail.cover_width = trail.cover_height = None
    trail.cover_alt = {}
    return _save(trail, "cover", author)


def set_path(trail: Trail, points, author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    trail.path = clean_path(trail.city, points or [])
    return _save(trail, "path", author)


# ---------------------------------------------------------------- stops


def _append_stop(city, trail: Trail, values: dict) -> TrailStop:
    if len(trail.stops) >= MAX_STOPS:
        raise _invalid("stops", _("A trail can have at most %(num)d stops.", num=MAX_STOPS))
    values = {k: v for k, v in values.items() if k in STOP_FIELDS}
    _check_stop_values(city, {"title": {}, "lat": None, "lon": None, **values})
    stop = TrailStop(position=len(trail.stops) + 1, **values)
    trail.stops.append(stop)
    return stop


def _replace_stops(city, trail: Trail, items: list[dict]) -> None:
    """API PATCH: the list is the new order; an item with the id of a current stop keeps its photo."""
    if len(items) > MAX_STOPS:
        raise _invalid("stops", _("A trail can have at most %(num)d stops.", num=MAX_STOPS))
    current = {stop.id: stop for stop in trail.stops}
    kept = []
    for position, item in enumerate(items, start=1):
        values = {k: v for k, v in item.items() if k in STOP_FIELDS}
        stop = current.pop(item["id"], None) if item.get("id") is not None else None
        if item.get("id") is not None and stop is None:
            raise _invalid("stops", _("Stop %(id)s is not part of this trail.", id=item["id"]))
        _check_stop_values(city, values if stop else {"title": {}, "lat": None, "lon": None, **values})
        if stop is None:
            stop = TrailStop(**values)
        else:
            for key, value in values.items():
                setattr(stop, key, value)
        stop.position = position
        kept.append(stop)
    trail.stops[:] = kept  # delete-orphan removes the stops left out


def add_stop(trail: Trail, values: dict, author, *, expected_version: int | None, image: bytes | None = None) -> TrailStop:
    check_version(trail, expected_version)
    stop = _append_stop(trail.city, trail, values)
    stored = _store_stop_image(trail, stop, image)
    try:
        _save(trail, "stop added", author)
    except ProblemError:
        if stored:
            delete_image(*stored.keys.values())
        raise
    return stop


def update_stop(trail: Trail, stop: TrailStop, values: dict, author, *, expected_version: int | None,
                image: bytes | None = None, remove_image: bool = False) -> TrailStop:
    check_version(trail, expected_version)
    values = {k: v for k, v in values.items() if k in STOP_FIELDS}
    _check_stop_values(trail.city, values)
    for key, value in values.items():
        setattr(stop, key, value)
    if remove_image:
        stop.image_phone_key = stop.image_thumb_key = None
        stop.image_width = stop.image_height = None
    stored = _store_stop_image(trail, stop, image)
    try:
        _save(trail, "stop edited", author)
    except ProblemError:
        if stored:
            delete_image(*stored.keys.values())
        raise
    return stop


def _store_stop_image(trail: Trail, stop: TrailStop, image: bytes | None):
    if image and not (stop.image_alt or {}).get("nl"):
        raise _invalid("image_alt_nl", _("Describe the photo for people who cannot see it (Dutch is required)."))
    if not image:
        if stop.image_phone_key and not (stop.image_alt or {}).get("nl"):
            raise _invalid("image_alt_nl", _("Describe the photo for people who cannot see it (Dutch is required)."))
        return None
    stored = save_image(image, f"trails/{trail.city.slug}/{trail.id}", field="image")
    stop.image_phone_key, stop.image_thumb_key = stored.phone_key, stored.thumb_key
    stop.image_width, stop.image_height = stored.width, stored.height
    return stored


def stop_or_404(trail: Trail, stop_id: int) -> TrailStop:
    for stop in trail.stops:
        if stop.id == stop_id:
            return stop
    raise ProblemError(404, _("This stop does not exist (any more)."), code="not_found")


def move_stop(trail: Trail, stop: TrailStop, delta: int, author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    ordered = sorted(trail.stops, key=lambda s: s.position)
    index = ordered.index(stop)
    target = max(0, min(len(ordered) - 1, index + delta))
    ordered.insert(target, ordered.pop(index))
    _apply_order(trail, ordered)
    return _save(trail, "stops reordered", author)


def reorder_stops(trail: Trail, stop_ids: list[int], author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    by_id = {stop.id: stop for stop in trail.stops}
    if sorted(stop_ids) != sorted(by_id):
        raise _invalid("order", _("The new order must list every stop of this trail exactly once."))
    _apply_order(trail, [by_id[i] for i in stop_ids])
    return _save(trail, "stops reordered", author)


def _apply_order(trail: Trail, ordered: list[TrailStop]) -> None:
    for position, stop in enumerate(ordered, start=1):
        stop.position = position
    trail.stops.sort(key=lambda s: s.position)


def remove_stop(trail: Trail, stop: TrailStop, author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    trail.stops.remove(stop)
    return _save(trail, "stop removed", author)


# ---------------------------------------------------------------- revisions


def snapshot(trail: Trail) -> dict:
    """Everything a restore needs, as plain JSON (image keys, not images: uploads are immutable)."""
    fields = {key: getattr(trail, key) for key in TRAIL_FIELDS}
    return {
        **fields, "slug": trail.slug, "status": trail.status, "path": list(trail.path or []),
        "cover": {"phone": trail.cover_phone_key, "thumb": trail.cover_thumb_key, "width": trail.cover_width,
                  "height": trail.cover_height, "alt": trail.cover_alt or {}},
        "distance_m": trail.distance_m, "duration_min": trail.duration_min,
        "stops": [{
            "position": s.position, "title": s.title, "body": s.body or {}, "lat": s.lat, "lon": s.lon,
            "shop_id": s.shop_id, "image_alt": s.image_alt or {}, "image_phone_key": s.image_phone_key,
            "image_thumb_key": s.image_thumb_key, "image_width": s.image_width, "image_height": s.image_height,
        } for s in sorted(trail.stops, key=lambda s: s.position)],
    }


def restore_revision(trail: Trail, revision: TrailRevision, author, *, expected_version: int | None) -> Trail:
    """Bring back a saved version's content; status and web address stay as they are now, so a
    restore never publishes a draft or breaks a shared link by itself."""
    check_version(trail, expected_version)
    snap = revision.snapshot
    if trail.is_published and not snap.get("stops"):
        raise ProblemError(422, _("A published trail needs stops: unpublish it first."), code="no_stops")
    for key in TRAIL_FIELDS:
        if key in snap:
            setattr(trail, key, snap[key])
    trail.path = snap.get("path") or []
    cover = snap.get("cover") or {}
    trail.cover_phone_key, trail.cover_thumb_key = cover.get("phone"), cover.get("thumb")
    trail.cover_width, trail.cover_height, trail.cover_alt = cover.get("width"), cover.get("height"), cover.get("alt") or {}
    shop_ids = {s["shop_id"] for s in snap.get("stops", []) if s.get("shop_id")}
    existing_shops = set(db.session.execute(select(Shop.id).where(
        Shop.id.in_(shop_ids), Shop.city_id == trail.city_id)).scalars()) if shop_ids else set()
    trail.stops[:] = [TrailStop(
        position=s["position"], title=s["title"], body=s.get("body") or {}, lat=s["lat"], lon=s["lon"],
        shop_id=s.get("shop_id") if s.get("shop_id") in existing_shops else None,
        image_alt=s.get("image_alt") or {}, image_phone_key=s.get("image_phone_key"),
        image_thumb_key=s.get("image_thumb_key"), image_width=s.get("image_width"),
        image_height=s.get("image_height"),
    ) for s in snap.get("stops", [])]
    return _save(trail, f"restored v{revision.version}", author)
