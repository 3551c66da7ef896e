"""Helpers for the figures dashboard tests: rollup cells written directly (the rollup job is another room's),
as the rollup writes them (app.figures.models.Metric: day rows per metric and key, period rows for the
different shoppers)."""
from datetime import date, timedelta

from app.figures.models import Grain, Metric
from tests.factories import FigureRollupFactory

# October 2026: a month of 31 days, Thursday 1 to Saturday 31; the reading tests' "today" is in November.
OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))
TODAY = date(2026, 11, 18)


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def cell(city, metric: Metric, start: date, value: int, *, key: str = "", people: int | None = None,
         grain: Grain = Grain.DAY):
    return FigureRollupFactory(city=city, metric=metric.value, start=start, value=value, key=key, people=people,
                               grain=grain.value)


def stamp_days(city, start: date, end: date, *, stamps: int = 30, people: int = 20, key: str = "") -> int:
    """The same stamps and shoppers every day; returns the stamps added up."""
    for day in days(start, end):
        cell(city, Metric.STAMPS, day, stamps, key=key, people=people)
    return stamps * len(days(start, end))


def month_shoppers(city, first: date, value: int, *, key: str = "", people: int | None = None):
    cell(city, Metric.SHOPPERS, first, value, key=key, people=value if people is None else people,
         grain=Grain.MONTH)


# ------------------------------------------------------------------ a town's story, for pages people look at
WEEKDAY = (0.55, 0.8, 1.0, 0.9, 1.25, 1.9, 0.25)  # Monday .. Sunday
SEASON = {1: 0.7, 2: 0.75, 3: 0.9, 4: 1.0, 5: 1.0, 6: 1.05, 7: 1.1, 8: 1.05, 9: 0.95, 10: 1.0, 11: 1.1, 12: 1.55}
HOURS = {9: 0.5, 10: 1.0, 11: 1.5, 12: 1.0, 13: 0.8, 14: 1.2, 15: 1.6, 16: 1.5, 17: 1.1, 18: 0.4}


