"""The vacancy arithmetic (app.premises.services.vacancy): rates by units and by floor area, the stock rule
(re-purposed premises leave it, approved shops count as occupied), duration bands and the rate over time."""
from datetime import date

import pytest

from app.premises.services.vacancy import (Unit, analyse, assumed_area, band_of, duration_bands, month_ends,
                                           rate_of, state_on)

TODAY = date(2026, 12, 2)


def premise(state, street="Ooststraat", area=100.0, since=None, pid=None):
    return Unit(street, state, area, since, pid)


def test_vacant_and_under_option_count_as_empty_and_repurposed_premises_leave_the_stock():
    units = [premise("vacant", area=50), premise("option", area=150), premise("let", area=200),
             premise("repurposed", area=1000), Unit("Ooststraat", "shop")]
    rate = rate_of(units, area_for_unknown=100.0)
    assert (rate.total, rate.vacant) == (4, 2)
    assert rate.rate == 0.5
    assert (rate.total_m2, rate.vacant_m2) == (500.0, 200.0)  # the shop counts with the assumed 100 m²
    assert rate.area_rate == 0.4


def test_no_units_has_no_rate_rather_than_zero():
    rate = rate_of([premise("repurposed")], None)
    assert rate.total == 0 and rate.rate is None and rate.area_rate is None


def test_the_assumed_area_is_the_median_of_the_measured_premises():
    assert assumed_area([premise("let", area=40), premise("let", area=90), premise("vacant", area=400),
                         premise("let", area=None)]) == 90


@pytest.mark.parametrize("since, band", [
    (date(2026, 12, 2), "friction"), (date(2025, 12, 2), "friction"), (date(2025, 12, 1), "long_term"),
    (date(2023, 12, 4), "long_term"), (date(2023, 12, 1), "structural"), (None, "unknown")])
def test_duration_bands_follow_the_planners_limits(since, band):
    assert band_of(since, TODAY) == band


def test_duration_counts_only_empty_premises():
    units = [premise("vacant", since=date(2026, 6, 1)), premise("option", since=date(2022, 1, 1)),
             premise("let", since=date(2020, 1, 1)), premise("vacant", since=date(2024, 6, 1))]
    assert duration_bands(units, TODAY) == {"friction": 1, "long_term": 1, "structural": 1, "unknown": 0}


def test_month_ends_are_the_last_days_of_the_last_months_and_today_for_this_one():
    ends = month_ends(TODAY, 3)
    assert ends == [date(2026, 10, 31), date(2026, 11, 30), date(2026, 12, 2)]
    assert month_ends(date(2026, 3, 15), 2) == [date(2026, 2, 28), date(2026, 3, 15)]


def test_the_state_on_a_day_is_the_last_change_on_or_before_it():
    history = [(date(2026, 5, 1), "let"), (date(2019, 1, 1), "vacant"), (date(2026, 9, 10), "vacant")]
    assert state_on(history, date(2018, 12, 31)) is None
    assert state_on(history, date(2026, 4, 30)) == "vacant"
    assert state_on(history, date(2026, 5, 1)) == "let"
    assert state_on(history, date(2026, 9, 10)) == "vacant"


def test_the_analysis_per_street_over_time_and_for_the_centre():
    premises = [premise("vacant", "Ooststraat", 60, date(2026, 10, 15), 1),
                premise("let", "Ooststraat", 100, None, 2),
                premise("let", "Noordstraat", 140, None, 3)]
    history = {1: [(date(2019, 1, 1), "let"), (date(2026, 10, 15), "vacant")],
               2: [(date(2019, 1, 1), "vacant"), (date(2026, 11, 20), "let")],
               3: [(date(2026, 11, 1), "let")]}
    shops = [Unit("Noordstraat", "shop")]
    result = analyse(premises, shops, history, TODAY, months=3)
    assert (result.centre.vacant, result.centre.total) == (1, 4)
    assert result.centre.rate == 0.25
    assert list(result.streets) == ["Ooststraat", "Noordstraat"]  # most vacant first
    assert result.streets["Ooststraat"].rate == 0.5
    assert result.streets["Noordstraat"].rate == 0.0
    # end of October: 1 and 2 vacant, 3 not in the register yet, the shop occupied -> 2 of 3
    # end of November: 1 vacant, 2 let, 3 let, the shop -> 1 of 4; today the same
    assert [(day, rate.vacant, rate.total) for day, rate in result.series] == [
        (date(2026, 10, 31), 2, 3), (date(2026, 11, 30), 1, 4), (date(2026, 12, 2), 1, 4)]
    assert result.duration["friction"] == 1
