"""What the figures dashboard reads: a period of a city's rollups beside the period before it and the same
period last year, with small cells hidden (app.core.suppression).

Only FigureRollup rows are read (the aggregates, never a stamp, card or account), plus the names of the
city's shops, trails and counting points. The studio page, its CSV and the API all show one `Dashboard`,
so they hide exactly the same cells.

People. A rollup cell says how many different shoppers it describes (`people`). Summed over days that
number is not known any more (a shopper of two days counts once in the period), so a period total takes
its people from the period row of the same cell where the rollup writes one (week, month, year: SHOPPERS
for stamps, RETURNING, STAMPS_BY_HOUR), else from the days: their sum for figures a person enters only
once (a confirmed account, a pass card begun, completed or rewarded), else the largest day, which is the
least the period can describe. Hiding on that lower bound is safe: a shown figure always describes at
least the minimum, a small town just sees a few more cells hidden on a custom period.

Secondary suppression works row by row, each row being cells whose total is shown or can be worked out:
the days of the period (total: the period's stamps), each weekday of the heat map (total: those days in
the daily series), the shops (total: the city's), the streets (a street with a hidden shop is hidden too,
else the street minus its shown shops would give the hidden one back).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, func, literal_column, or_, select, union_all

from app.cities.models import City, CityStatus
from app.core.i18n import translate
from app.core.problem import ProblemError
from app.core.text import street_of
from app.extensions import db
from app.figures.models import CountingPoint, FigureRollup, Grain, Metric, RollupRun
from app.core.suppression import Cell, hidden_cells, too_small
from app.loyalty.models import RefusalReason
from app.shops.models import Shop, ShopStatus
from app.trails.models import Trail, TrailKind, TrailStatus

MAX_DAYS = 366
FIRST_YEAR = 2020  # no town used the app before; an earlier period can only be a typing error
MIN_TOWNS = 3  # the average of the live towns is shown once this many towns have figures for it
MOVERS = 3  # shops that rose most, and fell most
# Figures a person enters once only: the people of the days add up to the people of the period.
ONCE_PER_PERSON = frozenset({Metric.NEW_ACCOUNTS, Metric.PASS_STARTS, Metric.PASS_COMPLETIONS,
                             Metric.PASS_REWARDS, Metric.PASS_DAYS})
# The period row whose people describe a cell of day rows summed over a week, a month or a year.
PEOPLE_OF = {Metric.STAMPS: Metric.SHOPPERS}
REFUSAL_REASONS = tuple(RefusalReason)  # every reason a row, in loyalty's order
SERIES_METRICS = (Metric.STAMPS, Metric.FOOTFALL, Metric.REFUSALS)
# The day metrics, named so the read index (city, metric, grain, start) serves every query.
DAY_METRICS = tuple(m.value for m in Metric if m not in (Metric.SHOPPERS, Metric.RETURNING, Metric.STAMPS_BY_HOUR))


# ------------------------------------------------------------------ periods
@dataclass(frozen=True)
class Period:
    """Brussels days `start` .. `end`, both included."""
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def kind(self) -> str:
        """week (Monday to Sunday), month, year or custom."""
        if self.start.weekday() == 0 and self.days == 7:
            return "week"
        if self.start.day == 1 and self.end == _month_end(self.end) and self.start.year == self.end.year:
            if self.start.month == self.end.month:
                return "month"
            if (self.start.month, self.end.month) == (1, 12):
                return "year"
        return "custom"

    @property
    def grain(self) -> Grain | None:
        """The rollup grain whose period rows describe exactly these days, if any."""
        return {"week": Grain.WEEK, "month": Grain.MONTH, "year": Grain.YEAR}.get(self.kind)

    def dates(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range(self.days)]

    def previous(self) -> Period:
        """The period just before, of the same kind: last week, last month, last year, or as many days."""
        if self.kind == "month":
            first = _add_months(self.start, -1)
            return Period(first, _month_end(first))
        if self.kind == "year":
            return Period(self.start.replace(year=self.start.year - 1), self.end.replace(year=self.end.year - 1))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def last_year(self) -> Period:
        """The same period a year earlier: the same ISO week days (52 weeks back, Saturdays against
        Saturdays) for a week, the same calendar days otherwise."""
        if self.kind == "week":
            return Period(self.start - timedelta(weeks=52), self.end - timedelta(weeks=52))
        if self.kind == "month":
            first = _add_months(self.start, -12)
            return Period(first, _month_end(first))
        return Period(_year_back(self.start), _year_back(self.end))

    def next(self) -> Period:
        if self.kind == "month":
            first = _add_months(self.start, 1)
            return Period(first, _month_end(first))
        if self.kind == "year":
            return Period(self.start.replace(year=self.start.year + 1), self.end.replace(year=self.end.year + 1))
        return Period(self.end + timedelta(days=1), self.end + timedelta(days=self.days))

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind, "days": self.days}


def _month_end(day: date) -> date:
    return _add_months(day.replace(day=1), 1) - timedelta(days=1)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1, day=1)


def _year_back(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def last_full_month(today: date) -> Period:
    first = _add_months(today.replace(day=1), -1)
    return Period(first, _month_end(first))


def last_full_week(today: date) -> Period:
    monday = today - timedelta(days=today.weekday() + 7)
    return Period(monday, monday + timedelta(days=6))


def period_for(start: date | None, end: date | None, *, today: date) -> Period:
    """The period a reader asked for (`from`, `to`), or the last full month; a 422 for one it cannot be."""
    if start is None and end is None:
        return last_full_month(today)
    if start is None or end is None:
        missing = "from" if start is None else "to"
        raise ProblemError(422, _("Give both days of the period."), code="bad_period",
                           errors={missing: [_("Required with the other day.")]})
    if start > end:
        raise ProblemError(422, _("The period ends before it starts."), code="bad_period",
                           errors={"to": [_("Choose a day on or after the first.")]})
    if start > today:
        raise ProblemError(422, _("This period has not begun yet: figures come the day after each day."),
                           code="bad_period", errors={"from": [_("Choose a day up to today.")]})
    if start.year < FIRST_YEAR:
        raise ProblemError(422, _("The app has no figures before %(year)d.", year=FIRST_YEAR), code="bad_period",
                           errors={"from": [_("Choose a day in %(year)d or later.", year=FIRST_YEAR)]})
    if (end - start).days + 1 > MAX_DAYS:
        raise ProblemError(422, _("A period is at most %(n)d days.", n=MAX_DAYS), code="bad_period",
                           errors={"to": [_("At most %(n)d days after the first.", n=MAX_DAYS - 1)]})
    return Period(start, end)


# ------------------------------------------------------------------ what the reader sees
@dataclass(frozen=True)
class Shown:
    """One figure as shown: its value, None when hidden (`hidden`) or when there is none (`missing`)."""
    value: int | float | None
    hidden: bool = False
    guards: bool = False  # hidden although large enough: it would give a smaller hidden cell back

    @property
    def missing(self) -> bool:
        return self.value is None and not self.hidden


HIDDEN = Shown(None, hidden=True)
GUARD = Shown(None, hidden=True, guards=True)
NONE = Shown(None)


@dataclass(frozen=True)
class Trio:
    """A figure in the period, the period before and the same period last year."""
    now: Shown
    previous: Shown
    last_year: Shown

    def change(self, against: str) -> float | None:
        """Per cent change against `previous` or `last_year`; None when either is not shown or is 0. Not rounded:
        the page rounds once, as it does the index beside it (+27.46 % read +28 % by the card, 127 by the index)."""
        other = getattr(self, against).value
        if self.now.value is None or not other:
            return None
        return (self.now.value - other) / other * 100

    def as_dict(self) -> dict:
        return {"value": self.now.value, "previous": self.previous.value, "last_year": self.last_year.value}


@dataclass
class Row:
    """A line of a per-item table (a trail, a shop, a street, a counting point, a refusal reason)."""
    key: str
    name: str
    figures: dict[str, Trio]
    kind: str = ""  # a trail's kind, a shop's category
    street: str = ""
    shops: int = 0  # a street's number of shops


@dataclass(frozen=True)
class DayPoint:
    day: date
    value: Shown
    last_year_day: date
    last_year: Shown


@dataclass(frozen=True)
class Index:
    """A figure of the period against the same period last year (100: as much), for this town and on
    average for the live towns that have the figure (`towns`; the average needs MIN_TOWNS of them)."""
    metric: str
    own: int | None
    average: int | None
    towns: int


@dataclass
class Dashboard:
    city_id: int
    period: Period
    previous: Period
    last_year: Period
    minimum: int
    through: date | None  # the last day rolled up
    key: dict[str, Trio] = field(default_factory=dict)
    stamps_per_day: list[DayPoint] = field(default_factory=list)
    heatmap: list[list[Shown]] = field(default_factory=list)  # 7 weekdays (Monday first) x 24 hours
    heatmap_from_days: bool = False  # a custom period: built from day rows with their lower bound of people
    footfall_points: list[Row] = field(default_factory=list)
    footfall_per_day: list[tuple[date, list[int | None]]] = field(default_factory=list)  # per point, in order
    refusals: list[Row] = field(default_factory=list)
    refusals_per_day: list[tuple[date, list[int]]] = field(default_factory=list)  # per reason of `refusals`
    trails: list[Row] = field(default_factory=list)
    green_routes: list[Row] = field(default_factory=list)
    shops: list[Row] = field(default_factory=list)
    streets: list[Row] = field(default_factory=list)
    risers: list[tuple[Row, int]] = field(default_factory=list)
    fallers: list[tuple[Row, int]] = field(default_factory=list)
    comparison: list[Index] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)

    @property
    def has_figures(self) -> bool:
        return self.through is not None

    def heat_level(self, shown: Shown) -> int:
        """0..5 for the heat map's colour: the share of the busiest shown cell."""
        top = max((cell.value for row in self.heatmap for cell in row if cell.value), default=0)
        if not shown.value or not top:
            return 0
        return min(5, 1 + int(shown.value / top * 5 - 1e-9))


