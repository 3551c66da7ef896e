"""Opening hours of a shop, evaluated in Europe/Brussels wall time.

Stored format (JSON-serialisable)::

    {"weekly": {"mon": [["09:30", "12:30"], ["13:30", "18:00"]], ..., "sun": []},
     "exceptions": [{"date": "2026-12-25", "closed": true, "note": "Kerstmis"},
                    {"date": "2026-12-24", "closed": false,
                     "intervals": [["09:00", "16:00"]]}]}

Rules:
- An interval whose end is before its start crosses midnight ("22:00"-"02:00")
  and belongs to the day it starts on (so it still runs into a holiday).
- "24:00" is allowed as an end; "00:00"-"24:00" means open all day.
- An exception replaces the weekly hours of its date.

Clock changes: a wall time in the spring-forward gap resolves to the moment the
clock jumps (the first instant the clock reads at least that time); a wall time
in the repeated autumn hour resolves to its first occurrence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from app.core.clock import TZ

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_INTERVALS_PER_DAY = 4
MAX_EXCEPTIONS = 60
MAX_NOTE_LENGTH = 200
STATUS_HORIZON = timedelta(days=8)

_TIME_RE = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_MINUTES = 24 * 60

Interval = tuple[str, str]


class HoursError(ValueError):
    """Invalid opening hours; `field` is a path such as "weekly.mon[1]"."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class OpenStatus:
    open: bool
    closes_at: datetime | None  # set when open and a close is due within 8 days
    opens_at: datetime | None  # set when closed and an opening is due within 8 days


# --- validation ---------------------------------------------------------------


def _parse_time(value: Any, field: str, *, is_end: bool) -> int:
    """Minutes since midnight; "24:00" is only meaningful as an end."""
    if not isinstance(value, str) or not (m := _TIME_RE.match(value.strip())):
        raise HoursError(field, "bad time format, expected HH:MM")
    minutes = int(m.group(1)) * 60 + int(m.group(2))
    if minutes > _DAY_MINUTES or (minutes == _DAY_MINUTES and not is_end):
        raise HoursError(field, "bad time format, expected HH:MM")
    return minutes


