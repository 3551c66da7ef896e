"""The "how busy is it" verdict and the same-hour weeks it compares with (pure logic)."""
from datetime import datetime, timezone

import pytest

from app.figures.services.busy import MIN_WEEKS, BusyLevel, busy_level, same_hour_weeks_before


@pytest.mark.parametrize("now, usual, level", [
    (1200, [1000, 980, 1020, 1010], BusyLevel.BUSIER),
    (1100, [1000, 980, 1020, 1010], BusyLevel.USUAL),
    (900, [1000, 980, 1020, 1010], BusyLevel.USUAL),
    (800, [1000, 980, 1020, 1010], BusyLevel.QUIETER),
    (1000, [1000, 1000, 1000, 5000, 200, 1000], BusyLevel.USUAL),  # the median: one odd week changes nothing
])
def test_verdict(now, usual, level):
    assert busy_level(now, usual, minimum=10) == level


def test_no_verdict_without_enough_weeks_or_people():
    assert busy_level(1200, [1000] * (MIN_WEEKS - 1), minimum=10) is None
    assert busy_level(30, [5, 6, 4, 5], minimum=10) is None  # a handful of passers-by usually: noise
    assert busy_level(30, [0, 0, 0, 0], minimum=10) is None
    assert busy_level(14, [10, 10, 10, 10], minimum=10) == BusyLevel.BUSIER


def test_same_weekday_and_wall_clock_hour_across_the_clock_change():
    # Wednesday 4 November 2026, 14:00 in Brussels (CET, UTC+1) is 13:00 UTC.
    hour = datetime(2026, 11, 4, 13, 0, tzinfo=timezone.utc)
    weeks = same_hour_weeks_before(hour, 8)
    assert weeks[0] == datetime(2026, 10, 28, 13, 0, tzinfo=timezone.utc)  # after the change: CET still
    assert weeks[1] == datetime(2026, 10, 21, 12, 0, tzinfo=timezone.utc)  # before it: CEST, 14:00 is 12:00 UTC
    assert all(w.weekday() == 2 for w in weeks) and len(weeks) == 8
