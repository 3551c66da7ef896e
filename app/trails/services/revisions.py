"""A trail's history: the versions saved (newest first, MAX_REVISIONS_KEPT of them) and bringing an older
version's content back, which is itself saved as a new version."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core.problem import ProblemError
from app.extensions import db
from app.shops.models import Shop
from app.trails.models import Trail, TrailRevision, TrailStop, restored_action
from app.trails.services.saving import check_version, save_trail
from app.trails.services.validation import TRAIL_FIELDS


def revisions_of(trail: Trail) -> list[TrailRevision]:
    return list(db.session.execute(
        select(TrailRevision).where(TrailRevision.trail_id == trail.id)
        .options(selectinload(TrailRevision.author)).order_by(TrailRevision.id.desc())).scalars())


def revision_or_404(trail: Trail, revision_id: int) -> TrailRevision:
    revision = db.session.get(TrailRevision, revision_id)
    if revision is None or revision.trail_id != trail.id:
        raise ProblemError(404, _("This version does not exist."), code="not_found")
    return revision


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
    trail.stops[:] = _restored_stops(trail, snap.get("stops", []))
    return save_trail(trail, restored_action(revision.version), author)


def _restored_stops(trail: Trail, stops: list[dict]) -> list[TrailStop]:
    """The snapshot's stops as new rows; a link to a shop that is gone (or moved town) is dropped."""
    shop_ids = {s["shop_id"] for s in stops if s.get("shop_id")}
    existing_shops = set(db.session.execute(select(Shop.id).where(
        Shop.id.in_(shop_ids), Shop.city_id == trail.city_id)).scalars()) if shop_ids else set()
    return [TrailStop(
        position=s["position"], title=s["title"], body=s.get("body") or {}, lat=s["lat"], lon=s["lon"],
        shop_id=s.get("shop_id") if s.get("shop_id") in existing_shops else None,
        image_alt=s.get("image_alt") or {}, image_phone_key=s.get("image_phone_key"),
        image_thumb_key=s.get("image_thumb_key"), image_width=s.get("image_width"),
        image_height=s.get("image_height"),
    ) for s in stops]
