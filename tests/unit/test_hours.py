from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from app.shops.hours import (
    HoursError,
    OpenStatus,
    is_open,
    status,
    today_intervals,
    validate_hours,
)

BXL = ZoneInfo("Europe/Brussels")
UTC = timezone.utc
WEEKDAY = [["09:30", "12:30"], ["13:30", "18:00"]]

SHOP = {
    "weekly": {"mon": WEEKDAY, "tue": WEEKDAY, "wed": WEEKDAY, "thu": WEEKDAY, "fri": WEEKDAY,
               "sat": [["10:00", "17:00"]], "sun": []},
    "exceptions": [
        {"date": "2026-12-25", "closed": True, "note": "Kerstmis"},
        {"date": "2026-12-24", "closed": False, "intervals": [["09:00", "16:00"]]},
    ],
}
NIGHT_SHOP = {"weekly": {"sun": [["01:00", "04:00"]]}}  # open through the DST switch


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=BXL)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- ordinary days ----------------------------------------------------------------


def test_open_in_the_morning():
    assert is_open(SHOP, local(2026, 6, 3, 10, 0))  # Wednesday


def test_closed_during_lunch_break():
    assert not is_open(SHOP, local(2026, 6, 3, 13, 0))
    assert not is_open(SHOP, local(2026, 6, 3, 12, 30))  # end is exclusive
    assert is_open(SHOP, local(2026, 6, 3, 13, 30))  # start is inclusive


def test_closed_on_sunday_and_before_opening():
    assert not is_open(SHOP, local(2026, 6, 7, 11, 0))
    assert not is_open(SHOP, local(2026, 6, 3, 9, 29))


def test_exception_closed_day_overrides_weekly():
    assert not is_open(SHOP, local(2026, 12, 25, 10, 0))  # a Friday, but Christmas
    assert is_open(SHOP, local(2026, 12, 18, 10, 0))  # the Friday before


def test_exception_with_special_hours():
    xmas_eve = local(2026, 12, 24, 12, 45)  # normally the lunch break
    assert is_open(SHOP, xmas_eve)
    assert not is_open(SHOP, local(2026, 12, 24, 16, 30))  # normally open till 18:00


def test_today_intervals_uses_exceptions():
    assert today_intervals(SHOP, date(2026, 12, 23)) == [("09:30", "12:30"), ("13:30", "18:00")]
    assert today_intervals(SHOP, date(2026, 12, 24)) == [("09:00", "16:00")]
    assert today_intervals(SHOP, date(2026, 12, 25)) == []


# --- local time, whatever the input timezone -------------------------------------

