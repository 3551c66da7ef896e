"""What the figures dashboard reads (app.figures.services.reading), from rollup cells written directly:
the period beside the one before and last year's, small cells hidden with the cells that would give them
back, and the towns compared by indices only."""
from datetime import date

import pytest
from sqlalchemy import delete

from app.core.problem import ProblemError
from app.extensions import db
from app.figures.models import FigureRollup, Grain, Metric
from app.core.text import street_of
from app.figures.services.reading import Period, Shown, Trio, as_json, last_full_month, median, period_for, read_dashboard
from tests.factories import CityFactory, ShopFactory, TrailFactory
from tests.support.figures import OCTOBER, TODAY, cell, month_shoppers, stamp_days

MIN = 10
SEPTEMBER = (date(2026, 9, 1), date(2026, 9, 30))
LAST_OCTOBER = (date(2025, 10, 1), date(2025, 10, 31))


def october(city):
    return read_dashboard(city, Period(*OCTOBER), minimum=MIN)


# ------------------------------------------------------------------ periods
def test_the_default_period_is_the_last_full_month_with_the_month_before_and_last_years():
    period = period_for(None, None, today=TODAY)
    assert (period.start, period.end, period.kind) == (*OCTOBER, "month")
    assert (period.previous().start, period.previous().end) == SEPTEMBER
    assert (period.last_year().start, period.last_year().end) == LAST_OCTOBER
    assert last_full_month(date(2026, 1, 5)) == Period(date(2025, 12, 1), date(2025, 12, 31))


def test_a_week_is_compared_with_the_week_before_and_the_same_weekdays_52_weeks_ago():
    week = Period(date(2026, 11, 9), date(2026, 11, 15))  # Monday to Sunday
    assert week.kind == "week" and week.grain == Grain.WEEK
    assert week.previous() == Period(date(2026, 11, 2), date(2026, 11, 8))
    last_year = week.last_year()
    assert last_year.start.weekday() == 0 and last_year == Period(date(2025, 11, 10), date(2025, 11, 16))


def test_a_custom_period_is_compared_with_as_many_days_before_and_the_same_dates_last_year():
    custom = Period(date(2026, 12, 1), date(2026, 12, 24))
    assert custom.kind == "custom" and custom.grain is None
    assert custom.previous() == Period(date(2026, 11, 7), date(2026, 11, 30))
    assert custom.last_year() == Period(date(2025, 12, 1), date(2025, 12, 24))
    assert Period(date(2028, 2, 29), date(2028, 3, 5)).last_year().start == date(2027, 2, 28)
    year = Period(date(2025, 1, 1), date(2025, 12, 31))
    assert year.kind == "year" and year.previous() == year.last_year() == Period(date(2024, 1, 1), date(2024, 12, 31))


@pytest.mark.parametrize(("start", "end", "field"), [
    (date(2026, 10, 31), date(2026, 10, 1), "to"),  # ends before it starts
    (date(2025, 1, 1), date(2026, 1, 2), "to"),  # 367 days
    (date(2026, 10, 1), None, "to"),
    (None, date(2026, 10, 1), "from"),
    (date(2026, 11, 19), date(2026, 11, 30), "from"),  # has not begun (TODAY is 18 November)
    (date(1900, 1, 1), date(1900, 1, 31), "from"),  # before any town used the app
])
def test_a_period_that_cannot_be_is_a_422_naming_the_field(start, end, field):
    with pytest.raises(ProblemError) as refused:
        period_for(start, end, today=TODAY)
    assert refused.value.status == 422 and field in refused.value.errors
    assert period_for(date(2025, 1, 1), date(2026, 1, 1), today=TODAY).days == 366


def test_the_street_of_an_address():
    assert street_of("Ooststraat 52") == "Ooststraat"
    assert street_of("Grote Markt 14, 8600 Diksmuide") == "Grote Markt"
    assert street_of("Sint-Amandsstraat 12A bus 3") == "Sint-Amandsstraat"
    assert street_of("Kaaskerkestraat 8-10") == "Kaaskerkestraat"
    assert street_of("") == ""


def test_the_median_of_a_distribution():
    assert median({3: 1, 5: 1, 9: 1}) == 5
    assert median({3: 2, 5: 2}) == 4
    assert median({2: 10, 30: 1}) == 2
    assert median({}) is None


