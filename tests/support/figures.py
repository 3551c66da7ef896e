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