OPENS_AT_TEN = {"weekly": {d: [["10:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}}


def test_summer_utc_instant_is_evaluated_in_local_time():
    assert is_open(OPENS_AT_TEN, utc(2026, 7, 1, 8, 30))  # 10:30 CEST
    assert not is_open(OPENS_AT_TEN, utc(2026, 7, 1, 7, 30))  # 09:30 CEST


def test_winter_utc_instant_is_evaluated_in_local_time():
    assert is_open(OPENS_AT_TEN, utc(2026, 1, 5, 9, 30))  # 10:30 CET
    assert not is_open(OPENS_AT_TEN, utc(2026, 1, 5, 8, 30))  # 09:30 CET, 08:30 UTC


def test_other_timezones_are_converted():
    new_york = ZoneInfo("America/New_York")
    assert is_open(OPENS_AT_TEN, datetime(2026, 7, 1, 4, 30, tzinfo=new_york))  # 10:30 Brussels
    assert not is_open(OPENS_AT_TEN, datetime(2026, 7, 1, 12, 30, tzinfo=new_york))  # 18:30


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        is_open(SHOP, datetime(2026, 6, 3, 10, 0))


# --- intervals crossing midnight ----------------------------------------------------

BAR = {
    "weekly": {"fri": [["22:00", "02:00"]], "sat": [["20:00", "24:00"]]},
    "exceptions": [{"date": "2026-06-06", "closed": True}],  # Saturday closed
}


def test_interval_crossing_midnight_belongs_to_start_day():
    assert is_open(BAR, local(2026, 6, 5, 23, 0))  # Friday night
    assert is_open(BAR, local(2026, 6, 6, 1, 30))  # Saturday 01:30 is Friday's interval
    assert not is_open(BAR, local(2026, 6, 6, 2, 0))
    assert not is_open(BAR, local(2026, 6, 5, 1, 30))  # Thursday night: closed
    assert not is_open(BAR, local(2026, 6, 6, 21, 0))  # Saturday exception applies


def test_crossing_interval_status_reports_close_after_midnight():
    st = status(BAR, local(2026, 6, 5, 23, 0))
    assert st == OpenStatus(True, local(2026, 6, 6, 2, 0), None)


def test_all_day_and_back_to_back_days_merge():
    always = {"weekly": {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}}
    assert is_open(always, local(2026, 6, 3, 0, 0))
    assert status(always, local(2026, 6, 3, 12, 0)) == OpenStatus(True, None, None)
    mon_tue = {"weekly": {"mon": [["08:00", "24:00"]], "tue": [["00:00", "03:00"]]}}
    assert status(mon_tue, local(2026, 6, 1, 23, 0)).closes_at == local(2026, 6, 2, 3, 0)


# --- DST ---------------------------------------------------------------------------


def test_spring_forward_night():
    # 2026-03-29: 02:00 CET -> 03:00 CEST, so 01:00-04:00 lasts two real hours.
    assert not is_open(NIGHT_SHOP, utc(2026, 3, 28, 23, 59))  # 00:59 CET
    assert is_open(NIGHT_SHOP, utc(2026, 3, 29, 0, 30))  # 01:30 CET
    assert is_open(NIGHT_SHOP, utc(2026, 3, 29, 1, 0))  # the jump: 03:00 CEST
    assert is_open(NIGHT_SHOP, utc(2026, 3, 29, 1, 59))  # 03:59 CEST
    assert not is_open(NIGHT_SHOP, utc(2026, 3, 29, 2, 0))  # 04:00 CEST
    st = status(NIGHT_SHOP, utc(2026, 3, 29, 0, 30))
    assert st.open and st.closes_at == utc(2026, 3, 29, 2, 0)
    assert st.closes_at.utcoffset() == timedelta(hours=2)  # reported in Brussels time


def test_opening_time_inside_the_missing_hour_opens_at_the_jump():
    shop = {"weekly": {"sun": [["02:30", "05:00"]]}}
    st = status(shop, utc(2026, 3, 28, 22, 0))
    assert st == OpenStatus(False, None, utc(2026, 3, 29, 1, 0))  # 03:00 CEST
    assert not is_open(shop, utc(2026, 3, 29, 0, 59))  # 01:59 CET


def test_fall_back_night():
    # 2026-10-25: 03:00 CEST -> 02:00 CET, so 02:00-03:00 happens twice.
    assert not is_open(NIGHT_SHOP, utc(2026, 10, 24, 22, 59))  # 00:59 CEST
    assert is_open(NIGHT_SHOP, utc(2026, 10, 24, 23, 0))  # 01:00 CEST
    assert is_open(NIGHT_SHOP, utc(2026, 10, 25, 0, 30))  # 02:30 CEST (first pass)
    assert is_open(NIGHT_SHOP, utc(2026, 10, 25, 1, 30))  # 02:30 CET (second pass)
    assert is_open(NIGHT_SHOP, utc(2026, 10, 25, 2, 59))  # 03:59 CET
    assert not is_open(NIGHT_SHOP, utc(2026, 10, 25, 3, 0))  # 04:00 CET
    st = status(NIGHT_SHOP, utc(2026, 10, 25, 1, 30))
    assert st.closes_at == utc(2026, 10, 25, 3, 0)
    assert st.closes_at.utcoffset() == timedelta(hours=1)


# --- status --------------------------------------------------------------------------


def test_status_open_reports_next_close():
    assert status(SHOP, local(2026, 6, 3, 10, 0)) == OpenStatus(True, local(2026, 6, 3, 12, 30), None)


def test_status_closed_reports_next_opening_across_days():
    # Saturday evening -> Monday morning (Sunday is closed).
    assert status(SHOP, local(2026, 6, 6, 18, 0)) == OpenStatus(False, None, local(2026, 6, 8, 9, 30))
    # Christmas day -> Saturday 26th.
    assert status(SHOP, local(2026, 12, 25, 9, 0)).opens_at == local(2026, 12, 26, 10, 0)


def test_status_ignores_changes_beyond_eight_days():
    closed = {"weekly": {}, "exceptions": [{"date": "2026-06-20", "closed": False,
                                            "intervals": [["10:00", "12:00"]]}]}
    assert status(closed, local(2026, 6, 3, 10, 0)) == OpenStatus(False, None, None)
    assert status(closed, local(2026, 6, 13, 10, 0)).opens_at == local(2026, 6, 20, 10, 0)


# --- validation ----------------------------------------------------------------------


def test_validate_normalises():
    out = validate_hours({"weekly": {"tue": [["13:30", "18:00"], ["9:30", "12:30"]],
                                     "fri": [["22:00", "00:00"]]},
                          "exceptions": [{"date": "2026-12-31", "closed": True},
                                         {"date": "2026-12-24", "intervals": [["09:00", "16:00"]]}]})
    assert out["weekly"]["tue"] == [["09:30", "12:30"], ["13:30", "18:00"]]
    assert out["weekly"]["fri"] == [["22:00", "24:00"]]
    assert out["weekly"]["sun"] == [] and len(out["weekly"]) == 7
    assert [e["date"] for e in out["exceptions"]] == ["2026-12-24", "2026-12-31"]
    assert out["exceptions"][0]["closed"] is False


def test_validate_accepts_the_documented_example():
    assert validate_hours(SHOP)["exceptions"][1] == {"date": "2026-12-25", "closed": True, "note": "Kerstmis"}


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        ({"weekly": {"mon": [["9h30", "12:00"]]}}, "weekly.mon[0]", "time format"),
        ({"weekly": {"mon": [["09:00", "25:00"]]}}, "weekly.mon[0]", "time format"),
        ({"weekly": {"mon": [["24:00", "02:00"]]}}, "weekly.mon[0]", "time format"),
        ({"weekly": {"mon": [["09:00", "09:00"]]}}, "weekly.mon[0]", "end equals start"),
        ({"weekly": {"mon": [["09:00", "13:00"], ["12:00", "18:00"]]}}, "weekly.mon", "overlapping"),
        ({"weekly": {"mon": [["22:00", "03:00"]], "tue": [["02:00", "05:00"]]}}, "weekly.mon", "overlapping"),
        ({"weekly": {"mon": [[f"{h:02d}:00", f"{h:02d}:30"] for h in range(5)]}}, "weekly.mon", "more than 4"),
        ({"weekly": {"maandag": []}}, "weekly.maandag", "unknown day"),
        ({"exceptions": [{"date": "2026-02-30", "closed": True}]}, "exceptions[0].date", "bad date"),
        ({"exceptions": [{"date": "25/12/2026", "closed": True}]}, "exceptions[0].date", "bad date"),
        ({"exceptions": [{"date": "2026-12-25", "closed": False}]}, "exceptions[0].intervals", "list"),
        ({"exceptions": [{"date": "2026-12-25", "closed": True}] * 2}, "exceptions[1].date", "duplicate"),
        ({"exceptions": [{"date": (date(2026, 1, 1) + timedelta(days=i)).isoformat(), "closed": True}
                         for i in range(61)]}, "exceptions", "more than 60"),
        ("open", "hours", "object"),
    ],
)
def test_validate_errors(data, field, fragment):
    with pytest.raises(HoursError) as info:
        validate_hours(data)
    assert info.value.field == field
    assert fragment in info.value.message


def test_sixty_exceptions_are_fine():
    data = {"exceptions": [{"date": (date(2026, 1, 1) + timedelta(days=i)).isoformat(), "closed": True}
                           for i in range(60)]}
    assert len(validate_hours(data)["exceptions"]) == 60


# --- the quick look-ahead gives the same answer as the full window ---------------------


def _full_window_status(data, at: datetime) -> OpenStatus:
    """Reference: every block of the 11-day window, no shortcut (what status() did before)."""
    from app.shops.hours import STATUS_HORIZON, _blocks
    hours = validate_hours(data)
    now = at.astimezone(UTC)
    today = now.astimezone(BXL).date()
    for start, end in _blocks(hours, today - timedelta(days=1), today + timedelta(days=9)):
        if start <= now < end:
            return OpenStatus(True, end.astimezone(BXL) if end <= now + STATUS_HORIZON else None, None)
        if start > now:
            return OpenStatus(False, None, start.astimezone(BXL) if start <= now + STATUS_HORIZON else None)
    return OpenStatus(False, None, None)


SCHEDULES = [
    SHOP,
    NIGHT_SHOP,
    {"weekly": {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}},
    {"weekly": {"mon": [["08:00", "24:00"]], "tue": [["00:00", "24:00"]], "wed": [["00:00", "24:00"]],
                "thu": [["00:00", "03:00"]]}},  # one opening across four days
    {"weekly": {"fri": [["22:00", "02:00"]], "sat": [["20:00", "24:00"]], "sun": [["00:00", "01:00"]]}},
    {"weekly": {"wed": [["10:00", "11:00"]]}},  # once a week: the answer lies beyond three days
    {"weekly": {}, "exceptions": [{"date": "2026-04-03", "closed": False, "intervals": [["10:00", "12:00"]]}]},
    {"weekly": {}},
]


@pytest.mark.parametrize("schedule", range(len(SCHEDULES)))
def test_status_matches_the_full_window_every_half_hour_around_the_dst_switches(schedule):
    data = SCHEDULES[schedule]
    for first in (utc(2026, 3, 26), utc(2026, 10, 22)):  # the week of each DST switch
        for step in range(0, 10 * 24 * 2):  # every half hour over ten days
            at = first + timedelta(minutes=30 * step)
            assert status(data, at) == _full_window_status(data, at), (schedule, at)
