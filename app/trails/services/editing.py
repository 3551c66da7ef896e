"""Making and changing a trail in the studio or through the API: create (a draft unless told otherwise),
edit its fields, path and stops in one go, delete it (with its photos), set or remove its cover photo and
its drawn path. Every change is validated completely before the trail changes, then saved once."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.core import clock
from app.core.problem import ProblemError
from app.core.text import slugify
from app.extensions import db
from app.media.service import delete_image, save_image
from app.trails.models import RevisionAction, Trail, TrailStatus
from app.trails.services.revisions import revisions_of
from app.trails.services.saving import check_version, save_trail, save_with_upload
from app.trails.services.stops import append_stop, replace_stops
from app.trails.services.validation import (DEFAULT_DWELL_MINUTES, MAX_STOPS, MAX_TRAILS_PER_CITY, TRAIL_FIELDS,
                                            check_trail_slug, check_trail_values, clean_path, field_problem,
                                            unique_trail_slug)


def create_trail(city, values: dict, author, *, slug: str | None = None, stops: list[dict] | None = None,
                 path=None, status: TrailStatus = TrailStatus.DRAFT, source_digest: str | None = None) -> Trail:
    count = db.session.execute(select(func.count()).select_from(Trail).where(Trail.city_id == city.id)).scalar_one()
    if count >= MAX_TRAILS_PER_CITY:
        raise ProblemError(422, _("This city already has the maximum number of trails."), code="limit")
    status = TrailStatus(status)
    values = {k: v for k, v in values.items() if k in TRAIL_FIELDS}
    check_trail_values(city, {"title": {}, **values})
    slug = slug or unique_trail_slug(city, slugify(values["title"]["nl"], fallback="wandeling"))
    check_trail_slug(city, slug)
    cleaned_path = clean_path(city, path) if path else []
    values.setdefault("dwell_minutes", DEFAULT_DWELL_MINUTES)  # needed before the INSERT applies defaults
    trail = Trail(city_id=city.id, status=status.value, slug=slug, path=cleaned_path, source_digest=source_digest,
                  **values)
    for stop_values in (stops or [])[:MAX_STOPS + 1]:
        append_stop(city, trail, stop_values)
    if status == TrailStatus.PUBLISHED:
        trail.published_at = clock.now()
    db.session.add(trail)
    return save_trail(trail, RevisionAction.CREATED, author)  # its flush is the INSERT: a new trail is version 1


def update_trail(trail: Trail, values: dict, author, *, expected_version: int | None, slug: str | None = None,
                 stops: list[dict] | None = None, path=None) -> Trail:
    check_version(trail, expected_version)
    city = trail.city
    values = {k: v for k, v in values.items() if k in TRAIL_FIELDS}
    check_trail_values(city, values)
    if slug is not None and slug != trail.slug:
        check_trail_slug(city, slug, exclude_id=trail.id)
    cleaned_path = clean_path(city, path) if path is not None else None
    # Validation above is complete before anything on the trail changes.
    if slug is not None:
        trail.slug = slug
    for key, value in values.items():
        setattr(trail, key, value)
    if cleaned_path is not None:
        trail.path = cleaned_path
    if stops is not None:
        replace_stops(city, trail, stops)
    return save_trail(trail, RevisionAction.EDITED, author)


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


def set_cover(trail: Trail, data: bytes | None, alt: dict, author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    if not data and not trail.cover_phone_key:
        raise field_problem("cover", _("Choose a photo to upload."))
    if not alt.get("nl"):
        raise field_problem("cover_alt_nl", _("Describe the photo for people who cannot see it (Dutch is required)."))
    stored = save_image(data, f"trails/{trail.city.slug}/{trail.id}", field="cover") if data else None
    if stored:
        trail.cover_phone_key, trail.cover_thumb_key = stored.phone_key, stored.thumb_key
        trail.cover_width, trail.cover_height = stored.width, stored.height
    trail.cover_alt = alt
    return save_with_upload(trail, RevisionAction.COVER, author, stored)


def remove_cover(trail: Trail, author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    trail.cover_phone_key = trail.cover_thumb_key = None
    trail.cover_width = trail.cover_height = None
    trail.cover_alt = {}
    return save_trail(trail, RevisionAction.COVER, author)


def set_path(trail: Trail, points, author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    trail.path = clean_path(trail.city, points or [])
    return save_trail(trail, RevisionAction.PATH, author)
