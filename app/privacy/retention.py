"""Retention periods as the privacy page states them, read from the configuration that enforces
them, so the page cannot drift from what the app really does."""
from dataclasses import dataclass
from datetime import timedelta

from limits import parse_many

from app.config import DAYS_PER_MONTH
from app.security import tile_host

RATE_LIMIT_SUFFIXES = ("_LIMIT_PER_IP", "_LIMIT_PER_ACCOUNT")


def rate_limit_window(config) -> timedelta:
    """The longest window of any configured rate limit: how long a counter (and the IP address or
    email in its key) can live in the rate-limit storage."""
    seconds = 60
    for name, value in config.items():
        if name.endswith(RATE_LIMIT_SUFFIXES) and isinstance(value, str):
            try:
                seconds = max([seconds] + [item.get_expiry() for item in parse_many(value)])
            except ValueError:
                continue
    return timedelta(seconds=seconds)


@dataclass(frozen=True)
class Retention:
    scan_months: int
    scan_days: int
    log_days: int
    remember_days: int
    rate_limit_minutes: int
    tile_host: str


def retention_for(config, city=None) -> Retention:
    remember = config["REMEMBER_COOKIE_DURATION"]
    remember = remember if isinstance(remember, timedelta) else timedelta(seconds=remember)
    host = tile_host(getattr(city, "tile_url", None)) or ""
    return Retention(
        # The purge enforces KICK_RETENTION_DAYS; the page states the same period in months.
        scan_months=max(1, round(int(config["KICK_RETENTION_DAYS"]) / DAYS_PER_MONTH)),
        scan_days=int(config["KICK_RETENTION_DAYS"]),
        log_days=int(config["KICK_LOG_RETENTION_DAYS"]),
        remember_days=remember.days,
        rate_limit_minutes=max(1, round(rate_limit_window(config).total_seconds() / 60)),
        tile_host=host.split("://", 1)[-1],
    )
