"""How busy is the centre now? The latest complete counted hour compared with the same weekday and hour of
the weeks before (the city home's "Hoe druk is het?").

"Now" is the latest hour whose counts are complete (its hour has ended) and at most FRESH_HOURS old; older
counts are never shown as now: the section then says when the centre was last counted (up to
STALE_DAYS), or is left out. The usual is the median of that weekday and wall-clock hour (Brussels, so a
change of the clocks compares 14:00 with 14:00) over the last WEEKS weeks, counting only weeks in which
every point of "now" counted (another set of counters is not the same street); it needs MIN_WEEKS such weeks.

Small cells: footfall counts are sensor counts of passers-by, not figures about known shoppers, and the
section shows no number at all, only a verdict. Still, a verdict about an hour the counters usually see
fewer than KICK_FIGURES_MIN_PEOPLE people in would be noise (two passers-by more is "busier"): it is
judged by the figures' own small-cell rule (app.core.suppression.too_small) and then not given.

Sources: `busy_now(city)` asks each function of SOURCES (each takes the city and returns a `Busyness` or
None) and shows the first fresh answer. Footfall is the only one; the live parking occupancy could be a
second source later (a function taking the city, comparing free places with the usual at this hour).
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum

from flask import current_app
from sqlalchemy import func, select

from app.core import clock
from app.extensions import db
from app.figures.models import CountingPoint, FootfallCount
from app.core.suppression import Cell, too_small

FRESH_HOURS = 3  # the latest complete hour may have ended at most this long ago to be "now"
STALE_DAYS = 7  # older counts: the section is left out
WEEKS = 8
MIN_WEEKS = 4
MARGIN = 0.15  # more than 15 % above the usual is busier, more than 15 % below is quieter


class BusyLevel(StrEnum):
    BUSIER = "busier"
    USUAL = "usual"
    QUIETER = "quieter"


@dataclass(frozen=True)
class Busyness:
    hour: datetime  # start of the counted hour (UTC)
    fresh: bool  # the hour is "now" (ended at most FRESH_HOURS ago)
    level: BusyLevel | None  # None: no verdict (stale, too few usual weeks, or too few people usually)
    source: str = "footfall"

    @property
    def hour_end(self) -> datetime:
        return self.hour + timedelta(hours=1)


def busy_level(now_total: int, usual_totals: list[int], minimum: int) -> BusyLevel | None:
    """The verdict for one hour: `now_total` against the median of `usual_totals` (one per earlier week)."""
    if len(usual_totals) < MIN_WEEKS:
        return None
    usual = statistics.median(usual_totals)
    if usual <= 0 or too_small(Cell(round(usual), people=round(usual)), minimum):
        return None
    ratio = now_total / usual
    if ratio > 1 + MARGIN:
        return BusyLevel.BUSIER
    if ratio < 1 - MARGIN:
        return BusyLevel.QUIETER
    return BusyLevel.USUAL


def same_hour_weeks_before(hour: datetime, weeks: int = WEEKS) -> list[datetime]:
    """The UTC starts of the same weekday and Brussels wall-clock hour 1..weeks weeks before `hour`."""
    local = hour.astimezone(clock.TZ)
    out = []
    for week in range(1, weeks + 1):
        earlier = (local - timedelta(weeks=week)).replace(tzinfo=None)
        out.append(earlier.replace(tzinfo=clock.TZ).astimezone(timezone.utc))
    return out


def footfall_busyness(city, now: datetime | None = None) -> Busyness | None:
    """The footfall verdict for `city`, or None when it has no recent counts. Three queries."""
    now = now or clock.now()
    points = select(CountingPoint.id).where(CountingPoint.city_id == city.id)
    latest = db.session.execute(
        select(func.max(FootfallCount.hour)).where(
            FootfallCount.point_id.in_(points), FootfallCount.hour <= now - timedelta(hours=1),
            FootfallCount.hour >= now - timedelta(days=STALE_DAYS))).scalar_one()
    if latest is None:
        return None
    if latest.tzinfo is None:
        latest = latest.replace(tzinfo=timezone.utc)
    fresh = now - (latest + timedelta(hours=1)) <= timedelta(hours=FRESH_HOURS)
    if not fresh:
        return Busyness(latest, False, None)
    current = dict(db.session.execute(
        select(FootfallCount.point_id, FootfallCount.count)
        .where(FootfallCount.point_id.in_(points), FootfallCount.hour == latest)).all())
    before = same_hour_weeks_before(latest)
    by_hour: dict[datetime, dict[int, int]] = defaultdict(dict)
    for point_id, hour, count in db.session.execute(
            select(FootfallCount.point_id, FootfallCount.hour, FootfallCount.count)
            .where(FootfallCount.point_id.in_(list(current)), FootfallCount.hour.in_(before))):
        by_hour[hour.replace(tzinfo=timezone.utc) if hour.tzinfo is None else hour][point_id] = count
    usual = [sum(counts.values()) for counts in by_hour.values() if set(counts) == set(current)]
    level = busy_level(sum(current.values()), usual, int(current_app.config["KICK_FIGURES_MIN_PEOPLE"]))
    return Busyness(latest, True, level)


SOURCES = (footfall_busyness,)


def busy_now(city) -> Busyness | None:
    """The first fresh answer of SOURCES; else the freshest stale one (to say when it was last counted)."""
    answers = [answer for answer in (source(city) for source in SOURCES) if answer is not None]
    fresh = [answer for answer in answers if answer.fresh]
    if fresh:
        return fresh[0]
    return max(answers, key=lambda answer: answer.hour, default=None)


def home_busy(city) -> dict | None:
    """Home section loader: hidden when the city has no recent counts."""
    busy = busy_now(city)
    return {"busy": busy} if busy is not None else None
