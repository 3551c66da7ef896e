"""Recurrence of events: RFC 5545 RRULEs, expanded on Brussels wall time with python-dateutil.

The rule's DTSTART is the event's start as an aware Brussels time, so dateutil keeps the wall clock
(a 9:00 market stays 9:00 after the clocks change) and ZoneInfo gives each occurrence its own offset.
UNTIL is written in UTC ("...Z"), as RFC 5545 asks when DTSTART carries a time zone.
Pure functions: no database, no request.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from dateutil.rrule import rrulestr

from app.core.clock import TZ

MAX_RULE = 300
MAX_OCCURRENCES = 400  # one window never expands to more (a daily rule over a year stays bounded)
MAX_EXCEPTIONS = 100
FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Occurrence:
    event: object
    starts: datetime  # aware, Brussels
    ends: datetime
    cancelled: bool

    @property
    def day(self) -> date:
        return self.starts.date()


def _parts(rule: str) -> dict[str, str]:
    parts = {}
    for chunk in (rule or "").strip().removeprefix("RRULE:").split(";"):
        if "=" in chunk:
            key, _sep, value = chunk.partition("=")
            parts[key.strip().upper()] = value.strip().upper()
    return parts


def rule_error(rule: str | None) -> str | None:
    """Why a rule cannot be kept (English, the caller translates), or None for a good or empty one."""
    if not rule:
        return None
    if len(rule) > MAX_RULE or "\n" in rule or "\r" in rule:
        return "too long"
    parts = _parts(rule)
    if parts.get("FREQ") not in FREQS:
        return "frequency"
    if "COUNT" in parts and "UNTIL" in parts:
        return "count and until"
    if "COUNT" in parts and not (parts["COUNT"].isdigit() and 1 <= int(parts["COUNT"]) <= 1000):
        return "count"
    try:
        rrulestr(normal_rule(rule), dtstart=datetime(2026, 1, 1, 9, 0, tzinfo=TZ))
    except (ValueError, TypeError):
        return "syntax"
    return None


def normal_rule(rule: str) -> str:
    """The rule as it is stored and sent: upper case, no "RRULE:" prefix, no spaces."""
    return ";".join(f"{key}={value}" for key, value in _parts(rule).items())


def _rule(rule: str, start_local: datetime):
    return rrulestr(normal_rule(rule), dtstart=start_local.astimezone(TZ))


def occurrences(event, window_from: datetime, window_to: datetime) -> list[Occurrence]:
    """The event's occurrences that overlap [window_from, window_to) (aware instants), oldest first.
    Without a rule: the one start. `exdates` are left out; `cancelled_dates` come back cancelled."""
    start = event.starts_at.astimezone(TZ)
    duration = event.ends_at - event.starts_at
    whole_event_cancelled = event.status == "cancelled"
    if not event.rrule:
        starts = [start] if start < window_to and start + duration > window_from else []
    else:
        starts = []
        for at in _rule(event.rrule, start).xafter(window_from - duration, inc=True):
            if at >= window_to or len(starts) >= MAX_OCCURRENCES:
                break
            starts.append(at)
    skipped = set(event.exdates or [])
    cancelled = set(event.cancelled_dates or [])
    found = []
    for at in starts:
        day = at.date().isoformat()
        if day in skipped:
            continue
        # Wall-clock end: a market from 8:00 to 13:00 ends at 13:00 on the day the clocks change too.
        ends = (at.replace(tzinfo=None) + duration).replace(tzinfo=TZ)
        if ends <= window_from:
            continue
        found.append(Occurrence(event, at, ends, whole_event_cancelled or day in cancelled))
    return found


def last_end(starts_at: datetime, ends_at: datetime, rule: str | None) -> datetime | None:
    """The end of the last occurrence (aware UTC), None when the rule never ends."""
    if not rule:
        return ends_at.astimezone(timezone.utc)
    parts = _parts(rule)
    if "UNTIL" not in parts and "COUNT" not in parts:
        return None
    last = None
    for index, at in enumerate(_rule(rule, starts_at)):
        last = at
        if index > 5000:
            return None
    if last is None:
        return ends_at.astimezone(timezone.utc)
    return ((last.replace(tzinfo=None) + (ends_at - starts_at)).replace(tzinfo=TZ)).astimezone(timezone.utc)


def build_rule(freq: str, *, weekdays=(), nth: int | None = None, weekday: str | None = None,
               until: date | None = None, count: int | None = None) -> str:
    """What the studio's recurrence form writes: "weekly on days", "monthly on the n-th weekday" (nth -1:
    the last), ending on a day (the whole Brussels day counts) or after a number of times."""
    parts = [f"FREQ={freq.upper()}"]
    if freq.upper() == "WEEKLY" and weekdays:
        parts.append("BYDAY=" + ",".join(day for day in WEEKDAYS if day in weekdays))
    if freq.upper() == "MONTHLY" and nth and weekday:
        parts.append(f"BYDAY={nth}{weekday}")
    if until is not None:
        end_of_day = datetime.combine(until, time(23, 59, 59), TZ).astimezone(timezone.utc)
        parts.append("UNTIL=" + end_of_day.strftime("%Y%m%dT%H%M%SZ"))
    elif count:
        parts.append(f"COUNT={int(count)}")
    return ";".join(parts)


def read_rule(rule: str | None) -> dict:
    """The recurrence form's values for a stored rule: {freq, weekdays, nth, weekday, until, count}."""
    parts = _parts(rule or "")
    values = {"freq": (parts.get("FREQ") or "").lower(), "weekdays": [], "nth": None, "weekday": None,
              "until": None, "count": int(parts["COUNT"]) if parts.get("COUNT", "").isdigit() else None}
    byday = [day for day in parts.get("BYDAY", "").split(",") if day]
    if values["freq"] == "monthly" and len(byday) == 1 and byday[0][-2:] in WEEKDAYS and byday[0][:-2]:
        try:
            values["nth"], values["weekday"] = int(byday[0][:-2]), byday[0][-2:]
        except ValueError:
            pass
    else:
        values["weekdays"] = [day[-2:] for day in byday if day[-2:] in WEEKDAYS]
    if parts.get("UNTIL"):
        try:
            instant = datetime.strptime(parts["UNTIL"][:15], "%Y%m%dT%H%M%S").replace(tzinfo=timezone.utc)
            values["until"] = instant.astimezone(TZ).date()
        except ValueError:
            try:
                values["until"] = datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
            except ValueError:
                pass
    return values


def parse_days(text: str | None) -> list[str]:
    """Exception days typed one per line or comma separated ("2026-12-26"); raises ValueError."""
    days = []
    for chunk in (text or "").replace(",", "\n").split("\n"):
        chunk = chunk.strip()
        if chunk:
            days.append(date.fromisoformat(chunk).isoformat())
    if len(days) > MAX_EXCEPTIONS:
        raise ValueError("too many")
    return sorted(set(days))


def window_days(first: date, days: int) -> tuple[datetime, datetime]:
    """[start of `first`, start of `first` + days) as aware instants (local midnights)."""
    return (datetime.combine(first, time(0), TZ), datetime.combine(first + timedelta(days=days), time(0), TZ))
