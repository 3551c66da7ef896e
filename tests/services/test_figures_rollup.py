"""The figures rollup (app.figures.services.rollup): raw rows of a town become day and period cells.

A town of its own (CityFactory) with three shops, so the demo's figures stay out of the counts; the app's clock
stands at T0 (Wednesday 25 November 2026, noon in Brussels) unless a test moves it.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, select

from app.cities.models import City
from app.core import clock as app_clock
from app.extensions import db
from app.figures import privacy
from app.figures.models import EventKind, FigureEvent, FigureRollup, Grain, Metric, RollupRun
from app.figures.services import rollup
from app.loyalty.models import Stamp, StampProgramme
from tests.factories import (AnonymousShopperFactory, CardFactory, CityFactory, CityPassFactory,
                             CountingPointFactory, FigureEventFactory, FootfallCountFactory, MergedShopperFactory,
                             PassRewardFactory, PassVisitFactory, RedemptionFactory, ScanRefusalFactory,
                             StampFactory, StampProgrammeFactory, UserFactory)
from tests.support.loyalty import T0, Clock

TODAY = date(2026, 11, 25)


def local(y, m, d, hour, minute=0) -> datetime:
    """A Brussels wall-clock time as the aware UTC instant the database stores."""
    return datetime(y, m, d, hour, minute, tzinfo=app_clock.TZ).astimezone(timezone.utc)


@pytest.fixture
def clock(monkeypatch):
    fake = Clock(T0)
    monkeypatch.setattr(app_clock, "now", fake)
    return fake


@dataclass
class Town:
    city: City
    programmes: list[StampProgramme]
    cards: dict = field(default_factory=dict)

    def shop(self, n: int) -> int:
        return self.programmes[n].shop_id

    def stamp(self, user, n: int, at: datetime) -> Stamp:
        """A stamp of `user` at shop `n` (on their card there, made on the first one)."""
        key = (user.id, n)
        if key not in self.cards:
            self.cards[key] = CardFactory(user=user, programme=self.programmes[n])
        return StampFactory(card=self.cards[key], created_at=at)

    def roll(self, **options) -> rollup.RollupResult:
        db.session.commit()
        return rollup.roll_city(self.city, **options)

    def rows(self, grain: Grain = Grain.DAY, metric: Metric | None = None) -> dict:
        query = select(FigureRollup).where(FigureRollup.city_id == self.city.id, FigureRollup.grain == grain.value)
        if metric is not None:
            query = query.where(FigureRollup.metric == metric.value)
        return {(row.start, row.metric, row.key): (row.value, row.people)
                for row in db.session.execute(query).scalars()}

    def cell(self, start: date, metric: Metric, key: str = "", grain: Grain = Grain.DAY):
        return self.rows(grain, metric).get((start, metric.value, key))


@pytest.fixture
def town(no_request, clock) -> Town:
    city = CityFactory(slug="figurenstad")
    programmes = [StampProgrammeFactory(shop__city=city) for _ in range(3)]
    db.session.commit()
    return Town(city, programmes)


def shoppers(n: int) -> list:
    return [AnonymousShopperFactory() for _ in range(n)]


# ------------------------------------------------------------------ what a day holds


def test_stamps_and_rewards_per_shop_and_hour_with_the_people_in_each_cell(town):
    a, b = shoppers(2)
    friday = date(2026, 11, 20)
    first = town.stamp(a, 0, local(2026, 11, 20, 10, 15))
    town.stamp(a, 1, local(2026, 11, 20, 14, 20))
    town.stamp(b, 0, local(2026, 11, 20, 10, 40))
    RedemptionFactory(card=town.cards[(a.id, 0)], confirmed_at=local(2026, 11, 20, 10, 20))
    RedemptionFactory(card=town.cards[(b.id, 0)], status="pending", confirmed_at=None,
                      expires_at=local(2026, 11, 20, 11, 0))
    town.roll()
    shop0, shop1 = f"shop:{town.shop(0)}", f"shop:{town.shop(1)}"
    assert town.rows(metric=Metric.STAMPS) == {
        (friday, "stamps", ""): (3, 2), (friday, "stamps", shop0): (2, 2), (friday, "stamps", shop1): (1, 1),
        (friday, "stamps", "hour:10"): (2, 2), (friday, "stamps", "hour:14"): (1, 1)}
    assert town.rows(metric=Metric.REWARDS) == {(friday, "rewards", ""): (1, 1), (friday, "rewards", shop0): (1, 1)}
    assert first.shop_id == town.shop(0)


def test_refusals_page_views_trail_walks_and_footfall_are_counts_about_nobody(town):
    friday = date(2026, 11, 20)
    for reason, shop in (("expired", town.programmes[0].shop), ("expired", town.programmes[0].shop),
                         ("invalid", None)):
        ScanRefusalFactory(shop=shop, city_id=town.city.id, reason=reason, created_at=local(2026, 11, 20, 11))
    for page, kind in (("home", EventKind.PAGE_VIEW), ("home", EventKind.PAGE_VIEW), ("shop:7", EventKind.PAGE_VIEW),
                       ("trail:9", EventKind.TRAIL_START), ("trail:9", EventKind.TRAIL_START),
                       ("trail:9", EventKind.TRAIL_COMPLETE)):
        FigureEventFactory(city=town.city, kind=kind.value, page=page, hour=local(2026, 11, 20, 15))
    market, station = CountingPointFactory(city=town.city), CountingPointFactory(city=town.city)
    FootfallCountFactory(point=market, hour=local(2026, 11, 20, 10), count=100)
    FootfallCountFactory(point=market, hour=local(2026, 11, 20, 11), count=50)
    FootfallCountFactory(point=station, hour=local(2026, 11, 20, 10), count=30)
    town.roll()
    assert town.rows(metric=Metric.REFUSALS) == {(friday, "refusals", "expired"): (2, None),
                                                 (friday, "refusals", "invalid"): (1, None)}
    assert town.rows(metric=Metric.PAGE_VIEWS) == {(friday, "page_views", "home"): (2, None),
                                                   (friday, "page_views", "shop:7"): (1, None)}
    assert town.cell(friday, Metric.TRAIL_STARTS, "trail:9") == (2, None)
    assert town.cell(friday, Metric.TRAIL_COMPLETIONS, "trail:9") == (1, None)
    assert town.rows(metric=Metric.FOOTFALL) == {
        (friday, "footfall", ""): (180, None), (friday, "footfall", f"point:{market.id}"): (150, None),
        (friday, "footfall", f"point:{station.id}"): (30, None)}


def test_city_pass_starts_completions_days_taken_and_rewards(town):
    city_pass = CityPassFactory(city=town.city, distinct_shops_required=2)
    walker, poster_only = UserFactory(), AnonymousShopperFactory()
    card = CardFactory(user=walker, programme=None, city_pass=city_pass)
    PassVisitFactory(card=card, shop=town.programmes[0].shop, created_at=local(2026, 11, 17, 11))
    PassVisitFactory(card=card, shop=town.programmes[1].shop, created_at=local(2026, 11, 20, 15))
    PassRewardFactory(card=card, created_at=local(2026, 11, 21, 10))
    other = CardFactory(user=poster_only, programme=None, city_pass=city_pass)
    PassVisitFactory(card=other, shop=town.programmes[0].shop, created_at=local(2026, 11, 20, 11))
    # a poster stamp: the visit counts for the pass only once the counter confirms it
    PassVisitFactory(card=other, shop=town.programmes[1].shop, created_at=local(2026, 11, 20, 12), confirmed=False)
    town.roll()
    assert town.rows(metric=Metric.PASS_STARTS) == {(date(2026, 11, 17), "pass_starts", ""): (1, 1),
                                                    (date(2026, 11, 20), "pass_starts", ""): (1, 1)}
    assert town.rows(metric=Metric.PASS_COMPLETIONS) == {(date(2026, 11, 20), "pass_completions", ""): (1, 1)}
    assert town.rows(metric=Metric.PASS_DAYS) == {(date(2026, 11, 20), "pass_days", "days:3"): (1, 1)}
    assert town.rows(metric=Metric.PASS_REWARDS) == {(date(2026, 11, 21), "pass_rewards", ""): (1, 1)}


def test_new_kept_accounts_are_this_towns_shoppers_who_confirmed_their_address(town):
    kept, elsewhere, anonymous = UserFactory(), UserFactory(), AnonymousShopperFactory()
    for user in (kept, elsewhere, anonymous):
        user.email_verified_at = local(2026, 11, 19, 9)
    town.stamp(kept, 0, local(2026, 11, 3, 10))
    town.stamp(anonymous, 0, local(2026, 11, 3, 10))
    town.roll()
    assert town.rows(metric=Metric.NEW_ACCOUNTS) == {(date(2026, 11, 19), "new_accounts", ""): (1, 1)}


# ------------------------------------------------------------------ people counted once, returning, periods


def test_a_merged_shopper_counts_once(town):
    account, phone = UserFactory(), AnonymousShopperFactory()
    MergedShopperFactory(account=account, anonymous=phone)
    town.stamp(phone, 0, local(2026, 11, 20, 10))  # on the phone before logging in (a stamp left on its card)
    town.stamp(account, 1, local(2026, 11, 20, 15))
    city_pass = CityPassFactory(city=town.city, distinct_shops_required=2)
    for user, n, hour in ((phone, 0, 10), (account, 1, 15)):
        card = CardFactory(user=user, programme=None, city_pass=city_pass)
        PassVisitFactory(card=card, shop=town.programmes[n].shop, created_at=local(2026, 11, 20, hour))
    town.roll()
    friday = date(2026, 11, 20)
    assert town.cell(friday, Metric.STAMPS) == (2, 1)
    assert town.cell(date(2026, 11, 1), Metric.SHOPPERS, grain=Grain.MONTH) == (1, 1)
    assert town.cell(friday, Metric.PASS_STARTS) == (1, 1)
    assert town.cell(friday, Metric.PASS_COMPLETIONS) == (1, 1)


def test_returning_means_a_second_visit_day_within_30_days_the_second_in_the_period(town):
    a, b, c, d = shoppers(4)
    town.stamp(a, 0, local(2026, 10, 15, 11))
    town.stamp(a, 1, local(2026, 11, 14, 11))  # 30 days later, at another shop
    town.stamp(b, 0, local(2026, 10, 14, 11))
    town.stamp(b, 0, local(2026, 11, 14, 11))  # 31 days later: not returning
    town.stamp(c, 0, local(2026, 11, 3, 10))
    town.stamp(c, 1, local(2026, 11, 3, 16))  # twice on one day: one visit day
    town.stamp(d, 2, local(2026, 11, 3, 10))
    town.stamp(d, 2, local(2026, 11, 10, 10))
    town.roll()
    november, shop2 = date(2026, 11, 1), f"shop:{town.shop(2)}"
    returning = {key: value for (start, _m, key), value in town.rows(Grain.MONTH, Metric.RETURNING).items()
                 if start == november}
    assert returning == {"": (2, 2), shop2: (1, 1)}  # a and d in town, d at their shop
    assert town.cell(date(2026, 11, 9), Metric.RETURNING, grain=Grain.WEEK) == (2, 2)  # d on the 10th, a the 14th
    assert town.cell(date(2026, 11, 2), Metric.RETURNING, grain=Grain.WEEK) is None  # d's first visit
    assert town.cell(date(2026, 10, 1), Metric.RETURNING, grain=Grain.MONTH) is None
    assert town.cell(november, Metric.SHOPPERS, grain=Grain.MONTH) == (4, 4)


def test_weeks_months_and_years_hold_different_shoppers_and_the_heat_map(town):
    a, b = shoppers(2)
    town.stamp(a, 0, local(2026, 11, 16, 10, 30))  # Monday
    town.stamp(a, 1, local(2026, 11, 21, 11, 5))  # Saturday
    town.stamp(b, 1, local(2026, 11, 21, 11, 45))
    town.stamp(b, 1, local(2025, 12, 31, 16))  # last year
    town.roll()
    week, shop1 = date(2026, 11, 16), f"shop:{town.shop(1)}"
    assert town.cell(week, Metric.SHOPPERS, grain=Grain.WEEK) == (2, 2)
    assert town.cell(week, Metric.SHOPPERS, shop1, grain=Grain.WEEK) == (2, 2)
    assert town.cell(week, Metric.STAMPS_BY_HOUR, "dow-hour:6-11", grain=Grain.WEEK) == (2, 2)
    assert town.cell(week, Metric.STAMPS_BY_HOUR, "dow-hour:1-10", grain=Grain.WEEK) == (1, 1)
    assert town.cell(date(2026, 11, 1), Metric.SHOPPERS, grain=Grain.MONTH) == (2, 2)
    assert town.cell(date(2026, 1, 1), Metric.SHOPPERS, grain=Grain.YEAR) == (2, 2)
    assert town.cell(date(2025, 1, 1), Metric.SHOPPERS, grain=Grain.YEAR) == (1, 1)
    # the ISO week of 31 December 2025 began on Monday the 29th
    assert town.cell(date(2025, 12, 29), Metric.STAMPS_BY_HOUR, "dow-hour:3-16", grain=Grain.WEEK) == (1, 1)


def test_a_periods_rewards_carry_the_different_shoppers_who_had_them(town):
    """Three rewards by two shoppers in November: the month says 3 rewards by 2 people (the days alone
    could only say "at least 1"), per shop as well."""
    a, b = shoppers(2)
    for user, day in ((a, 3), (a, 17), (b, 17)):
        town.stamp(user, 0, local(2026, 11, day, 10))
        RedemptionFactory(card=town.cards[(user.id, 0)], confirmed_at=local(2026, 11, day, 10, 5))
    town.roll()
    november, shop0 = date(2026, 11, 1), f"shop:{town.shop(0)}"
    assert town.cell(november, Metric.REWARDS, grain=Grain.MONTH) == (3, 2)
    assert town.cell(november, Metric.REWARDS, shop0, grain=Grain.MONTH) == (3, 2)
    assert town.cell(date(2026, 11, 16), Metric.REWARDS, grain=Grain.WEEK) == (2, 2)
    town.roll(rebuild=True)  # rolled again: the same rows, not twice
    assert town.cell(november, Metric.REWARDS, grain=Grain.MONTH) == (3, 2)


def test_brussels_midnight_boundaries_across_the_clock_changes(town):
    a = AnonymousShopperFactory()
    # 29 March 2026: clocks go forward at 02:00; 25 October 2026: back at 03:00 (a day of 25 hours)
    for at in (local(2026, 3, 28, 23, 30), local(2026, 3, 29, 0, 30), local(2026, 10, 25, 23, 30),
               local(2026, 10, 26, 0, 30)):
        town.stamp(a, len(town.cards) % 3, at)
    assert local(2026, 3, 29, 0, 30).day == 28 and local(2026, 10, 26, 0, 30).day == 25  # the UTC day before
    point = CountingPointFactory(city=town.city)
    for day in (date(2026, 3, 29), date(2026, 10, 25)):
        hour = app_clock.day_start(day)
        while hour < app_clock.day_start(day + timedelta(days=1)):
            FootfallCountFactory(point=point, hour=hour, count=1)
            hour += timedelta(hours=1)
    FigureEventFactory(city=town.city, hour=datetime(2026, 10, 25, 22, tzinfo=timezone.utc))  # 23:00 in Brussels
    FigureEventFactory(city=town.city, hour=datetime(2026, 10, 25, 23, tzinfo=timezone.utc))  # midnight
    town.roll()
    stamps = town.rows(metric=Metric.STAMPS)
    for day, hour in ((date(2026, 3, 28), 23), (date(2026, 3, 29), 0), (date(2026, 10, 25), 23),
                      (date(2026, 10, 26), 0)):
        assert stamps[(day, "stamps", "")] == (1, 1)
        assert stamps[(day, "stamps", f"hour:{hour}")] == (1, 1)
    assert town.cell(date(2026, 3, 29), Metric.FOOTFALL) == (23, None)
    assert town.cell(date(2026, 10, 25), Metric.FOOTFALL) == (25, None)
    assert town.cell(date(2026, 10, 25), Metric.PAGE_VIEWS, "home") == (1, None)
    assert town.cell(date(2026, 10, 26), Metric.PAGE_VIEWS, "home") == (1, None)
    assert town.cell(date(2026, 10, 19), Metric.STAMPS_BY_HOUR, "dow-hour:7-23", grain=Grain.WEEK) == (1, 1)
    assert town.cell(date(2026, 10, 26), Metric.STAMPS_BY_HOUR, "dow-hour:1-0", grain=Grain.WEEK) == (1, 1)


# ------------------------------------------------------------------ idempotent, backfilling, never today


def _busy_town(town: Town) -> None:
    people = shoppers(3)
    for n, person in enumerate(people):
        for days_ago in (1, 3, 8, 40):
            town.stamp(person, n, T0 - timedelta(days=days_ago, hours=n))
    FigureEventFactory(city=town.city, hour=local(2026, 11, 20, 9))
    FootfallCountFactory(point=CountingPointFactory(city=town.city), hour=local(2026, 11, 21, 9), count=12)


def test_a_day_rolled_twice_gives_the_same_rows(town):
    _busy_town(town)
    town.roll()
    before = {grain: town.rows(grain) for grain in Grain}
    count = len(db.session.execute(select(FigureRollup.id).where(FigureRollup.city_id == town.city.id)).all())
    again = town.roll(since=TODAY - timedelta(days=40))
    assert again.days == 40 and again.kept == 6  # the days past 35 keep their page views (raw events may be gone)
    town.roll(rebuild=True)
    assert {grain: town.rows(grain) for grain in Grain} == before
    assert len(db.session.execute(select(FigureRollup.id).where(FigureRollup.city_id == town.city.id)).all()) == count
    nothing = town.roll()
    assert (nothing.first, nothing.days, nothing.rows, nothing.through) == (None, 0, 0, TODAY - timedelta(days=1))


def test_the_first_run_starts_at_the_towns_first_data_and_today_is_never_rolled(town):
    a = AnonymousShopperFactory()
    town.stamp(a, 0, T0 - timedelta(days=10))
    town.stamp(a, 0, T0)  # today
    result = town.roll()
    assert (result.first, result.last, result.days) == (TODAY - timedelta(days=10), TODAY - timedelta(days=1), 10)
    assert db.session.execute(select(RollupRun.through).where(RollupRun.city_id == town.city.id)).scalar() \
        == TODAY - timedelta(days=1)
    assert set(town.rows(metric=Metric.STAMPS)) == {(TODAY - timedelta(days=10), "stamps", key)
                                                    for key in ("", f"shop:{town.shop(0)}", "hour:12")}
    assert town.cell(date(2026, 11, 1), Metric.SHOPPERS, grain=Grain.MONTH) == (1, 1)  # today is not in it yet


def test_gaps_are_backfilled_from_the_day_after_the_last_run(town, clock):
    a, b = shoppers(2)
    town.stamp(a, 0, T0 - timedelta(days=2))
    town.roll()
    town.stamp(b, 1, T0)  # today: rolled once the day is over
    town.stamp(b, 1, T0 + timedelta(days=1))
    town.stamp(a, 1, T0 + timedelta(days=2))
    clock.advance(days=4)  # three days without a run
    result = town.roll()
    assert (result.first, result.last, result.days) == (TODAY, TODAY + timedelta(days=3), 4)
    stamped = {start for start, _metric, key in town.rows(metric=Metric.STAMPS) if key == ""}
    assert stamped == {TODAY - timedelta(days=2), TODAY, TODAY + timedelta(days=1), TODAY + timedelta(days=2)}
    assert town.cell(date(2026, 11, 1), Metric.SHOPPERS, grain=Grain.MONTH) == (2, 2)  # the month rolled again
    assert town.cell(date(2026, 11, 23), Metric.SHOPPERS, grain=Grain.WEEK) == (2, 2)


def test_a_town_without_data_is_up_to_date_and_a_failed_run_changes_nothing(town, monkeypatch):
    empty = town.roll()
    assert (empty.first, empty.days, empty.through) == (None, 0, TODAY - timedelta(days=1))
    town.stamp(AnonymousShopperFactory(), 0, T0 - timedelta(days=1, hours=2))
    db.session.commit()

    def broken(*_args):
        raise RuntimeError("the database went away")
    monkeypatch.setattr(rollup, "DAY_SOURCES", (*rollup.DAY_SOURCES[:-1], broken))
    with pytest.raises(RuntimeError):
        rollup.roll_city(town.city, since=TODAY - timedelta(days=1))
    db.session.rollback()
    assert town.rows() == {}
    assert rollup.rolled_through(town.city.id) == TODAY - timedelta(days=1)


def test_figures_past_retention_keep_their_values_when_rolled_again(town, no_request):
    no_request.config["KICK_RETENTION_DAYS"] = 60
    a = AnonymousShopperFactory()
    for days_ago in (90, 10):
        town.stamp(a, 0, T0 - timedelta(days=days_ago))
        FigureEventFactory(city=town.city, hour=local(2026, 11, 25, 9) - timedelta(days=days_ago))
    town.roll()
    before = {grain: town.rows(grain) for grain in Grain}
    assert town.cell(TODAY - timedelta(days=90), Metric.PAGE_VIEWS, "home") == (1, None)
    # the purges: raw events after 35 days, raw scans after the retention period
    privacy.purge_events(35)
    db.session.execute(delete(Stamp).where(Stamp.city_id == town.city.id, Stamp.created_at < T0 - timedelta(days=60)))
    result = town.roll(rebuild=True)
    assert {grain: town.rows(grain) for grain in Grain} == before
    # August (and its weeks) began before the scans' retention: kept; so are the old days' figures
    assert result.kept > 0
    assert town.cell(date(2026, 8, 1), Metric.SHOPPERS, grain=Grain.MONTH) == (1, 1)


def test_request_rollup_queues_the_job_only_when_figures_lag(town, clock):
    town.stamp(AnonymousShopperFactory(), 0, T0 - timedelta(days=3))
    db.session.commit()
    assert rollup.request_rollup(town.city) is True  # never rolled: the job (inline in tests) rolls it now
    db.session.expire_all()
    assert rollup.rolled_through(town.city.id) == TODAY - timedelta(days=1)
    assert town.cell(TODAY - timedelta(days=3), Metric.STAMPS) == (1, 1)
    assert rollup.request_rollup(town.city) is False
    assert rollup.request_rollup(town.city, since=TODAY) is False  # today is not over
    assert rollup.request_rollup(town.city, since=TODAY - timedelta(days=5)) is True  # e.g. old footfall imported
    clock.advance(days=1)
    assert rollup.request_rollup(town.city) is True


def test_the_job_rolls_up_one_town_by_id(town):
    town.stamp(AnonymousShopperFactory(), 0, T0 - timedelta(days=2))
    db.session.commit()
    rollup.rollup_city(town.city.id)
    rollup.rollup_city(10**9)  # a town deleted since: nothing to do
    assert town.cell(TODAY - timedelta(days=2), Metric.STAMPS) == (1, 1)


# ------------------------------------------------------------------ the demo town


def test_the_demo_has_roeselares_last_month_a_year_ago_and_a_cell_of_three_shoppers(no_request):
    city = db.session.execute(select(City).where(City.slug == "roeselare")).scalar_one()
    last_month = (app_clock.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    a_year_ago = last_month.replace(year=last_month.year - 1)
    shoppers_of = dict(db.session.execute(select(FigureRollup.start, FigureRollup.value).where(
        FigureRollup.city_id == city.id, FigureRollup.grain == "month", FigureRollup.metric == "shoppers",
        FigureRollup.key == "")).all())
    assert shoppers_of[last_month] > 100 and shoppers_of[a_year_ago] > 100
    returning = db.session.execute(select(FigureRollup.key, FigureRollup.people).where(
        FigureRollup.city_id == city.id, FigureRollup.grain == "month", FigureRollup.start == last_month,
        FigureRollup.metric == "returning")).all()
    assert ("", 3) not in returning and any(key.startswith("shop:") and people == 3 for key, people in returning)
    assert rollup.rolled_through(city.id) == app_clock.today() - timedelta(days=1)
    # raw events past their retention are gone (the purge ran), their figures stay
    oldest = db.session.execute(select(FigureEvent.hour).where(FigureEvent.city_id == city.id)
                                .order_by(FigureEvent.hour).limit(1)).scalar()
    assert oldest >= app_clock.now() - timedelta(days=36)
    assert db.session.execute(select(FigureRollup.id).where(
        FigureRollup.city_id == city.id, FigureRollup.metric == "page_views",
        FigureRollup.start == a_year_ago)).first() is not None
