"""Polling a city's occupancy feeds: fetch (a timeout, a size limit), parse (app.access.services.adapters), and
write the records that pass onto the places that follow them.

A place follows a feed record by (`feed_id`, `feed_ref`). Per poll, record by record: a refused record (bad
numbers, an id no place follows, older than what we have) is logged with its id and reason and leaves the place
as it was, so the last good value stays; a feed that cannot be read at all (timeout, HTTP error, too large,
malformed) is logged once and changes no place. Pages never call this: they read the database only.

Polling runs from `flask --app wsgi access poll` (cron, every minute: polls the feeds that are due, each after its
own interval; `--loop` keeps running), or the studio's "poll now" (a job through app.jobs.enqueue).
"""
from __future__ import annotations

import logging
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app import jobs
from app.access.models import AccessFeed, AccessPlace, FeedAdapter
from app.access.services.adapters import FeedError, parse_feed
from app.access.services.live import add_to_history
from app.core import clock
from app.core.problem import ProblemError
from app.extensions import db

log = logging.getLogger(__name__)
JOB = "app.access.services.feeds:poll_feed_job"
NAME_MAX, URL_MAX = 80, 500
URL = re.compile(r"^https?://[^\s]+$")
INTERVAL_MIN, INTERVAL_MAX = 1, 1440


@dataclass
class PollOutcome:
    accepted: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None


class FetchError(Exception):
    pass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a feed that moves is configured again, not followed


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, *, timeout: float, max_bytes: int, headers: dict | None = None) -> bytes:
    """The feed's body; a FetchError on a timeout, an HTTP error or a body over `max_bytes` (never read whole)."""
    request = urllib.request.Request(url, headers={"Accept": "application/xml, application/json",
                                                   "User-Agent": "KICK-City-access/1", **(headers or {})})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            if response.status != 200:
                raise FetchError(f"HTTP {response.status}")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError("payload over the size limit")
            body = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise FetchError(f"HTTP {error.code}") from None
    except (TimeoutError, socket.timeout):
        raise FetchError("timeout") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise FetchError(type(error).__name__) from None
    if len(body) > max_bytes:
        raise FetchError("payload over the size limit")
    return body


def _feed_headers(feed: AccessFeed) -> dict:
    """Credentials stay in config (KICK_ACCESS_FEED_HEADERS: {"<city slug>/<feed name>": {header: value}})."""
    from app.cities.models import City
    city = db.session.get(City, feed.city_id)
    return dict((current_app.config.get("KICK_ACCESS_FEED_HEADERS") or {}).get(f"{city.slug}/{feed.name}", {}))


def apply_records(feed: AccessFeed, records, now: datetime, outcome: PollOutcome) -> None:
    """Write each record onto the places that follow it; refuse unknown and older records. No commit."""
    places: dict[str, list[AccessPlace]] = {}
    for place in db.session.execute(select(AccessPlace).where(AccessPlace.feed_id == feed.id)).scalars():
        places.setdefault(place.feed_ref, []).append(place)
    for record in records:
        following = places.get(record.ref)
        if not following:
            outcome.refused.append((record.ref, "no place follows this record"))
            continue
        for place in following:
            capacity = record.capacity if record.capacity is not None else place.capacity
            if capacity is not None and record.available > capacity:
                outcome.refused.append((record.ref, "more free places than the capacity"))
                continue
            if place.live_updated_at is not None and record.updated_at < place.live_updated_at:
                outcome.refused.append((record.ref, "older than the count we have"))
                continue
            place.live_available, place.live_capacity = record.available, record.capacity
            place.live_open, place.live_updated_at = record.is_open, record.updated_at
            place.live_history = add_to_history(place.live_history, record.updated_at, record.available, now)
            outcome.accepted += 1