# ------------------------------------------------------------------ sums of rollup rows
PERIODS = ("now", "previous", "last_year")


@dataclass
class Sum:
    value: int = 0
    max_people: int | None = None
    sum_people: int | None = None

    def add(self, value: int, people: int | None) -> None:
        self.value += value or 0
        if people is not None:
            self.max_people = max(self.max_people or 0, people)
            self.sum_people = (self.sum_people or 0) + people

    def cell(self, metric: str) -> Cell:
        """The days added up; their people as the period's: summed for a figure a person enters once,
        else the largest day (the least the period can describe)."""
        return Cell(self.value, self.sum_people if metric in ONCE_PER_PERSON else self.max_people)


def _in(periods: Iterable[Period]):
    return or_(*(FigureRollup.start.between(p.start, p.end) for p in periods))


def _per_period(periods: list[Period], query):
    """`query(period)` for each period, labelled with its place, in one statement (UNION ALL): periods may
    overlap (a long custom period and the one before it), so a day belongs to each period it is in."""
    parts = [query(p).add_columns(literal_column(str(i)).label("which")) for i, p in enumerate(periods)]
    return db.session.execute(union_all(*parts)).all()


class Reader:
    """The rollup rows of one city for the three periods, read in two grouped queries."""

    def __init__(self, city_id: int, periods: list[Period]):
        self.city_id = city_id
        self.periods = periods
        self.sums: list[dict[tuple[str, str], Sum]] = [{} for _ in periods]
        self.period_rows: list[dict[tuple[str, str], Cell]] = [{} for _ in periods]
        self._read_day_sums()
        self._read_period_rows()

    def _read_day_sums(self) -> None:
        def query(period):
            return (select(FigureRollup.metric, FigureRollup.key, func.sum(FigureRollup.value),
                           func.max(FigureRollup.people), func.sum(FigureRollup.people))
                    .where(FigureRollup.city_id == self.city_id, FigureRollup.metric.in_(DAY_METRICS),
                           FigureRollup.grain == Grain.DAY.value, FigureRollup.start.between(period.start, period.end),
                           ~and_(FigureRollup.metric == Metric.STAMPS.value, FigureRollup.key.like("hour:%")))
                    .group_by(FigureRollup.metric, FigureRollup.key))
        for metric, key, value, max_people, sum_people, index in _per_period(self.periods, query):
            self.sums[index][metric, key] = Sum(int(value or 0), max_people, sum_people)

    def _read_period_rows(self) -> None:
        grain = self.periods[0].grain
        if grain is None:
            return
        rows = db.session.execute(
            select(FigureRollup.start, FigureRollup.metric, FigureRollup.key, FigureRollup.value,
                   FigureRollup.people)
            .where(FigureRollup.city_id == self.city_id, FigureRollup.grain == grain.value,
                   FigureRollup.start.in_({p.start for p in self.periods})))
        for start, metric, key, value, people in rows:
            for index, period in enumerate(self.periods):
                if period.start == start:
                    self.period_rows[index][metric, key] = Cell(value, people)

    def keys(self, metric: Metric, prefix: str = "") -> set[str]:
        return {key for sums in self.sums for (m, key) in sums if m == metric.value and key.startswith(prefix)}

    def value(self, index: int, metric: Metric, key: str = "") -> int:
        """A figure about no one (page views, trail starts, footfall, refusals) added up over the days."""
        found = self.sums[index].get((metric.value, key))
        return found.value if found else 0

    def cell(self, index: int, metric: Metric, key: str = "") -> Cell | None:
        """The period's cell: its period row, or its days added up; None: the period cannot have it
        (different shoppers of a custom period)."""
        rows, grain = self.period_rows[index], self.periods[index].grain
        if metric in (Metric.SHOPPERS, Metric.RETURNING, Metric.STAMPS_BY_HOUR):
            return rows.get((metric.value, key), Cell(0, 0)) if grain is not None else None
        total = self.sums[index].get((metric.value, key), Sum())
        source = (PEOPLE_OF.get(metric, metric).value, key)
        if source in rows:
            return Cell(total.value, rows[source].people)
        return total.cell(metric.value)

    def total_of(self, index: int, metric: Metric) -> int:
        """Every key of a metric added up (the page views of all pages)."""
        return sum(s.value for (m, _key), s in self.sums[index].items() if m == metric.value)


