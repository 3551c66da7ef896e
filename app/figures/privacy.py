"""Figures' part of privacy: the vendor keys a person made, and the retention purge of raw counter events.

FigureEvent rows hold a city, a page and an hour, FootfallCount rows a counting point, an hour and a number,
FigureRollup rows counts per day or period: none of them is about anyone. Only a footfall token remembers
who made it (`created_by_id`): that joins the export, and the deletion forgets it (the key keeps working). Raw events go once
they are KICK_FIGURES_EVENT_DAYS old (`flask --app wsgi privacy purge`, registered in app.figures.init_app), but
only for days already rolled up (app.figures.services.rollup): the daily figures keep counting them.
"""
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from app.core import clock
from app.extensions import db
from app.figures.models import FigureEvent, FootfallToken, RollupRun


def export_user(user) -> dict:
    tokens = db.session.execute(select(FootfallToken).where(FootfallToken.created_by_id == user.id)
                                .order_by(FootfallToken.id)).scalars()
    return {"note": _("Figures are anonymous counts (page views, trail walks, people counters, daily totals): no "
                      "row names or identifies anyone. Only the keys you made for a counter vendor remember you: "
                      "they are listed here, and deleting your account forgets that you made them."),
            "footfall_tokens_made": [{"label": t.label, "city_id": t.city_id, "created_at": t.created_at.isoformat(),
                                      "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None}
                                     for t in tokens]}  # never the digest: it opens the vendor's door


def forget_user(user, **_kwargs) -> None:
    """Forget who made a vendor key (the key keeps working); no figure is about one person, and the daily
    totals keep counting a deleted account."""
    db.session.execute(update(FootfallToken).where(FootfallToken.created_by_id == user.id).values(created_by_id=None))


def purge_events(older_than_days: int) -> tuple[object, int, int]:
    """Delete the raw events older than `older_than_days` of days the rollup has counted; one transaction.
    Returns (cutoff, removed, kept because their day is not rolled up yet)."""
    if older_than_days < 1:
        raise ValueError("the retention period of figure events must be at least 1 day")
    cutoff = clock.now() - timedelta(days=older_than_days)
    rolled = dict(db.session.execute(select(RollupRun.city_id, RollupRun.through)).all())
    removed = kept = 0
    cities = db.session.execute(select(FigureEvent.city_id).where(FigureEvent.hour < cutoff).distinct()).scalars()
    for city_id in list(cities):
        through = rolled.get(city_id)
        until = min(cutoff, clock.day_start(through + timedelta(days=1))) if through is not None else None
        if until is not None:
            removed += db.session.execute(delete(FigureEvent).where(
                FigureEvent.city_id == city_id, FigureEvent.hour < until)
                .execution_options(synchronize_session=False)).rowcount
        kept += db.session.execute(select(func.count()).where(
            FigureEvent.city_id == city_id, FigureEvent.hour < cutoff)).scalar_one()
    db.session.commit()
    return cutoff, removed, kept


def purge_report(older_than_days: int) -> list[str]:
    """Figures' part of `flask privacy purge`: raw events are kept KICK_FIGURES_EVENT_DAYS (or fewer if asked)."""
    days = min(older_than_days, int(current_app.config["KICK_FIGURES_EVENT_DAYS"]))
    cutoff, removed, kept = purge_events(days)
    lines = [f"Figure events before {cutoff:%Y-%m-%d %H:%M} UTC ({days} days):",
             f"  page views and trail events removed: {removed} (counted in the daily figures)"]
    if kept:
        lines.append(f"  kept {kept} of days not rolled up yet (run `flask figures rollup`)")
    return lines