# ------------------------------------------------------------------ figures and suppression
def test_key_figures_beside_the_month_before_and_last_year(no_request):
    city = CityFactory()
    now = stamp_days(city, *OCTOBER, stamps=30, people=20)
    before = stamp_days(city, *SEPTEMBER, stamps=20, people=15)
    last_year = stamp_days(city, *LAST_OCTOBER, stamps=10, people=12)
    month_shoppers(city, OCTOBER[0], 240)
    month_shoppers(city, SEPTEMBER[0], 200)
    month_shoppers(city, LAST_OCTOBER[0], 150)
    cell(city, Metric.NEW_ACCOUNTS, date(2026, 10, 3), 4, people=4)
    cell(city, Metric.NEW_ACCOUNTS, date(2026, 10, 9), 7, people=7)  # 11 people who confirmed: shown
    cell(city, Metric.PAGE_VIEWS, date(2026, 10, 2), 50, key="home")
    cell(city, Metric.PAGE_VIEWS, date(2026, 10, 2), 25, key="shops")
    db.session.flush()
    board = october(city)
    stamps = board.key["stamps"]
    assert (stamps.now.value, stamps.previous.value, stamps.last_year.value) == (now, before, last_year)
    assert stamps.change("last_year") == 200.0
    assert Trio(Shown(919), Shown(0), Shown(721)).change("last_year") == pytest.approx(27.46, abs=0.01)  # rounded once, by the page
    assert board.key["shoppers"].as_dict() == {"value": 240, "previous": 200, "last_year": 150}
    assert board.key["new_accounts"].now.value == 11
    assert board.key["page_views"].now.value == 75
    assert len(board.stamps_per_day) == 31 and board.stamps_per_day[0].value.value == 30
    assert board.stamps_per_day[0].last_year.value == 10 and board.suppressed == []


def test_a_shop_cell_of_three_shoppers_is_hidden_and_the_next_smallest_with_it(no_request):
    city = CityFactory()
    quiet = ShopFactory(city=city, address="Ooststraat 3", name={"nl": "Stille Winkel"})
    small = ShopFactory(city=city, address="Noordstraat 9", name={"nl": "Kleine Winkel"})
    busy = ShopFactory(city=city, address="Noordstraat 20", name={"nl": "Drukke Winkel"})
    stamp_days(city, *OCTOBER, stamps=40, people=25)
    cell(city, Metric.STAMPS, date(2026, 10, 5), 6, key=f"shop:{quiet.id}", people=3)
    cell(city, Metric.STAMPS, date(2026, 10, 5), 30, key=f"shop:{small.id}", people=12)
    cell(city, Metric.STAMPS, date(2026, 10, 5), 90, key=f"shop:{busy.id}", people=40)
    month_shoppers(city, OCTOBER[0], 300)
    month_shoppers(city, OCTOBER[0], 3, key=f"shop:{quiet.id}")
    month_shoppers(city, OCTOBER[0], 12, key=f"shop:{small.id}")
    month_shoppers(city, OCTOBER[0], 40, key=f"shop:{busy.id}")
    db.session.flush()
    board = october(city)
    stamps = {row.name: row.figures["stamps"].now for row in board.shops}
    assert stamps["Stille Winkel"].hidden  # 3 shoppers
    assert stamps["Kleine Winkel"].hidden  # else the city's total minus the other shops gives the 6 back
    assert stamps["Kleine Winkel"].guards and not stamps["Stille Winkel"].guards
    assert stamps["Drukke Winkel"].value == 90
    assert {f"shops.shop:{quiet.id}.stamps.now", f"shops.shop:{small.id}.stamps.now"} <= set(board.suppressed)
    # Both streets hold a hidden shop: the street minus its shown shops would give it back.
    streets = {row.name: row.figures["stamps"].now for row in board.streets}
    assert streets["Ooststraat"].hidden and streets["Noordstraat"].hidden
    assert not streets["Ooststraat"].guards  # 3 shoppers: small itself
    assert streets["Noordstraat"].guards  # 52 shoppers: hidden only for the Kleine Winkel's sake
    assert as_json(board)["shops"][[r.name for r in board.shops].index("Stille Winkel")]["figures"]["stamps"][
        "value"] is None