class Builder:
    """Builds a Dashboard; every hidden cell's path goes into its `suppressed` list (the API's)."""

    def __init__(self, dashboard: Dashboard, reader: Reader):
        self.d = dashboard
        self.r = reader
        self.minimum = dashboard.minimum

    def shown(self, path: str, index: int, cell: Cell | None, hidden: bool = False) -> Shown:
        if cell is None:
            return NONE
        if hidden or too_small(cell, self.minimum):
            self.d.suppressed.append(f"{path}.{PERIODS[index]}")
            return HIDDEN if too_small(cell, self.minimum) else GUARD
        return Shown(cell.value)

    def total_shown(self, index: int, metric: Metric) -> bool:
        total = self.r.cell(index, metric)
        return total is not None and not too_small(total, self.minimum)

    def trio(self, path: str, metric: Metric, key: str = "") -> Trio:
        return Trio(*(self.shown(path, i, self.r.cell(i, metric, key)) for i in range(3)))

    def counts(self, metric: Metric, key: str = "") -> Trio:
        return Trio(*(Shown(self.r.value(i, metric, key)) for i in range(3)))

    def column(self, paths: list[str], index: int, cells: list[Cell | None], total_shown: bool) -> list[Shown]:
        """Cells whose total is shown (or can be worked out): primary and secondary suppression."""
        hidden = hidden_cells([cell or Cell(0, None) for cell in cells], self.minimum, total_shown=total_shown)
        return [self.shown(paths[n], index, cell, hidden=n in hidden) for n, cell in enumerate(cells)]


