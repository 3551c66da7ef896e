"""The one way a trail is saved: every write ends in `save_trail()`.

It recomputes distance and duration from the geometry, bumps the trail's version (the UPDATE checks the
old one, so a stale writer loses), stores a revision snapshot and commits once. A caller passes the version
it last saw (`check_version`); a mismatch is a 409.
"""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.core import clock
from app.core.problem import ProblemError
from app.extensions import db
from app.media.service import delete_image
from app.trails.metrics import trail_metrics
from app.trails.models import Trail, TrailRevision
from app.trails.services.validation import TRAIL_FIELDS, field_problem

MAX_REVISIONS_KEPT = 100


def edit_conflict(trail: Trail) -> ProblemError:
    return ProblemError(
        409, _("Someone else saved this trail in the meantime. Your changes were not saved: "
               "open the latest version and make them again."),
        code="edit_conflict", extra={"current_version": trail.version})


def check_version(trail: Trail, expected: int | None) -> None:
    if expected is not None and int(expected) != trail.version:
        raise edit_conflict(trail)


def _author_id(author) -> int | None:
    return getattr(author, "id", None) if author is not None and getattr(author, "is_authenticated", False) else None


def save_trail(trail: Trail, action: str, author) -> Trail:
    """Recompute, bump the version, snapshot and commit; a concurrent writer turns into a 409.
    `action` is a RevisionAction (or `restored_action(version)`)."""
    _renumber(trail)
    pace = current_app.config.get("KICK_WALKING_PACE_KMH", 4.5)
    trail.distance_m, trail.duration_min = trail_metrics(
        trail.path or [], [(s.lat, s.lon) for s in trail.stops], pace_kmh=pace, dwell_min_per_stop=trail.dwell_minutes)
    trail.updated_at = clock.now()  # makes the row dirty, so the version bumps even for stop-only edits
    try:
        db.session.flush()
        db.session.add(TrailRevision(trail_id=trail.id, version=trail.version, action=str(action),
                                     author_id=_author_id(author), snapshot=trail_snapshot(trail)))
        _prune_revisions(trail)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()  # our own logic: read the version the other writer saved, for the 409
        current = db.session.get(Trail, trail.id, populate_existing=True)
        raise edit_conflict(current) from None
    except IntegrityError:  # the caller's unit of work (or the error handler) rolls back
        raise field_problem("slug", _("Another trail of this city already uses this web address."), 409) from None
    return trail


def save_with_upload(trail: Trail, action: str, author, stored) -> Trail:
    """save_trail() after an image upload (`stored`, or None): a refused save deletes the files just stored,
    so a 409 or a 422 leaves no orphan in the media store."""
    try:
        return save_trail(trail, action, author)
    except ProblemError:
        if stored:
            delete_image(*stored.keys.values())
        raise


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


def trail_snapshot(trail: Trail) -> dict:
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