def test_a_day_of_three_shoppers_is_hidden_and_another_day_so_that_the_month_total_does_not_give_it_back(
        no_request):
    city = CityFactory()
    stamp_days(city, *OCTOBER, stamps=30, people=20)
    db.session.flush()
    from app.figures.models import FigureRollup
    quiet = db.session.execute(db.select(FigureRollup).filter_by(city_id=city.id, start=date(2026, 10, 6),
                                                                  metric="stamps", key="")).scalar_one()
    quiet.value, quiet.people = 5, 3
    slow = db.session.execute(db.select(FigureRollup).filter_by(city_id=city.id, start=date(2026, 10, 7),
                                                                 metric="stamps", key="")).scalar_one()
    slow.value, slow.people = 12, 11
    month_shoppers(city, OCTOBER[0], 250)
    db.session.flush()
    board = october(city)
    days = {point.day: point.value for point in board.stamps_per_day}
    assert days[date(2026, 10, 6)].hidden
    assert days[date(2026, 10, 7)].hidden  # the smallest day about people goes with it
    assert days[date(2026, 10, 8)].value == 30
    assert board.key["stamps"].now.value == 30 * 29 + 5 + 12
    assert "stamps_per_day.2026-10-06.now" in board.suppressed
    assert as_json(board)["series"]["stamps_per_day"][5]["value"] is None


def test_a_month_of_fewer_shoppers_than_the_minimum_hides_its_totals(no_request):
    city = CityFactory()
    stamp_days(city, *OCTOBER, stamps=2, people=2)
    month_shoppers(city, OCTOBER[0], 7)
    cell(city, Metric.RETURNING, OCTOBER[0], 2, people=2, grain=Grain.MONTH)
    db.session.flush()
    board = october(city)
    assert board.key["stamps"].now.hidden and board.key["shoppers"].now.hidden and board.key["returning"].now.hidden
    assert all(point.value.hidden for point in board.stamps_per_day)


def test_a_heat_map_cell_of_few_shoppers_is_hidden_with_the_smallest_of_its_weekday(no_request):
    city = CityFactory()
    stamp_days(city, *OCTOBER)
    month_shoppers(city, OCTOBER[0], 250)
    cell(city, Metric.STAMPS_BY_HOUR, OCTOBER[0], 4, key="dow-hour:6-9", people=2, grain=Grain.MONTH)
    cell(city, Metric.STAMPS_BY_HOUR, OCTOBER[0], 80, key="dow-hour:6-14", people=30, grain=Grain.MONTH)
    cell(city, Metric.STAMPS_BY_HOUR, OCTOBER[0], 40, key="dow-hour:6-16", people=15, grain=Grain.MONTH)
    cell(city, Metric.STAMPS_BY_HOUR, OCTOBER[0], 60, key="dow-hour:1-11", people=20, grain=Grain.MONTH)
    db.session.flush()
    board = october(city)
    saturday = board.heatmap[5]
    assert saturday[9].hidden and saturday[16].hidden and saturday[14].value == 80
    assert board.heatmap[0][11].value == 60 and board.heatmap[0][10].value == 0
    assert board.heat_level(saturday[14]) == 5 and board.heat_level(board.heatmap[0][10]) == 0


def test_a_custom_period_has_no_distinct_shoppers_and_a_heat_map_from_its_days(no_request):
    city = CityFactory()
    for day in (date(2026, 10, 3), date(2026, 10, 10)):  # two Saturdays
        cell(city, Metric.STAMPS, day, 50, people=30)
        cell(city, Metric.STAMPS, day, 20, key="hour:14", people=12)
        cell(city, Metric.STAMPS, day, 9, key="hour:9", people=6)  # 6 + 6, but maybe the same six
        cell(city, Metric.STAMPS, day, 15, key="hour:16", people=11)
    db.session.flush()
    board = read_dashboard(city, Period(date(2026, 10, 2), date(2026, 10, 12)), minimum=MIN)
    assert board.key["shoppers"].now.missing and board.key["stamps"].now.value == 100
    assert board.heatmap_from_days
    saturday = board.heatmap[5]
    assert saturday[14].value == 40 and saturday[9].hidden and saturday[16].hidden  # the smallest goes with it


