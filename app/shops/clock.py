"""The one clock the shops feature reads, so tests can stand on a chosen instant (DST nights)."""
from datetime import date, datetime, timezone

from app.shops.hours import TZ


def now() -> datetime:
    return datetime.now(timezone.utc)


def today() -> date:
    """Today's date in Brussels: spotlights start and end on local calendar days."""
    return now().astimezone(TZ).date()
