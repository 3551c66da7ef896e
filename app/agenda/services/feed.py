"""The iCalendar (RFC 5545) side of the agenda, built with the icalendar package: a city's feed that phones
subscribe to, and one event's .ics ("add to calendar").

Recurrence is carried as such (RRULE, EXDATE), not pre-expanded; a cancelled single occurrence is an
override with RECURRENCE-ID and STATUS:CANCELLED; a cancelled event is STATUS:CANCELLED. Times are
Europe/Brussels with its VTIMEZONE, made from zoneinfo by icalendar.
"""
from datetime import date, datetime, timedelta

import icalendar

from app.core.richtext import plain_text
from app.core import clock
from app.core.clock import TZ
from app.core.i18n import translate

CONTENT_TYPE = "text/calendar; charset=utf-8"
FEED_MONTHS_BACK = 3  # the feed's size limit: nothing over before three months ago
PRODID = "-//KICK City//Agenda//NL"


def feed_since() -> datetime:
    return clock.now() - timedelta(days=FEED_MONTHS_BACK * 31)


def _calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Brussels")
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    return cal


def _local(at: datetime) -> datetime:
    return at.astimezone(TZ)


def _vevent(event, url: str, *, stamp: datetime) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", event.uid)
    item.add("sequence", event.sequence)
    item.add("dtstamp", stamp)
    item.add("created", event.created_at)
    item.add("last-modified", event.updated_at)
    if event.all_day:
        item.add("dtstart", event.local_start.date())
        item.add("dtend", max(event.local_end.date(), event.local_start.date() + timedelta(days=1)))
    else:
        item.add("dtstart", event.local_start)
        item.add("dtend", event.local_end)
    item.add("summary", translate(event.title))
    description = plain_text(translate(event.description))
    if description:
        item.add("description", description)
    location = ", ".join(part for part in (event.place_name, event.address) if part)
    if location:
        item.add("location", location)
    if event.lat is not None and event.lon is not None:
        item.add("geo", (event.lat, event.lon))
    item.add("url", url)
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    item.add("categories", [event.kind])
    item.add("transp", "TRANSPARENT")
    if event.rrule:
        item.add("rrule", icalendar.vRecur.from_ical(event.rrule))
        for day in event.exdates or []:
            item.add("exdate", _occurrence_start(event, date.fromisoformat(day)))
    return item


def _occurrence_start(event, day: date):
    """The start of the occurrence on `day` as EXDATE / RECURRENCE-ID want it (same type as DTSTART)."""
    if event.all_day:
        return day
    return datetime.combine(day, event.local_start.time().replace(tzinfo=None), TZ)


def _cancelled_overrides(event, url: str, stamp: datetime) -> list[icalendar.Event]:
    overrides = []
    for day in event.cancelled_dates or []:
        if not event.rrule or day in (event.exdates or []):
            continue
        start = _occurrence_start(event, date.fromisoformat(day))
        item = icalendar.Event()
        item.add("uid", event.uid)
        item.add("sequence", event.sequence)
        item.add("dtstamp", stamp)
        item.add("recurrence-id", start)
        item.add("dtstart", start)
        if event.all_day:
            item.add("dtend", start + timedelta(days=1))
        else:
            item.add("dtend", (start.replace(tzinfo=None) + event.duration).replace(tzinfo=TZ))
        item.add("summary", translate(event.title))
        item.add("url", url)
        item.add("status", "CANCELLED")
        overrides.append(item)
    return overrides


def build_calendar(name: str, events, url_of) -> bytes:
    """`url_of(event)`: the event page's absolute URL."""
    stamp = clock.now()
    cal = _calendar(name)
    for event in events:
        url = url_of(event)
        cal.add_component(_vevent(event, url, stamp=stamp))
        for override in _cancelled_overrides(event, url, stamp):
            cal.add_component(override)
    if events:
        first = min(event.local_start.date() for event in events) - timedelta(days=1)
        cal.add_missing_timezones(first_date=min(first, clock.today() - timedelta(days=400)),
                                  last_date=clock.today() + timedelta(days=3 * 366))
    return cal.to_ical()