def poll_feed(feed: AccessFeed, *, now: datetime | None = None) -> PollOutcome:
    """Fetch, parse and apply one feed; record the outcome on the feed; commits. Never raises for a bad feed."""
    now = now or clock.now()
    config = current_app.config
    outcome = PollOutcome()
    try:
        data = fetch(feed.url, timeout=float(config["KICK_ACCESS_FEED_TIMEOUT"]),
                     max_bytes=int(config["KICK_ACCESS_FEED_MAX_BYTES"]), headers=_feed_headers(feed))
        parsed = parse_feed(feed.adapter, data, now)
    except (FetchError, FeedError) as error:
        outcome.error = str(error)[:300]
    else:
        outcome.refused.extend(parsed.refused)
        apply_records(feed, parsed.records, now, outcome)
    for ref, reason in outcome.refused:
        log.warning("access feed %s (city %s): record %r refused: %s", feed.id, feed.city_id, ref[:80], reason)
    if outcome.error:
        log.warning("access feed %s (city %s): poll failed: %s; the last good values stay", feed.id, feed.city_id,
                    outcome.error)
    feed.last_poll_at, feed.last_error = now, outcome.error
    feed.last_accepted, feed.last_refused = outcome.accepted, len(outcome.refused)
    if outcome.error is None:
        feed.last_success_at = now
    db.session.commit()
    return outcome


def poll_feed_job(feed_id: int) -> None:
    """The job of the studio's "poll now" (app.jobs: runs in its own app context)."""
    feed = db.session.get(AccessFeed, feed_id)
    if feed is not None:
        poll_feed(feed)


def request_poll(feed: AccessFeed) -> None:
    jobs.enqueue(JOB, feed.id)


def due_feeds(now: datetime, city=None) -> list[AccessFeed]:
    query = select(AccessFeed).where(AccessFeed.active.is_(True))
    if city is not None:
        query = query.where(AccessFeed.city_id == city.id)
    return [feed for feed in db.session.execute(query.order_by(AccessFeed.id)).scalars()
            if feed.last_poll_at is None
            or now - feed.last_poll_at >= timedelta(minutes=feed.interval_minutes) - timedelta(seconds=5)]


def poll_due(city=None) -> list[tuple[AccessFeed, PollOutcome]]:
    return [(feed, poll_feed(feed)) for feed in due_feeds(clock.now(), city)]


# ---------------------------------------------------------------- the studio's feed settings


def _invalid(field_name: str, message: str) -> ProblemError:
    return ProblemError(422, message, code="invalid", errors={field_name: [message]})


def save_feed(city, values: dict, feed: AccessFeed | None = None) -> AccessFeed:
    name = str(values.get("name") or "").strip()
    if not name or len(name) > NAME_MAX:
        raise _invalid("name", _("Give a name of at most %(num)d characters.", num=NAME_MAX))
    adapter = str(values.get("adapter") or "")
    if adapter not in {a.value for a in FeedAdapter}:
        raise _invalid("adapter", _("Choose the feed's format."))
    url = str(values.get("url") or "").strip()
    if len(url) > URL_MAX or not URL.match(url):
        raise _invalid("url", _("Give the feed's web address (http:// or https://)."))
    try:
        interval = int(values.get("interval_minutes") or 2)
    except (TypeError, ValueError):
        interval = 0
    if not INTERVAL_MIN <= interval <= INTERVAL_MAX:
        raise _invalid("interval_minutes", _("Give a number of minutes from %(low)d to %(high)d.", low=INTERVAL_MIN,
                                             high=INTERVAL_MAX))
    taken = select(AccessFeed.id).where(AccessFeed.city_id == city.id, AccessFeed.name == name)
    if feed is not None:
        taken = taken.where(AccessFeed.id != feed.id)
    if db.session.execute(taken).first() is not None:
        raise _invalid("name", _("Another feed of this city has this name."))
    if feed is None:
        feed = AccessFeed(city_id=city.id)
        db.session.add(feed)
    feed.name, feed.adapter, feed.url, feed.interval_minutes = name, adapter, url, interval
    feed.active = bool(values.get("active", True))
    db.session.flush()
    return feed
