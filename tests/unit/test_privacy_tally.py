"""Day totals of a removed history: stamps and shoppers per day, and the two latest visit days."""
from datetime import date, datetime, timezone

from app.loyalty.tally import crowd_counts, history_counts


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=timezone.utc)


def test_a_history_marks_its_latest_and_second_latest_day():
    days = history_counts([at(2), at(2, 15), at(9), at(5)], reward_times=[at(9, 12)])
    assert {d.day: (c.stamps, c.shoppers, c.last_visits, c.second_last_visits, c.rewards) for d, c in days.items()} == {
        2: (2, 1, 0, 0, 0), 5: (1, 1, 0, 1, 0), 9: (1, 1, 1, 0, 1)}


def test_days_are_brussels_calendar_days():
    late_evening_utc = datetime(2026, 3, 2, 23, 30, tzinfo=timezone.utc)  # 00:30 on the 3rd in Brussels
    assert list(history_counts([late_evening_utc])) == [date(2026, 3, 3)]


def test_one_visit_day_is_a_shopper_but_not_a_returning_one():
    (counts,) = history_counts([at(4)]).values()
    assert (counts.last_visits, counts.second_last_visits) == (1, 0)


def test_a_reward_without_stamps_still_counts():
    assert history_counts([], reward_times=[at(7)])[date(2026, 3, 7)].rewards == 1


def test_crowd_counts_count_different_shoppers_per_day():
    days = crowd_counts([(at(1), 10), (at(1, 12), 10), (at(1), 11), (at(2), 10)])
    assert {d.day: (c.stamps, c.shoppers) for d, c in days.items()} == {1: (3, 2), 2: (1, 1)}
