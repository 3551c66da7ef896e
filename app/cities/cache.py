"""Public pages read their city from a short per-process cache instead of the database.

Every city URL needs the city's row (name, theme) before anything else; on a busy weekend that is the
most repeated query of all, for a row that changes a few times a year. A public GET therefore takes a
snapshot that is at most KICK_CITY_CACHE_SECONDS old (default 10; 0 turns the cache off) and merges it into
the request's session without a query; so do the shoppers' scans (`reads_city_snapshot`), which only read
the city. Other writes and the studio always read the row itself, so a marketer
sees their own change at once; this process drops its snapshots whenever a city row is written, and other
workers and hosts pick the change up when their snapshot expires. Draft towns are never kept, so a town
that goes live is live everywhere at once.
"""
import threading
import time
import weakref

from flask import current_app, request
from sqlalchemy import event
from sqlalchemy.orm import make_transient_to_detached

from app.cities.models import City
from app.extensions import db

_caches: "weakref.WeakSet[CityCache]" = weakref.WeakSet()
PAGE_CACHE_CANDIDATE = "kick.page_cache"  # environ key where app.cache.middleware leaves a candidate (key, scope, generations)


class CityCache:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self._snapshots: dict[str, tuple[float, City, tuple | None]] = {}
        self._lock = threading.Lock()
        _caches.add(self)

    def clear(self) -> None:
        with self._lock:
            self._snapshots.clear()

    def get(self, slug: str, load) -> City | None:
        """The city for this request's session: from a fresh snapshot, or from `load(slug)` (then kept)."""
        # A page that the shared page cache will keep must not be made of a city older than the cache's
        # generations (app.cache): a snapshot taken before another worker's write would be kept for the
        # page cache's whole lifetime under the new generation.
        candidate = request.environ.get(PAGE_CACHE_CANDIDATE)
        generations = candidate[2] if candidate else None
        found = self._snapshots.get(slug)
        if found is not None and found[0] > time.monotonic() and (candidate is None or found[2] == generations):
            return db.session.merge(found[1], load=False)
        city = load(slug)
        # A draft is not kept: only its makers visit it, and the moment it goes live every worker must
        # show it (the marketer shares the link at once). Back to draft takes up to `seconds` elsewhere.
        if city is not None and city.is_live:
            with self._lock:
                self._snapshots[slug] = (time.monotonic() + self.seconds, _snapshot(city), generations)
        return city


def _snapshot(city: City) -> City:
    """A detached copy with the row's column values, clean as if just loaded (what merge(load=False) needs)."""
    copy = City(**{column.key: getattr(city, column.key) for column in City.__mapper__.column_attrs})
    make_transient_to_detached(copy)
    return copy


def reads_city_snapshot(view):
    """For a POST that reads its city and never writes it (a shopper's scan): the snapshot serves it too,
    so the busiest write of a campaign weekend does not read the city's row every time."""
    view.city_snapshot = True
    return view


def cached_city(slug: str, load) -> City | None:
    cache: CityCache | None = current_app.extensions.get("kick_city_cache")
    rule = request.url_rule.rule if request.url_rule is not None else ""
    if cache is None or "/studio/" in rule:
        return load(slug)
    if request.method not in ("GET", "HEAD") and not getattr(
            current_app.view_functions.get(request.endpoint), "city_snapshot", False):
        return load(slug)
    return cache.get(slug, load)


@event.listens_for(City, "after_insert")
@event.listens_for(City, "after_update")
@event.listens_for(City, "after_delete")
def _forget_cities(mapper, connection, target) -> None:
    for cache in list(_caches):
        cache.clear()


def init_cache(app) -> None:
    seconds = float(app.config.get("KICK_CITY_CACHE_SECONDS", 10))
    if seconds > 0:
        app.extensions["kick_city_cache"] = CityCache(seconds)