# ------------------------------------------------------------------ the dashboard
def read_dashboard(city, period: Period, *, minimum: int) -> Dashboard:
    """Everything the studio page, its CSV and the API show for `period` of `city`."""
    previous, last_year = period.previous(), period.last_year()
    through = db.session.execute(select(RollupRun.through).where(RollupRun.city_id == city.id)).scalar()
    dashboard = Dashboard(city.id, period, previous, last_year, minimum, through)
    build = Builder(dashboard, Reader(city.id, [period, previous, last_year]))
    _key_figures(build)
    footfall_days, refusal_days = _days(build, city.id)
    _heatmap(build, city.id)
    _trails(build, city.id)
    _shops(build, city.id)
    _footfall(build, city.id, footfall_days)
    _refusals(build, refusal_days)
    dashboard.comparison = _comparison(city.id, period, last_year, minimum)
    return dashboard


def _key_figures(build: Builder) -> None:
    key = build.d.key
    for name, metric in (("stamps", Metric.STAMPS), ("shoppers", Metric.SHOPPERS), ("returning", Metric.RETURNING),
                         ("new_accounts", Metric.NEW_ACCOUNTS), ("rewards", Metric.REWARDS),
                         ("pass_starts", Metric.PASS_STARTS), ("pass_completions", Metric.PASS_COMPLETIONS),
                         ("pass_rewards", Metric.PASS_REWARDS)):
        key[name] = build.trio(f"key.{name}", metric)
    key["pass_median_days"] = Trio(*(_median_days(build, i) for i in range(3)))
    key["footfall"] = build.counts(Metric.FOOTFALL)
    for name, metric in (("page_views", Metric.PAGE_VIEWS), ("trail_starts", Metric.TRAIL_STARTS),
                         ("trail_completions", Metric.TRAIL_COMPLETIONS), ("refusals", Metric.REFUSALS)):
        key[name] = Trio(*(Shown(build.r.total_of(i, metric)) for i in range(3)))


