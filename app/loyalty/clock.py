"""The one source of 'now' for loyalty rules, so tests can move time without sleeping."""
from datetime import datetime, timezone


def now() -> datetime:
    return datetime.now(timezone.utc)
