from datetime import UTC, datetime, timedelta

import pytest

from app.voice.scores import (NPS_SCALE, average, counts, distribution, enough, first_visit, nps, survey_due)


@pytest.mark.parametrize("scores, expected", [
    ([10, 9, 9, 10], 100),
    ([0, 3, 6, 6], -100),
    ([7, 8, 7, 8], 0),  # passives count in the total only
    ([10, 9, 8, 6, 0], 0),  # 2 promoters, 2 detractors of 5
    ([10, 10, 10, 6], 50),
    ([9, 7, 7], 33),  # 33.3 rounded
    ([9, 9, 6], 33),
    ([], None),
])
def test_nps_is_promoters_minus_detractors(scores, expected):
    assert nps(scores) == expected


def test_average_and_counts():
    assert average([7, 8, 10]) == 8.3
    assert average([]) is None
    assert counts([0, 10, 10, 11, -1], NPS_SCALE) == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]


def test_small_bars_are_hidden_and_cannot_be_worked_out():
    bars = distribution(["a", "b", "c"], [12, 8, 2], 5)
    # "c" (2 people) is hidden; with the total shown, the next smallest ("b") goes too
    assert [bar.count for bar in bars] == [12, None, None]
    assert bars[0].share == pytest.approx(12 / 22)


def test_bars_about_nobody_are_shown():
    assert [bar.count for bar in distribution(["a", "b"], [6, 0], 5)] == [6, 0]


def test_a_breakdown_needs_enough_answers():
    assert not enough(4, 5)
    assert enough(5, 5)


def test_survey_at_most_once_in_30_days():
    now = datetime(2026, 12, 2, 12, tzinfo=UTC)
    assert survey_due(None, now)
    assert not survey_due(now - timedelta(days=29, hours=23), now)
    assert survey_due(now - timedelta(days=30), now)


def test_never_on_the_first_visit():
    assert first_visit(1)
    assert first_visit(0)
    assert not first_visit(2)


def test_distributions_are_shown_in_bands():
    from app.voice.scores import NPS_BANDS, REPORT_CARD_BANDS, band_counts
    assert band_counts([0, 6, 7, 8, 9, 10, 10], NPS_BANDS) == [2, 2, 3]
    assert band_counts([1, 4, 5, 10], REPORT_CARD_BANDS) == [2, 1, 0, 1]