def median(counts: dict[int, int]) -> float | None:
    """The median of a distribution {value: how many}."""
    total = sum(counts.values())
    if not total:
        return None
    wanted = {(total - 1) // 2, total // 2}  # the middle place, or the two middle places
    found, seen = [], 0
    for value in sorted(counts):
        for place in sorted(wanted):
            if seen <= place < seen + counts[value]:
                found.append(value)
        seen += counts[value]
    middle = sum(found) / len(found)
    return int(middle) if middle == int(middle) else middle


def _median_days(build: Builder, index: int) -> Shown:
    """Median days from a pass card's start to its completion, about the people of the completions."""
    counts = {int(key.split(":", 1)[1]): s.value for (metric, key), s in build.r.sums[index].items()
              if metric == Metric.PASS_DAYS.value and key.startswith("days:") and s.value > 0}
    if not counts:
        return NONE
    cell = build.r.cell(index, Metric.PASS_DAYS, "")
    people = sum(s.sum_people or 0 for (metric, _key), s in build.r.sums[index].items()
                 if metric == Metric.PASS_DAYS.value)
    shown = build.shown("key.pass_median_days", index, Cell(cell.value, people or sum(counts.values())))
    return shown if shown.hidden else Shown(median(counts))


def _days(build: Builder, city_id: int) -> tuple[dict, dict]:
    """Stamps per day beside last year's; footfall per point and refusals per reason per day."""
    d = build.d

    def query(period):
        return (select(FigureRollup.start, FigureRollup.metric, FigureRollup.key, FigureRollup.value,
                       FigureRollup.people)
                .where(FigureRollup.city_id == city_id, FigureRollup.grain == Grain.DAY.value,
                       FigureRollup.start.between(period.start, period.end),
                       FigureRollup.metric.in_([m.value for m in SERIES_METRICS]),
                       or_(FigureRollup.metric != Metric.STAMPS.value, FigureRollup.key == "")))
    stamps: list[dict[date, Cell]] = [{}, {}]
    footfall: dict[tuple[date, str], int] = {}
    refusals: dict[tuple[date, str], int] = {}
    for start, metric, key, value, people, index in _per_period([d.period, d.last_year], query):
        if metric == Metric.STAMPS.value:
            stamps[index][start] = Cell(value, people)
        elif index == 0 and metric == Metric.FOOTFALL.value:
            footfall[start, key] = value
        elif index == 0 and metric == Metric.REFUSALS.value:
            refusals[start, key] = value
    series = []
    for n, (index, period) in enumerate(((0, d.period), (2, d.last_year))):
        dates = period.dates()
        series.append(build.column([f"stamps_per_day.{day.isoformat()}" for day in dates], index,
                                   [stamps[n].get(day, Cell(0, 0)) for day in dates],
                                   total_shown=build.total_shown(index, Metric.STAMPS)))
    last_dates = d.last_year.dates()
    d.stamps_per_day = [DayPoint(day, series[0][n], last_dates[n] if n < len(last_dates) else None,
                                 series[1][n] if n < len(series[1]) else NONE)
                        for n, day in enumerate(d.period.dates())]
    return footfall, refusals


def _heatmap(build: Builder, city_id: int) -> None:
    """Stamps per weekday and hour. A week, month or year has its period rows; a custom period adds up
    the hour rows of its days, the largest day being the people of a cell (a lower bound)."""
    d = build.d
    cells: dict[tuple[int, int], Cell] = {}
    if d.period.grain is not None:
        for (metric, key), cell in build.r.period_rows[0].items():
            if metric == Metric.STAMPS_BY_HOUR.value and key.startswith("dow-hour:"):
                dow, hour = (int(part) for part in key.split(":", 1)[1].split("-"))
                cells[dow, hour] = cell
    else:
        d.heatmap_from_days = True
        sums: dict[tuple[int, int], Sum] = defaultdict(Sum)
        rows = db.session.execute(
            select(FigureRollup.start, FigureRollup.key, FigureRollup.value, FigureRollup.people)
            .where(FigureRollup.city_id == city_id, FigureRollup.grain == Grain.DAY.value,
                   FigureRollup.start.between(d.period.start, d.period.end),
                   FigureRollup.metric == Metric.STAMPS.value, FigureRollup.key.like("hour:%")))
        for start, key, value, people in rows:
            sums[start.isoweekday(), int(key.split(":", 1)[1])].add(value, people)
        cells = {where: s.cell(Metric.STAMPS.value) for where, s in sums.items()}
    # A weekday's row adds up to its days in the daily series, which is shown: each row is protected.
    d.heatmap = [build.column([f"heatmap.{dow}-{hour}" for hour in range(24)], 0,
                              [cells.get((dow, hour), Cell(0, 0)) for hour in range(24)], total_shown=True)
                 for dow in range(1, 8)]


def _trails(build: Builder, city_id: int) -> None:
    r = build.r
    with_data = {key for metric in (Metric.PAGE_VIEWS, Metric.TRAIL_STARTS, Metric.TRAIL_COMPLETIONS)
                 for key in r.keys(metric, "trail:")}
    trails = db.session.execute(select(Trail.id, Trail.title, Trail.kind, Trail.status)
                                .where(Trail.city_id == city_id)).all()
    for trail_id, title, kind, status in trails:
        key = f"trail:{trail_id}"
        if status != TrailStatus.PUBLISHED and key not in with_data:
            continue
        figures = {"views": build.counts(Metric.PAGE_VIEWS, key), "starts": build.counts(Metric.TRAIL_STARTS, key),
                   "completions": build.counts(Metric.TRAIL_COMPLETIONS, key)}
        row = Row(key, translate(title), figures, kind=kind)
        (build.d.green_routes if kind == TrailKind.GREEN else build.d.trails).append(row)
    for rows in (build.d.trails, build.d.green_routes):
        rows.sort(key=lambda row: (-(row.figures["views"].now.value or 0), row.name))


def _shops(build: Builder, city_id: int) -> None:
    d, r = build.d, build.r
    with_data = {key for metric in (Metric.PAGE_VIEWS, Metric.STAMPS, Metric.REWARDS) for key in r.keys(metric, "shop:")}
    shops = [(f"shop:{shop_id}", translate(name), category, street_of(address))
             for shop_id, name, category, address, status in db.session.execute(
                 select(Shop.id, Shop.name, Shop.category, Shop.address, Shop.status).where(Shop.city_id == city_id))
             if status == ShopStatus.APPROVED or f"shop:{shop_id}" in with_data]
    cells: dict[str, list[list[Cell | None]]] = {}
    columns: dict[str, list[list[Shown]]] = {}
    for name, metric in (("stamps", Metric.STAMPS), ("rewards", Metric.REWARDS)):
        cells[name] = [[r.cell(i, metric, key) for key, *_rest in shops] for i in range(3)]
        columns[name] = [build.column([f"shops.{key}.{name}" for key, *_rest in shops], i, cells[name][i],
                                      total_shown=build.total_shown(i, metric)) for i in range(3)]
    for n, (key, name, category, street) in enumerate(shops):
        figures = {"views": build.counts(Metric.PAGE_VIEWS, key),
                   "stamps": Trio(*(columns["stamps"][i][n] for i in range(3))),
                   "rewards": Trio(*(columns["rewards"][i][n] for i in range(3)))}
        d.shops.append(Row(key, name, figures, kind=category, street=street))
    _streets(build, cells)
    d.shops.sort(key=lambda row: (-(row.figures["stamps"].now.value or 0), -row.figures["views"].now.value,
                                  row.name))
    moves = [(row, row.figures["stamps"].now.value - row.figures["stamps"].previous.value) for row in d.shops
             if row.figures["stamps"].now.value is not None and row.figures["stamps"].previous.value is not None]
    d.risers = sorted((m for m in moves if m[1] > 0), key=lambda m: (-m[1], m[0].name))[:MOVERS]
    d.fallers = sorted((m for m in moves if m[1] < 0), key=lambda m: (m[1], m[0].name))[:MOVERS]


def _streets(build: Builder, cells: dict[str, list[list[Cell | None]]]) -> None:
    """The shops added up per street (d.shops is still in the order of `cells`)."""
    d = build.d
    members: dict[str, list[int]] = defaultdict(list)
    for n, shop in enumerate(d.shops):
        members[shop.street].append(n)
    names = sorted(members)
    figures: dict[str, dict[str, Trio]] = {name: {} for name in names}
    for column, metric in (("stamps", Metric.STAMPS), ("rewards", Metric.REWARDS)):
        per_period = []
        for i in range(3):
            street_cells, guarding = [], set()
            for name in names:
                shop_cells = [cells[column][i][n] for n in members[name] if cells[column][i][n] is not None]
                people = [cell.people for cell in shop_cells if cell.people is not None]
                cell = Cell(sum(cell.value for cell in shop_cells), max(people) if people else None)
                if any(getattr(d.shops[n].figures[column], PERIODS[i]).hidden for n in members[name]):
                    # The street minus its shown shops would give the hidden shop back: it is hidden too.
                    if not too_small(cell, build.minimum):
                        guarding.add(len(street_cells))  # hidden for the shop's sake, not small itself
                    cell = Cell(cell.value, min(cell.people or 1, build.minimum - 1))
                street_cells.append(cell)
            shown = build.column([f"streets.{name}.{column}" for name in names], i, street_cells,
                                 total_shown=build.total_shown(i, metric))
            per_period.append([GUARD if n in guarding else one for n, one in enumerate(shown)])
        for s, name in enumerate(names):
            figures[name][column] = Trio(*(per_period[i][s] for i in range(3)))
    for name in names:
        figures[name]["views"] = Trio(*(Shown(sum(getattr(d.shops[n].figures["views"], period).value
                                                  for n in members[name])) for period in PERIODS))
        d.streets.append(Row(f"street:{name}", name or "-", figures[name], shops=len(members[name])))
    d.streets.sort(key=lambda row: (-(row.figures["stamps"].now.value or 0), -row.figures["views"].now.value,
                                    row.name))


def _footfall(build: Builder, city_id: int, days: dict) -> None:
    d = build.d
    points = db.session.execute(select(CountingPoint.id, CountingPoint.name)
                                .where(CountingPoint.city_id == city_id).order_by(CountingPoint.name)).all()
    for point_id, name in points:
        key = f"point:{point_id}"
        d.footfall_points.append(Row(key, name, {"count": build.counts(Metric.FOOTFALL, key)}))
    d.footfall_per_day = [(day, [days.get((day, row.key)) for row in d.footfall_points]) for day in d.period.dates()]


def _refusals(build: Builder, days: dict) -> None:
    d = build.d
    reasons = list(REFUSAL_REASONS) + sorted(build.r.keys(Metric.REFUSALS) - set(REFUSAL_REASONS))
    d.refusals = [Row(reason, reason, {"count": build.counts(Metric.REFUSALS, reason)}) for reason in reasons]
    d.refusals_per_day = [(day, [days.get((day, row.key), 0) for row in d.refusals]) for day in d.period.dates()]


# ------------------------------------------------------------------ the towns compared
COMPARED_METRICS = {"stamps": Metric.STAMPS, "page_views": Metric.PAGE_VIEWS, "footfall": Metric.FOOTFALL,
                    "pass_starts": Metric.PASS_STARTS}


def _comparison(city_id: int, period: Period, last_year: Period, minimum: int) -> list[Index]:
    """Each compared figure as an index (the period against the same period last year, x 100) for this town
    beside the average index of the live towns that have it: never another town's own figures."""
    live = select(City.id).where(City.status == CityStatus.LIVE.value).scalar_subquery()
    towns_of = or_(FigureRollup.city_id.in_(live), FigureRollup.city_id == city_id)
    names = {metric.value: name for name, metric in COMPARED_METRICS.items()}

    def query(p):
        return (select(FigureRollup.city_id, FigureRollup.metric, func.sum(FigureRollup.value),
                       func.max(FigureRollup.people), func.sum(FigureRollup.people))
                .where(towns_of, FigureRollup.grain == Grain.DAY.value, FigureRollup.start.between(p.start, p.end),
                       FigureRollup.metric.in_(list(names)),
                       or_(FigureRollup.key == "", FigureRollup.metric == Metric.PAGE_VIEWS.value))
                .group_by(FigureRollup.city_id, FigureRollup.metric))
    cells: dict[tuple[int, str], list[Cell | None]] = defaultdict(lambda: [Cell(0, 0), Cell(0, 0)])
    for town, metric, value, max_people, sum_people, index in _per_period([period, last_year], query):
        cells[town, names[metric]][index] = Sum(int(value or 0), max_people, sum_people).cell(metric)
    if period.grain is not None:
        shoppers = db.session.execute(
            select(FigureRollup.city_id, FigureRollup.start, FigureRollup.value, FigureRollup.people)
            .where(towns_of, FigureRollup.grain == period.grain.value, FigureRollup.metric == Metric.SHOPPERS.value,
                   FigureRollup.key == "", FigureRollup.start.in_([period.start, last_year.start]))).all()
        for town, start, value, people in shoppers:
            index = 0 if start == period.start else 1
            cells[town, "shoppers"][index] = Cell(value, people)
            stamps = cells[town, "stamps"][index]
            cells[town, "stamps"][index] = Cell(stamps.value, people)  # the stamps describe these shoppers
    live_ids = set(db.session.execute(select(City.id).where(City.status == CityStatus.LIVE.value)).scalars())

    def index_of(town: int, name: str) -> int | None:
        now, before = cells.get((town, name), (None, None))
        if now is None or before is None or not before.value or too_small(now, minimum) \
                or too_small(before, minimum):
            return None
        return round(now.value / before.value * 100)

    compared = []
    for name in ("stamps", "shoppers", "page_views", "footfall", "pass_starts"):
        if name == "shoppers" and period.grain is None:
            continue
        indices = [value for town in sorted(live_ids) if (value := index_of(town, name)) is not None]
        average = round(sum(indices) / len(indices)) if len(indices) >= MIN_TOWNS else None
        compared.append(Index(name, index_of(city_id, name), average, len(indices)))
    return compared


# ------------------------------------------------------------------ the API's answer
def as_json(d: Dashboard) -> dict:
    """The dashboard as plain data (app.figures.schemas.FiguresSchema): null where hidden."""
    def row(r: Row) -> dict:
        return {"key": r.key, "name": r.name, "kind": r.kind, "street": r.street,
                "figures": {name: trio.as_dict() for name, trio in r.figures.items()}}

    return {
        "period": d.period.as_dict(), "previous": d.previous.as_dict(), "last_year": d.last_year.as_dict(),
        "through": d.through, "min_people": d.minimum,
        "figures": {name: trio.as_dict() for name, trio in d.key.items()},
        "series": {
            "stamps_per_day": [{"date": p.day, "value": p.value.value, "last_year_date": p.last_year_day,
                                "last_year": p.last_year.value} for p in d.stamps_per_day],
            "stamps_by_hour": [{"weekday": dow, "hour": hour, "value": cell.value}
                               for dow, cells in enumerate(d.heatmap, 1) for hour, cell in enumerate(cells)],
            "footfall_per_day": [{"date": day, "counts": {p.key: n for p, n in zip(d.footfall_points, counts)}}
                                 for day, counts in d.footfall_per_day],
            "refusals_per_day": [{"date": day, "counts": {r.key: n for r, n in zip(d.refusals, counts)}}
                                 for day, counts in d.refusals_per_day],
        },
        "trails": [row(r) for r in d.trails], "green_routes": [row(r) for r in d.green_routes],
        "shops": [row(r) for r in d.shops], "streets": [row(r) for r in d.streets],
        "footfall_points": [row(r) for r in d.footfall_points], "refusals": [row(r) for r in d.refusals],
        "movers": {"risers": [{"key": r.key, "name": r.name, "change": n} for r, n in d.risers],
                   "fallers": [{"key": r.key, "name": r.name, "change": n} for r, n in d.fallers]},
        "comparison": [{"metric": i.metric, "own": i.own, "average": i.average, "towns": i.towns}
                       for i in d.comparison],
        "suppressed": list(d.suppressed),
    }


# ------------------------------------------------------------------ a merchant's shop beside its peers
MIN_PEERS = 3  # an average of fewer shops would let a merchant work out a neighbour's figures
SHOP_FIGURES = {"views": Metric.PAGE_VIEWS, "stamps": Metric.STAMPS, "shoppers": Metric.SHOPPERS,
                "rewards": Metric.REWARDS}


@dataclass
class ShopFigures:
    """A shop's figures beside the average shop of its category in its town (or of all the town's shops
    when its category has fewer than MIN_PEERS others), and the whole town's stamps."""
    period: Period
    previous: Period
    last_year: Period
    minimum: int
    own: dict[str, Trio]
    peers: dict[str, Trio]  # the average shop; NONE where fewer than MIN_PEERS shops have the figure
    peer_count: dict[str, int]
    peer_index: dict[str, int | None]  # the peers together, this period against last year's, x 100
    scope: str  # "category" or "town"
    town_stamps: Trio

    @property
    def most_peers(self) -> int:
        """The most shops any figure's average could be taken over; below MIN_PEERS no average is shown."""
        return max(self.peer_count.values(), default=0)

    @property
    def too_few_peers(self) -> bool:
        return self.most_peers < MIN_PEERS

    def own_index(self, name: str) -> int | None:
        trio = self.own[name]
        if trio.now.value is None or not trio.last_year.value:
            return None
        return round(trio.now.value / trio.last_year.value * 100)

    def town_index(self) -> int | None:
        if self.town_stamps.now.value is None or not self.town_stamps.last_year.value:
            return None
        return round(self.town_stamps.now.value / self.town_stamps.last_year.value * 100)


def read_shop(shop, period: Period, *, minimum: int) -> ShopFigures:
    periods = [period, period.previous(), period.last_year()]
    shops = dict(db.session.execute(select(Shop.id, Shop.category).where(
        Shop.city_id == shop.city_id, Shop.status == "approved", Shop.id != shop.id)).all())
    same = [shop_id for shop_id, category in shops.items() if category == shop.category]
    scope, peers = ("category", same) if len(same) >= MIN_PEERS else ("town", list(shops))
    reader = Reader(shop.city_id, periods)
    own: dict[str, Trio] = {}
    for name, metric in SHOP_FIGURES.items():
        cells = [reader.cell(i, metric, f"shop:{shop.id}") for i in range(3)]
        own[name] = Trio(*(_shown(cell, minimum) for cell in cells))
    averages, counts, indices = {}, {}, {}
    for name, metric in SHOP_FIGURES.items():
        averages[name], counts[name], indices[name] = _peer_average(reader, metric, peers, minimum)
    town = Trio(*(_shown(reader.cell(i, Metric.STAMPS), minimum) for i in range(3)))
    return ShopFigures(period, periods[1], periods[2], minimum, own, averages, counts, indices, scope, town)


def _shown(cell: Cell | None, minimum: int) -> Shown:
    if cell is None:
        return NONE
    return HIDDEN if too_small(cell, minimum) else Shown(cell.value)


def _peer_average(reader: Reader, metric: Metric, peers: list[int], minimum: int) -> tuple[Trio, int, int | None]:
    """The average peer (of those with the figure in any of the three periods), shown once MIN_PEERS shops
    have it and, for a figure about people, the shops' people together reach the minimum."""
    cells = {shop_id: [reader.cell(i, metric, f"shop:{shop_id}") for i in range(3)] for shop_id in peers}
    active = [shop_id for shop_id, row in cells.items() if any(cell is not None and cell.value for cell in row)]
    if len(active) < MIN_PEERS:
        return Trio(NONE, NONE, NONE), len(active), None
    shown = []
    for i in range(3):
        row = [cells[shop_id][i] for shop_id in active]
        if any(cell is None for cell in row):
            shown.append(NONE)
            continue
        people = [cell.people for cell in row if cell.people is not None]
        if people and sum(people) < minimum:
            shown.append(HIDDEN)
            continue
        shown.append(Shown(round(sum(cell.value for cell in row) / len(row))))
    # The peers together (not the rounded average) against last year's.
    now, before = (sum(cells[shop_id][i].value for shop_id in active) if not shown[i].missing and not shown[i].hidden
                   else None for i in (0, 2))
    index = round(now / before * 100) if now is not None and before else None
    return Trio(*shown), len(active), index
