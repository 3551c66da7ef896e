"""The one clock of the app and the one time zone its calendar lives in.

Every "now" in the app (rules, defaults of timestamp columns, session deadlines) is `now()`, an aware
UTC instant; local days (stamp windows, spotlights, opening hours, statistics) are Brussels days.
Tests move time by patching `app.core.clock.now` alone: `local_now()` and `today()` read it too.
"""
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Brussels")


def now() -> datetime:
    """This instant, aware, in UTC."""
    return datetime.now(timezone.utc)


def utcnow() -> datetime:
    """`now()` looked up at call time, for column defaults (a default bound to `now` itself would
    keep the real clock when a test patches it)."""
    return now()


def local_now() -> datetime:
    """This instant on Brussels wall time (aware)."""
    return now().astimezone(TZ)


def today() -> date:
    """Today's date in Brussels, not on the server's time zone."""
    return local_now().date()


def local_date(at: datetime) -> date:
    """The Brussels calendar day of an aware instant."""
    return at.astimezone(TZ).date()


def iso(at: datetime) -> str:
    """An instant as the browser gets it (data-* attributes, JSON): ISO 8601 with its UTC offset, so
    `Date.parse` reads the same instant on a phone in Brussels or in Auckland. A naive value is refused."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("a time handed to the browser must carry its offset")
    return at.astimezone(TZ).isoformat(timespec="seconds")


def day_start(day: date) -> datetime:
    """The aware UTC instant at which a Brussels calendar day begins (local midnight)."""
    return datetime.combine(day, time(0), TZ).astimezone(timezone.utc)
