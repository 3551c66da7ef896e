"""Reading the agenda: occurrences in a window, lists for the studio and the merchant, one event."""
from collections import OrderedDict
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.agenda.models import PUBLIC_STATUSES, Event, EventStatus
from app.agenda.recurrence import Occurrence, occurrences
from app.core import clock
from app.core.problem import not_found
from app.core.tenancy import city_select
from app.extensions import db

MAX_WINDOW_DAYS = 366


def _may_occur_in(window_from: datetime, window_to: datetime, statuses) -> tuple:
    """Events of these statuses that started before the window's end and are not over before its start."""
    return (Event.status.in_(statuses), Event.starts_at < window_to,
            or_(Event.last_ends_at.is_(None), Event.last_ends_at > window_from))


def _candidates(city, window_from: datetime, window_to: datetime, *, kind: str | None = None,
                shop=None, statuses=PUBLIC_STATUSES) -> list[Event]:
    """Events that may have an occurrence in the window: started before its end and not over before it."""
    query = city_select(Event, city).where(*_may_occur_in(window_from, window_to, statuses))
    if kind:
        query = query.where(Event.kind == kind)
    if shop is not None:
        query = query.where(Event.shop_id == shop.id)  # the shop's own page: it has the shop already
    else:
        query = query.options(selectinload(Event.shop))
    return list(db.session.execute(query).scalars())


def upcoming(city, window_from: datetime, window_to: datetime, *, kind: str | None = None, shop=None,
             limit: int | None = None) -> list[Occurrence]:
    """The public occurrences overlapping the window, by start (then title), at most `limit`."""
    found = [occurrence for event in _candidates(city, window_from, window_to, kind=kind, shop=shop)
             for occurrence in occurrences(event, window_from, window_to)]
    found.sort(key=lambda o: (o.starts, o.event.display_title))
    return found[:limit] if limit else found


def events_on_per_city(cities, window_from: datetime, window_to: datetime) -> dict[int, int]:
    """How many public events take place in the window (an occurrence that is not cancelled), per town of
    `cities`: one query."""
    query = select(Event).where(Event.city_id.in_([city.id for city in cities]),
                                *_may_occur_in(window_from, window_to, PUBLIC_STATUSES))
    counts: dict[int, int] = {}
    for event in db.session.execute(query).scalars():
        if any(not o.cancelled for o in occurrences(event, window_from, window_to)):
            counts[event.city_id] = counts.get(event.city_id, 0) + 1
    return counts


def by_day(found: list[Occurrence], today: date) -> "OrderedDict[date, list[Occurrence]]":
    """Occurrences grouped by their Brussels day; an occurrence that began before today (a market that
    runs for weeks) is listed under today. An event that happens every day (a Christmas market) is listed
    once, on its first day in the list, so it does not fill every day of the page."""
    days: OrderedDict[date, list[Occurrence]] = OrderedDict()
    seen_daily: set[int] = set()
    for occurrence in found:
        if is_daily(occurrence.event):
            if occurrence.event.id in seen_daily:
                continue
            seen_daily.add(occurrence.event.id)
        days.setdefault(max(occurrence.day, today), []).append(occurrence)
    return OrderedDict(sorted(days.items()))


def is_daily(event) -> bool:
    return (event.rrule or "").startswith("FREQ=DAILY")


def week_window(today: date) -> tuple[datetime, datetime]:
    """From now until the end of next Sunday (the home's "this week")."""
    from app.agenda.recurrence import window_days
    return clock.local_now(), window_days(today, 7 - today.weekday())[1]


def weekend_window(today: date) -> tuple[datetime, datetime]:
    """The coming weekend, Saturday and Sunday (on a Sunday: the rest of today)."""
    from app.agenda.recurrence import window_days
    first, days = (today, 1) if today.weekday() == 6 else (today + timedelta(days=5 - today.weekday()), 2)
    start, end = window_days(first, days)
    return max(start, clock.local_now()), end


def public_event_or_404(city, event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None or event.city_id != city.id or not event.is_public:
        raise not_found()
    return event


def any_event_or_404(city, event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None or event.city_id != city.id:
        raise not_found()
    return event


def studio_events(city) -> list[Event]:
    query = (city_select(Event, city).where(Event.status != EventStatus.PROPOSED.value)
             .options(selectinload(Event.shop)).order_by(Event.starts_at.desc()))
    return list(db.session.execute(query).scalars())


def proposals(city) -> list[Event]:
    query = (city_select(Event, city).where(Event.status == EventStatus.PROPOSED.value)
             .options(selectinload(Event.shop)).order_by(Event.created_at))
    return list(db.session.execute(query).scalars())


def shop_events(shop) -> list[Event]:
    """A shop's events as its merchant sees them (proposals and their outcome too), newest first."""
    query = select(Event).where(Event.shop_id == shop.id).order_by(Event.starts_at.desc()).limit(20)
    return list(db.session.execute(query).scalars())


def feed_events(city, since: datetime) -> list[Event]:
    """The iCalendar feed: public events not over before `since` (the feed's size limit)."""
    query = (city_select(Event, city).where(Event.status.in_(PUBLIC_STATUSES),
                                            or_(Event.last_ends_at.is_(None), Event.last_ends_at > since))
             .options(selectinload(Event.shop)).order_by(Event.starts_at, Event.id))
    return list(db.session.execute(query).scalars())


def occurrences_of(event: Event, window_from: datetime, window_to: datetime) -> list[Occurrence]:
    return occurrences(event, window_from, window_to)