def story_rows(city_id: int, start: date, end: date, *, shops: dict[int, float], trails: dict[int, float],
               points: dict[int, int], quiet_shop: int | None = None, level: float = 60, growth: float = 0.12,
               seed: int = 14) -> list[dict]:
    """Rollup rows as the rollup job writes them for a town with a story: Saturdays busy, December busier,
    a year better than the one before, a week of expired codes (a torn poster) in the last month, and one
    quiet shop (`quiet_shop`) whose last month describes 3 shoppers. `shops`/`trails`: id -> share of the
    stamps or views; `points`: counting point id -> people counted on an ordinary day."""
    import random
    from collections import defaultdict

    rng = random.Random(seed)
    rows: list[dict] = []
    periods: dict[tuple[str, date], dict] = defaultdict(lambda: defaultdict(int))
    last_month = date(end.year, end.month, 1)  # the last full month: the one `end` ends, or the one before
    if (end + timedelta(days=1)).month == end.month:
        last_month = (last_month - timedelta(days=1)).replace(day=1)

    def add(metric, day, value, key="", people=None, grain="day"):
        rows.append({"city_id": city_id, "grain": grain, "start": day, "metric": metric, "key": key,
                     "value": int(value), "people": people})

    def grains(day):
        return (("week", day - timedelta(days=day.weekday())), ("month", day.replace(day=1)),
                ("year", day.replace(month=1, day=1)))

    for day in days(start, end):
        years = (day - start).days / 365
        busy = WEEKDAY[day.weekday()] * SEASON[day.month] * (1 + growth) ** years * rng.uniform(0.85, 1.15)
        stamps = round(level * busy)
        add("stamps", day, stamps, people=round(stamps * 0.86))
        for hour, weight in HOURS.items():
            n = round(stamps * weight / sum(HOURS.values()))
            if n:
                add("stamps", day, n, key=f"hour:{hour}", people=max(1, round(n * 0.9)))
                for grain, first in grains(day):
                    periods[grain, first][f"dow-hour:{day.isoweekday()}-{hour}"] += n
        for shop_id, share in shops.items():
            n = round(stamps * share * rng.uniform(0.7, 1.3))
            if shop_id == quiet_shop:
                this_month = last_month <= day < (last_month + timedelta(days=32)).replace(day=1)
                n = (1 if day.day in (4, 11, 19) else 0) if this_month else (1 if rng.random() < 0.4 else 0)
            if n:
                add("stamps", day, n, key=f"shop:{shop_id}", people=max(1, round(n * 0.9)))
                if rng.random() < n / 9:
                    add("rewards", day, 1, key=f"shop:{shop_id}", people=1)
                    for grain, first in grains(day):
                        periods[grain, first][f"rewards:shop:{shop_id}"] += 1
                for grain, first in grains(day):
                    periods[grain, first][f"shop:{shop_id}"] += n
            add("page_views", day, round(level * 0.3 * share * busy * rng.uniform(2, 4)) + 1, key=f"shop:{shop_id}")
        for grain, first in grains(day):
            periods[grain, first][""] += stamps
        add("rewards", day, max(1, round(stamps / 9)), people=max(1, round(stamps / 9)))
        accounts = rng.choice((0, 1, 1, 2, 3))
        add("new_accounts", day, accounts, people=accounts)
        starts, done = rng.choice((1, 2, 2, 3, 4)), rng.choice((0, 1, 1, 2))
        add("pass_starts", day, starts, people=starts)
        if done:
            add("pass_completions", day, done, people=done)
            add("pass_days", day, done, key=f"days:{rng.choice((5, 8, 9, 12, 14, 21, 30))}", people=done)
            add("pass_rewards", day, done, people=done)
        for page, share in (("home", 2.5), ("shops", 1.2), ("trails", 0.8), ("green", 0.4), ("stamps", 0.9),
                            ("pass", 0.5)):
            add("page_views", day, round(level * share * busy * rng.uniform(0.8, 1.2)), key=page)
        for trail_id, share in trails.items():
            views = round(level * share * busy * rng.uniform(0.6, 1.4))
            add("page_views", day, views, key=f"trail:{trail_id}")
            walks = round(views * 0.22)
            if walks:
                add("trail_starts", day, walks, key=f"trail:{trail_id}")
                add("trail_completions", day, round(walks * 0.6), key=f"trail:{trail_id}")
        torn = last_month <= day and day.month == last_month.month and 9 <= day.day <= 15
        for reason, mean in (("cooldown", 2.5), ("expired", 9 if torn else 0.8), ("invalid", 0.4), ("wrong_city", 0.1)):
            n = round(rng.expovariate(1 / mean)) if mean else 0
            if n:
                add("refusals", day, n, key=reason)
        total = 0
        for point_id, ordinary in points.items():
            n = round(ordinary * WEEKDAY[day.weekday()] ** 0.6 * SEASON[day.month] * rng.uniform(0.9, 1.1))
            add("footfall", day, n, key=f"point:{point_id}")
            total += n
        if points:
            add("footfall", day, total)
    _period_rows(add, periods, shops, quiet_shop, last_month)
    return rows


def _period_rows(add, periods, shops, quiet_shop, last_month) -> None:
    """Different shoppers, returning shoppers and the heat map per week, month and year."""
    for (grain, first), cells in periods.items():
        shoppers = round(cells[""] * {"week": 0.7, "month": 0.5, "year": 0.3}[grain])
        add("shoppers", first, shoppers, people=shoppers, grain=grain)
        add("returning", first, round(shoppers * 0.28), people=round(shoppers * 0.28), grain=grain)
        for shop_id in shops:
            n = cells.get(f"shop:{shop_id}", 0)
            if n:
                people = 3 if shop_id == quiet_shop and grain == "month" and first == last_month \
                    else max(1, round(n * {"week": 0.8, "month": 0.6, "year": 0.4}[grain]))
                add("shoppers", first, people, key=f"shop:{shop_id}", people=people, grain=grain)
        for key, n in cells.items():
            if key.startswith("rewards:"):  # a shopper fills a card at one shop once a period, near enough
                add("rewards", first, n, key=key.split(":", 1)[1], people=n, grain=grain)
            if key.startswith("dow-hour:"):
                add("stamps_by_hour", first, n, key=key, people=max(1, round(n * 0.75)), grain=grain)