def test_refusals_trails_and_footfall_are_about_no_one_and_always_shown(no_request):
    from app.figures.models import CountingPoint
    city = CityFactory()
    walk = TrailFactory(city=city, kind="heritage")
    green = TrailFactory(city=city, kind="green")
    point = CountingPoint(city_id=city.id, code="OOST", name="Ooststraat")
    db.session.add(point)
    db.session.flush()
    cell(city, Metric.REFUSALS, date(2026, 10, 4), 2, key="expired")
    cell(city, Metric.REFUSALS, date(2025, 10, 4), 1, key="expired")
    cell(city, Metric.PAGE_VIEWS, date(2026, 10, 4), 3, key=f"trail:{walk.id}")
    cell(city, Metric.TRAIL_STARTS, date(2026, 10, 4), 1, key=f"trail:{walk.id}")
    cell(city, Metric.TRAIL_COMPLETIONS, date(2026, 10, 5), 1, key=f"trail:{green.id}")
    cell(city, Metric.FOOTFALL, date(2026, 10, 4), 1200, key=f"point:{point.id}")
    cell(city, Metric.FOOTFALL, date(2026, 10, 4), 1200)
    db.session.flush()
    board = october(city)
    expired = next(row for row in board.refusals if row.key == "expired").figures["count"]
    assert expired.as_dict() == {"value": 2, "previous": 0, "last_year": 1}
    assert [row.key for row in board.trails] == [f"trail:{walk.id}"]
    assert board.trails[0].figures["views"].now.value == 3 and board.trails[0].figures["starts"].now.value == 1
    assert board.green_routes[0].figures["completions"].now.value == 1
    assert board.footfall_points[0].figures["count"].now.value == 1200
    assert board.footfall_per_day[3] == (date(2026, 10, 4), [1200]) and board.key["footfall"].now.value == 1200
    assert board.suppressed == []


def test_the_pass_median_and_the_figures_a_person_enters_once(no_request):
    city = CityFactory()
    for day, n in ((date(2026, 10, 2), 4), (date(2026, 10, 9), 4), (date(2026, 10, 16), 4)):
        cell(city, Metric.PASS_COMPLETIONS, day, n, people=n)
    cell(city, Metric.PASS_DAYS, date(2026, 10, 2), 4, key="days:6", people=4)
    cell(city, Metric.PASS_DAYS, date(2026, 10, 9), 4, key="days:10", people=4)
    cell(city, Metric.PASS_DAYS, date(2026, 10, 16), 4, key="days:21", people=4)
    cell(city, Metric.PASS_STARTS, date(2026, 10, 2), 3, people=3)
    cell(city, Metric.REWARDS, date(2026, 10, 2), 4, people=4)
    cell(city, Metric.REWARDS, date(2026, 10, 3), 8, people=8)  # perhaps the same shoppers again
    db.session.flush()
    board = october(city)
    assert board.key["pass_completions"].now.value == 12  # 12 cards, one per shopper
    assert board.key["pass_median_days"].now.value == 10
    assert board.key["pass_starts"].now.hidden
    assert board.key["rewards"].now.hidden  # at least 8 different shoppers is all the days can tell


def test_towns_are_compared_by_their_indices_and_the_average_needs_three_towns(no_request):
    db.session.execute(delete(FigureRollup))  # only these towns have figures (not the demo's history)
    own = CityFactory()
    others = [CityFactory() for _ in range(2)]
    draft = CityFactory(status="draft")
    for town, (now, before) in zip([own, *others, draft], [(30, 20), (10, 10), (20, 10), (90, 10)]):
        stamp_days(town, *OCTOBER, stamps=now, people=20)
        stamp_days(town, *LAST_OCTOBER, stamps=before, people=20)
        month_shoppers(town, OCTOBER[0], 200)
        month_shoppers(town, LAST_OCTOBER[0], 200)
    db.session.flush()
    stamps = next(i for i in october(own).comparison if i.metric == "stamps")
    assert (stamps.own, stamps.average, stamps.towns) == (150, 150, 3)  # (150 + 100 + 200) / 3; the draft is left out
    others[0].status = "draft"
    db.session.flush()
    stamps = next(i for i in october(own).comparison if i.metric == "stamps")
    assert (stamps.own, stamps.average, stamps.towns) == (150, None, 2)  # two towns: one could be worked out