def _fmt(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _span(start: int, end: int) -> tuple[int, int]:
    """Minute span relative to the start day; an end before the start is next day."""
    return (start, end + _DAY_MINUTES) if end < start else (start, end)


def _validate_intervals(value: Any, field: str) -> list[list[str]]:
    if not isinstance(value, (list, tuple)):
        raise HoursError(field, "expected a list of [start, end] intervals")
    if len(value) > MAX_INTERVALS_PER_DAY:
        raise HoursError(field, f"more than {MAX_INTERVALS_PER_DAY} intervals per day")
    spans: list[tuple[int, int]] = []
    for i, pair in enumerate(value):
        item = f"{field}[{i}]"
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise HoursError(item, "expected [start, end]")
        start = _parse_time(pair[0], item, is_end=False)
        end = _parse_time(pair[1], item, is_end=True)
        if start == end:
            raise HoursError(item, "end equals start")
        spans.append(_span(start, end))
    spans.sort()
    for (_, prev_end), (next_start, _) in zip(spans, spans[1:]):
        if next_start < prev_end:
            raise HoursError(field, "overlapping intervals")
    # Sorted, zero-padded; an end of "00:00" after a start becomes "24:00" (same moment).
    return [[_fmt(s), _fmt(e % _DAY_MINUTES if e > _DAY_MINUTES else e)] for s, e in spans]


def _check_spill(weekly: dict[str, list[list[str]]]) -> None:
    """A late interval must not run into the next day's first interval."""
    for i, day in enumerate(DAYS):
        nxt = DAYS[(i + 1) % 7]
        spill = max((_minutes_span(iv)[1] - _DAY_MINUTES for iv in weekly[day]), default=0)
        if spill > 0 and weekly[nxt] and _minutes_span(weekly[nxt][0])[0] < spill:
            raise HoursError(f"weekly.{day}", "overlapping intervals")


def _validate_exception(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise HoursError(field, "expected an object")
    raw_date = value.get("date")
    try:
        if not isinstance(raw_date, str) or not _DATE_RE.match(raw_date):
            raise ValueError
        day = date.fromisoformat(raw_date)
    except ValueError:
        raise HoursError(f"{field}.date", "bad date, expected YYYY-MM-DD") from None
    closed = value.get("closed", "intervals" not in value)
    if not isinstance(closed, bool):
        raise HoursError(f"{field}.closed", "expected true or false")
    note = value.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_NOTE_LENGTH:
        raise HoursError(f"{field}.note", f"note must be text of at most {MAX_NOTE_LENGTH} characters")
    out: dict[str, Any] = {"date": day.isoformat(), "closed": closed}
    if not closed:
        intervals = _validate_intervals(value.get("intervals"), f"{field}.intervals")
        if not intervals:
            raise HoursError(f"{field}.intervals", "give intervals or mark the day closed")
        out["intervals"] = intervals
    if note.strip():
        out["note"] = note.strip()
    return out


def has_weekly_hours(data: Any) -> bool:
    """Whether a usual week has at least one opening (what a shop needs before it goes to review)."""
    weekly = (data or {}).get("weekly") if isinstance(data, dict) else None
    return isinstance(weekly, dict) and any(weekly.get(day) for day in DAYS)


def validate_hours(data: Any) -> dict[str, Any]:
    """Return normalised hours (sorted, all seven days present) or raise HoursError."""
    if not isinstance(data, dict):
        raise HoursError("hours", "expected an object")
    weekly_in = data.get("weekly", {})
    if not isinstance(weekly_in, dict):
        raise HoursError("weekly", "expected an object with day keys")
    unknown = sorted(set(weekly_in) - set(DAYS), key=str)
    if unknown:
        raise HoursError(f"weekly.{unknown[0]}", "unknown day")
    weekly = {d: _validate_intervals(weekly_in.get(d, []), f"weekly.{d}") for d in DAYS}
    _check_spill(weekly)

    exceptions_in = data.get("exceptions", [])
    if not isinstance(exceptions_in, list):
        raise HoursError("exceptions", "expected a list")
    if len(exceptions_in) > MAX_EXCEPTIONS:
        raise HoursError("exceptions", f"more than {MAX_EXCEPTIONS} exceptions")
    exceptions = [_validate_exception(e, f"exceptions[{i}]") for i, e in enumerate(exceptions_in)]
    seen: set[str] = set()
    for i, exc in enumerate(exceptions):
        if exc["date"] in seen:
            raise HoursError(f"exceptions[{i}].date", "duplicate date")
        seen.add(exc["date"])
    exceptions.sort(key=lambda e: e["date"])
    return {"weekly": weekly, "exceptions": exceptions}


# --- evaluation ---------------------------------------------------------------


def _minutes_span(interval: list[str] | tuple[str, str]) -> tuple[int, int]:
    start = _parse_time(interval[0], "interval", is_end=False)
    end = _parse_time(interval[1], "interval", is_end=True)
    return _span(start, end)


def _day_intervals(hours: dict[str, Any], local_date: date) -> list[list[str]]:
    """Intervals that start on `local_date` (exception first, else weekly)."""
    for exc in hours["exceptions"]:
        if exc["date"] == local_date.isoformat():
            return [] if exc["closed"] else exc["intervals"]
    return hours["weekly"][DAYS[local_date.weekday()]]


def today_intervals(data: Any, local_date: date) -> list[Interval]:
    """Display intervals ("HH:MM", "HH:MM") for a Brussels calendar date."""
    hours = validate_hours(data)
    return [(iv[0], iv[1]) for iv in _day_intervals(hours, local_date)]


def _gap_transition(before: datetime, after: datetime) -> datetime:
    """First UTC instant in (before, after] using `after`'s UTC offset (minute precision).

    Why: a wall time inside the spring-forward gap never shows on the clock; the
    shop effectively opens/closes when the clock jumps past it.
    """
    target = after.astimezone(TZ).utcoffset()
    while after - before > timedelta(minutes=1):
        mid = before + (after - before) / 2
        mid = mid.replace(second=0, microsecond=0)
        if mid <= before:
            break
        if mid.astimezone(TZ).utcoffset() == target:
            after = mid
        else:
            before = mid
    return after


def _instant(local_date: date, minutes: int) -> datetime:
    """UTC instant of a Brussels wall time `minutes` after midnight of `local_date`."""
    day = local_date + timedelta(days=minutes // _DAY_MINUTES)
    wall = datetime.combine(day, time(minutes % _DAY_MINUTES // 60, minutes % 60))
    first = wall.replace(tzinfo=TZ, fold=0).astimezone(timezone.utc)
    if first.astimezone(TZ).replace(tzinfo=None) == wall:
        return first  # exists (fold=0 picks the first of a repeated hour)
    # In a gap fold=1 maps before the jump and fold=0 after it.
    earlier = wall.replace(tzinfo=TZ, fold=1).astimezone(timezone.utc)
    return _gap_transition(earlier, first)


def _blocks(hours: dict[str, Any], first: date, last: date) -> list[tuple[datetime, datetime]]:
    """Merged UTC open blocks for intervals starting on dates first..last."""
    spans: list[tuple[datetime, datetime]] = []
    day = first
    while day <= last:
        for iv in _day_intervals(hours, day):
            start, end = _minutes_span(iv)
            spans.append((_instant(day, start), _instant(day, end)))
        day += timedelta(days=1)
    spans.sort()
    merged: list[tuple[datetime, datetime]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:  # touching blocks are one opening
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif end > start:
            merged.append((start, end))
    return merged


def _require_aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("`at` must be timezone-aware")
    return at.astimezone(timezone.utc)


def status(data: Any, at: datetime) -> OpenStatus:
    """Open now? And the next change within 8 days (datetimes in Europe/Brussels)."""
    hours = validate_hours(data)
    now = _require_aware(at)
    today = now.astimezone(TZ).date()
    horizon = now + STATUS_HORIZON
    # Yesterday for intervals crossing midnight. Most shops answer within three days, so look that far
    # first (a shop list asks for every shop); the full window runs to two days past the horizon so a
    # block that continues beyond it is not cut short.
    full = today + timedelta(days=9)
    for last in (today + timedelta(days=2), full):
        # Intervals of later days start at or after this instant, so blocks ending before it are final.
        later_days_start = _instant(last + timedelta(days=1), 0)
        for start, end in _blocks(hours, today - timedelta(days=1), last):
            if start <= now < end:
                if end >= later_days_start and last != full:
                    break  # may merge with the next day's opening: look further
                closes = end.astimezone(TZ) if end <= horizon else None
                return OpenStatus(True, closes, None)
            if start > now:
                opens = start.astimezone(TZ) if start <= horizon else None
                return OpenStatus(False, None, opens)
    return OpenStatus(False, None, None)


def is_open(data: Any, at: datetime) -> bool:
    """Is the shop open at the aware instant `at` (any timezone)?"""
    hours = validate_hours(data)
    now = _require_aware(at)
    today = now.astimezone(TZ).date()
    return any(s <= now < e for s, e in _blocks(hours, today - timedelta(days=1), today))
