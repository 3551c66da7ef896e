"""Cooldown windows: 'once per day' means once per Brussels calendar day, not 24 h after the last stamp.

A window is a bucket number of local (Europe/Brussels) time. The stamp table is unique on
(card, window), so the database itself refuses a second stamp in the same window, even when
scans race. Cooldowns divide a day (1, 4, 12, 24 h) or are a week (starting Monday).
"""
from datetime import datetime, timedelta, timezone

from app.core.clock import TZ

_EPOCH = datetime(1970, 1, 1)
_MONDAY_SHIFT = 4 * 86400  # 1970-01-01 was a Thursday; weekly windows start on Monday


def _local_seconds(at: datetime) -> int:
    local = at.astimezone(TZ).replace(tzinfo=None)
    return int((local - _EPOCH).total_seconds())


def window_for(at: datetime, cooldown_hours: int) -> int:
    size = cooldown_hours * 3600
    return (_local_seconds(at) - _MONDAY_SHIFT) // size


def window_start(window: int, cooldown_hours: int) -> datetime:
    """The aware UTC instant at which `window` begins (local wall time, fold 0 in DST overlaps)."""
    local = _EPOCH + timedelta(seconds=window * cooldown_hours * 3600 + _MONDAY_SHIFT)
    return local.replace(tzinfo=TZ).astimezone(timezone.utc)


def next_window_start(at: datetime, cooldown_hours: int) -> datetime:
    return window_start(window_for(at, cooldown_hours) + 1, cooldown_hours)
