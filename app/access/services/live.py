"""What a shopper may be told about a place's occupancy now: live, stale, or nothing; and its trend.

Stale rule: a count older than KICK_ACCESS_STALE_MINUTES (default 15) is never shown as live; the page says
when it was last updated and greys it out. Pure functions of the place's stored values and `now`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

HISTORY_KEEP = timedelta(hours=2)
TREND_LOOKBACK = timedelta(minutes=30)
TREND_MIN_CHANGE = 5  # places; or 3 % of the capacity, whichever is more


class Trend:
    FILLING = "filling"  # fewer free places than half an hour ago
    EMPTYING = "emptying"
    STEADY = "steady"


@dataclass(frozen=True)
class Occupancy:
    available: int
    capacity: int | None
    updated_at: datetime
    stale: bool
    is_open: bool
    trend: str | None


def occupancy(place, now: datetime, stale_after: timedelta) -> Occupancy | None:
    """The place's last good count (None: the place has never had one)."""
    if place.live_available is None or place.live_updated_at is None:
        return None
    capacity = place.live_capacity if place.live_capacity is not None else place.capacity
    stale = now - place.live_updated_at > stale_after
    return Occupancy(place.live_available, capacity, place.live_updated_at, stale, place.live_open is not False,
                     None if stale else trend(place.live_history or [], place.live_available, capacity,
                                              place.live_updated_at))


def trend(history: list, available: int, capacity: int | None, at: datetime) -> str | None:
    """Compare with the count closest to half an hour before `at` (None: no count old enough)."""
    target = at - TREND_LOOKBACK
    best = None
    for moment_text, free in history:
        moment = datetime.fromisoformat(moment_text)
        if moment <= at - timedelta(minutes=10) and (best is None or abs(moment - target) < abs(best[0] - target)):
            best = (moment, free)
    if best is None:
        return None
    threshold = max(TREND_MIN_CHANGE, round(0.03 * capacity) if capacity else 0)
    change = available - best[1]
    if change <= -threshold:
        return Trend.FILLING
    if change >= threshold:
        return Trend.EMPTYING
    return Trend.STEADY


def add_to_history(history: list | None, at: datetime, available: int, now: datetime) -> list:
    """The history with this count added (once per time) and counts older than two hours left out."""
    kept = [[moment, free] for moment, free in (history or [])
            if now - datetime.fromisoformat(moment) <= HISTORY_KEEP and moment != at.isoformat()]
    kept.append([at.isoformat(), available])
    kept.sort(key=lambda item: item[0])
    return kept[-120:]
