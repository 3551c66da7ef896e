"""Recurrence of agenda events: RFC 5545 rules expanded on Brussels wall time (DST-safe), exceptions,
the studio's rule builder and the day grouping."""
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from app.agenda.recurrence import (build_rule, last_end, normal_rule, occurrences, parse_days, read_rule,
                                   rule_error)
from app.agenda.services.reading import by_day
from app.core.clock import TZ


def event(start: datetime, hours: float = 4, rule: str | None = None, *, exdates=(), cancelled=(), status="published",
          ident=1):
    return SimpleNamespace(id=ident, starts_at=start.astimezone(timezone.utc),
                           ends_at=(start + timedelta(hours=hours)).astimezone(timezone.utc), rrule=rule,
                           exdates=list(exdates), cancelled_dates=list(cancelled), status=status, display_title="x")


def local(y, m, d, h=0, mi=0):
    return datetime(y, m, d, h, mi, tzinfo=TZ)


def test_a_saturday_market_stays_at_nine_across_both_clock_changes():
    market = event(local(2026, 3, 7, 9), rule="FREQ=WEEKLY;BYDAY=SA")
    spring = occurrences(market, local(2026, 3, 20), local(2026, 4, 5))
    assert [(o.starts.date(), o.starts.hour, o.starts.utcoffset()) for o in spring] == [
        (date(2026, 3, 21), 9, timedelta(hours=1)), (date(2026, 3, 28), 9, timedelta(hours=1)),
        (date(2026, 4, 4), 9, timedelta(hours=2))]  # clocks went forward on Sunday 29 March
    autumn = occurrences(market, local(2026, 10, 20), local(2026, 11, 2))
    assert [(o.starts.hour, o.starts.utcoffset()) for o in autumn] == [(9, timedelta(hours=2)), (9, timedelta(hours=1))]
    assert [o.ends.hour for o in spring + autumn] == [13] * 5  # the end keeps its wall time too
    # In UTC the market moved: 08:00Z in winter, 07:00Z in summer.
    assert spring[0].starts.astimezone(timezone.utc).hour == 8 and spring[2].starts.astimezone(timezone.utc).hour == 7


def test_exdates_are_left_out_and_cancelled_dates_come_back_cancelled():
    market = event(local(2026, 12, 5, 8), rule="FREQ=WEEKLY;BYDAY=SA", exdates=["2026-12-26"],
                   cancelled=["2026-12-19"])
    found = occurrences(market, local(2026, 12, 1), local(2027, 1, 5))
    assert [(o.starts.date().isoformat(), o.cancelled) for o in found] == [
        ("2026-12-05", False), ("2026-12-12", False), ("2026-12-19", True), ("2027-01-02", False)]


def test_a_cancelled_event_has_every_occurrence_cancelled_and_a_one_off_event_one_occurrence():
    assert all(o.cancelled for o in occurrences(event(local(2026, 12, 5, 8), rule="FREQ=DAILY;COUNT=3",
                                                      status="cancelled"), local(2026, 12, 1), local(2026, 12, 31)))
    one = event(local(2026, 12, 13, 13), hours=5)
    assert [o.starts for o in occurrences(one, local(2026, 12, 1), local(2026, 12, 31))] == [local(2026, 12, 13, 13)]
    assert occurrences(one, local(2026, 12, 14), local(2026, 12, 31)) == []
    # still running when the window opens: it is in
    assert len(occurrences(one, local(2026, 12, 13, 15), local(2026, 12, 14))) == 1


def test_the_studio_form_writes_rules_that_read_back():
    weekly = build_rule("weekly", weekdays=["SA", "WE"], until=date(2027, 3, 31))
    assert weekly == "FREQ=WEEKLY;BYDAY=WE,SA;UNTIL=20270331T215959Z"  # the end of 31 March, Brussels, in UTC
    assert read_rule(weekly) == {"freq": "weekly", "weekdays": ["WE", "SA"], "nth": None, "weekday": None,
                                 "until": date(2027, 3, 31), "count": None}
    monthly = build_rule("monthly", nth=-1, weekday="SU", count=6)
    assert monthly == "FREQ=MONTHLY;BYDAY=-1SU;COUNT=6"
    assert read_rule(monthly)["nth"] == -1 and read_rule(monthly)["weekday"] == "SU"
    last_sundays = occurrences(event(local(2026, 11, 29, 13), rule=monthly), local(2026, 11, 1), local(2027, 12, 1))
    assert [o.starts.date().isoformat() for o in last_sundays] == [
        "2026-11-29", "2026-12-27", "2027-01-31", "2027-02-28", "2027-03-28", "2027-04-25"]


def test_until_counts_the_whole_last_day_and_last_end_knows_when_a_rule_is_over():
    rule = build_rule("weekly", weekdays=["SA"], until=date(2026, 12, 19))
    market = event(local(2026, 12, 5, 8), rule=rule)
    assert [o.starts.day for o in occurrences(market, local(2026, 12, 1), local(2027, 1, 31))] == [5, 12, 19]
    assert last_end(market.starts_at, market.ends_at, rule) == local(2026, 12, 19, 12).astimezone(timezone.utc)
    assert last_end(market.starts_at, market.ends_at, "FREQ=WEEKLY;BYDAY=SA") is None
    assert last_end(market.starts_at, market.ends_at, None) == market.ends_at


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;COUNT=2;UNTIL=20270101T000000Z",
                                  "FREQ=DAILY;COUNT=0", "FREQ=WEEKLY\nDTSTART:20260101", "X" * 400, "BYDAY=SA"])
def test_rules_that_cannot_be_kept_are_refused(rule):
    assert rule_error(rule) is not None


def test_good_rules_pass_and_are_normalised():
    assert rule_error("RRULE:freq=weekly; byday=sa") is None
    assert normal_rule("RRULE:freq=weekly; byday=sa") == "FREQ=WEEKLY;BYDAY=SA"
    assert rule_error(None) is None


def test_exception_days_are_read_one_per_line_or_comma_separated():
    assert parse_days("2026-12-26\n2026-12-19, 2026-12-26") == ["2026-12-19", "2026-12-26"]
    with pytest.raises(ValueError):
        parse_days("26/12/2026")
    with pytest.raises(ValueError):
        parse_days("\n".join((date(2026, 1, 1) + timedelta(days=n)).isoformat() for n in range(101)))


def test_by_day_groups_lists_running_events_under_today_and_a_daily_event_once():
    market = event(local(2026, 12, 5, 8), rule="FREQ=WEEKLY;BYDAY=SA", ident=1)
    christmas = event(local(2026, 11, 20, 11), hours=11, rule="FREQ=DAILY;COUNT=40", ident=2)
    window = (local(2026, 12, 2, 12), local(2026, 12, 14))
    found = sorted(occurrences(market, *window) + occurrences(christmas, *window), key=lambda o: o.starts)
    days = by_day(found, date(2026, 12, 2))
    assert list(days) == [date(2026, 12, 2), date(2026, 12, 5), date(2026, 12, 12)]
    assert [o.event.id for o in days[date(2026, 12, 2)]] == [2]  # the Christmas market, once, today
    assert [o.event.id for o in days[date(2026, 12, 5)]] == [1]
