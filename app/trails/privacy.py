"""Trails' part of a user's privacy rights: trail versions a marketer saved.

The revision history stays (the city's editorial record) but no longer names the author.
"""
from sqlalchemy import select, update

from app.extensions import db
from app.trails.models import Trail, TrailRevision


def export_user(user) -> dict:
    rows = db.session.execute(
        select(Trail.slug, TrailRevision.version, TrailRevision.action, TrailRevision.created_at)
        .join(Trail, Trail.id == TrailRevision.trail_id).where(TrailRevision.author_id == user.id)
        .order_by(TrailRevision.created_at)).all()
    return {"trail_versions_saved": [{"trail": slug, "version": version, "action": action,
                                      "at": at.isoformat()} for slug, version, action, at in rows]}


def forget_user(user, **_kwargs) -> None:
    db.session.execute(update(TrailRevision).where(TrailRevision.author_id == user.id).values(author_id=None)
                       .execution_options(synchronize_session=False))
