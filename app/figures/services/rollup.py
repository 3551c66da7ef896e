"""The daily rollup: a city's raw rows become the FigureRollup cells the dashboard reads.

What it writes (metrics and key formats: app.figures.models.Metric):
- a day row per cell of every day metric: stamps (the city, per shop, per hour of the day), shop rewards,
  city-pass starts, completions (and the days they took) and pass rewards, new kept accounts, refused scans per
  reason, page views per page, trail starts and completions per trail, footfall per counting point and in all;
- week, month and year rows for what cannot be added up over days: different shoppers (the city, per shop),
  returning shoppers (a visit day at most 30 days after an earlier one, the city and per shop) and the heat map
  (stamps per ISO weekday and hour). A period still running holds its days so far.
`people` is how many different shoppers a cell describes (None: the cell is not about people), so the reader
hides small cells (app.core.suppression) from the rollup alone. A person counts once: an anonymous shopper
whose cards were merged into an account at login (MergedShopper) counts as that account.

Rules:
- a day is rolled once it is over in Brussels: never today;
- a run rolls every day after RollupRun.through (the first run: from the city's first data; `since` or
  `rebuild`: from that day, or the first data, again) and then the weeks, months and years those days belong to.
  Everything is counted first; then, in one transaction, the old rows of those days and periods are deleted,
  the new ones written and `through` moved. A failed run changes nothing, a second run gives the same rows, and
  two runs at once wait for each other (the city's RollupRun row is locked);
- history stays stable: a day rolled before is rolled again only for the figures whose raw rows are all still
  kept (page views and trail events for KICK_FIGURES_EVENT_DAYS, scans for KICK_RETENTION_DAYS; app.figures.privacy
  and app.loyalty.purge delete older ones). Older cells keep the values they were given; so does a period that
  began before the scans' retention. Within retention a re-roll counts the rows as they are now (an account
  deleted since is no longer in them).
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, delete, exists, func, insert, select
from sqlalchemy.exc import IntegrityError

from app import jobs
from app.accounts.models import User
from app.cities.models import City
from app.core import clock
from app.extensions import db
from app.figures.models import (CountingPoint, EventKind, FigureEvent, FigureRollup, FootfallCount, Grain, Metric,
                                RollupRun)
from app.loyalty.models import (Card, CityPass, MergedShopper, PassReward, PassVisit, Redemption, RedemptionStatus,
                                ScanRefusal, Stamp)

JOB = "app.figures.services.rollup:rollup_city"
RETURN_DAYS = 30  # a visit day at most this many days after the previous one makes a returning shopper
CHUNK_DAYS = 31  # days counted per query
INSERT_BATCH = 5000
PERIOD_GRAINS = (Grain.WEEK, Grain.MONTH, Grain.YEAR)
PERIOD_METRICS = frozenset({Metric.SHOPPERS, Metric.RETURNING, Metric.STAMPS_BY_HOUR})
DAY_METRICS = frozenset(Metric) - PERIOD_METRICS
# Day metrics also written per week, month and year: their period rows carry the different shoppers of the
# period, which the days cannot tell (the reader would have to hide a month of rewards by 30 people).
PERIOD_TOO = frozenset({Metric.REWARDS})
PERIOD_ROWS = PERIOD_METRICS | PERIOD_TOO
EVENT_METRICS = frozenset({Metric.PAGE_VIEWS, Metric.TRAIL_STARTS, Metric.TRAIL_COMPLETIONS})  # FigureEvent
SCAN_METRICS = frozenset({Metric.STAMPS, Metric.REFUSALS})  # Stamp, ScanRefusal (loyalty's retention)
HOUR_KEYS = {hour: f"hour:{hour}" for hour in range(24)}
HEAT_KEYS = {(dow, hour): f"dow-hour:{dow}-{hour}" for dow in range(1, 8) for hour in range(24)}
EVENT_METRIC = {EventKind.PAGE_VIEW: Metric.PAGE_VIEWS, EventKind.TRAIL_START: Metric.TRAIL_STARTS,
                EventKind.TRAIL_COMPLETE: Metric.TRAIL_COMPLETIONS}


@dataclass(frozen=True)
class GrainPeriod:
    grain: Grain
    start: date

    @property
    def end(self) -> date:
        if self.grain == Grain.WEEK:
            return self.start + timedelta(days=6)
        if self.grain == Grain.MONTH:
            following = date(self.start.year + self.start.month // 12, self.start.month % 12 + 1, 1)
            return following - timedelta(days=1)
        return date(self.start.year, 12, 31)


def periods_of(day: date) -> list[GrainPeriod]:
    """The ISO week, the month and the year of a Brussels day."""
    return [GrainPeriod(Grain.WEEK, day - timedelta(days=day.isoweekday() - 1)), GrainPeriod(Grain.MONTH, day.replace(day=1)),
            GrainPeriod(Grain.YEAR, date(day.year, 1, 1))]


@dataclass
class RollupResult:
    city: str
    first: date | None  # the first and last day rolled (None: nothing to do)
    last: date | None
    days: int
    periods: int
    rows: int
    kept: int  # day figures and periods not rolled again: their raw rows are past retention
    through: date


class _Cells:
    """Cells being counted: (start, metric, key) -> a value, and the people seen in it.

    `count` adds to a value (and a person to its people); `meet` only notes a person: the value of such a
    cell is how many different people it met."""

    def __init__(self):
        self.values: dict[tuple, int] = defaultdict(int)
        self.people: dict[tuple, set] = defaultdict(set)

    def count(self, start: date, metric: Metric, key: str, value: int = 1, person=None) -> None:
        self.values[(start, metric, key)] += value
        if person is not None:
            self.people[(start, metric, key)].add(person)

    def meet(self, start: date, metric: Metric, key: str, person) -> None:
        self.people[(start, metric, key)].add(person)

    def rows(self, city_id: int, grain: Grain, wanted) -> list[dict]:
        """Rows for FigureRollup; `wanted(start, metric)` says which cells are written."""
        rows = []
        for start, metric, key in sorted(set(self.values) | set(self.people)):
            if not wanted(start, metric):
                continue
            people = self.people.get((start, metric, key))
            value = self.values.get((start, metric, key), len(people) if people is not None else 0)
            rows.append({"city_id": city_id, "grain": grain.value, "start": start, "metric": metric.value,
                         "key": key, "value": value, "people": len(people) if people is not None else None})
        return rows


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


# ------------------------------------------------------------------ who a row is about


def _person(user_id_column):
    """The person behind a user id: the account an anonymous shopper was merged into, else the user."""
    return func.coalesce(MergedShopper.account_id, user_id_column)


def _merged(user_id_column):
    return MergedShopper, MergedShopper.anonymous_id == user_id_column


def _between(column, first: date, last: date):
    return and_(column >= clock.day_start(first), column < clock.day_start(last + timedelta(days=1)))


def _stream(query):
    """Rows in batches, through the session's connection (its transaction) without the ORM's per-row work."""
    return db.session.connection().execute(query.execution_options(yield_per=10_000))


# ------------------------------------------------------------------ day cells, one source at a time


def _stamps_by_day(cells: _Cells, city_id: int, first: date, last: date) -> None:
    query = (select(Stamp.created_at, _person(Stamp.user_id), Stamp.shop_id).outerjoin(*_merged(Stamp.user_id))
             .where(Stamp.city_id == city_id, _between(Stamp.created_at, first, last)))
    shop_keys: dict[int, str] = {}
    for at, person, shop_id in _stream(query):
        local = at.astimezone(clock.TZ)
        day = local.date()
        shop = shop_keys.get(shop_id) or shop_keys.setdefault(shop_id, f"shop:{shop_id}")
        for key in ("", shop, HOUR_KEYS[local.hour]):
            cells.values[(day, Metric.STAMPS, key)] += 1
            cells.people[(day, Metric.STAMPS, key)].add(person)


def _shop_rewards(city_id: int, first: date, last: date):
    """(confirmed at, shop id, person) of the shop rewards confirmed on these Brussels days."""
    return _stream(select(Redemption.confirmed_at, Redemption.shop_id, _person(Card.user_id))
                   .join(Card, Card.id == Redemption.card_id).outerjoin(*_merged(Card.user_id))
                   .where(Redemption.city_id == city_id, Redemption.status == RedemptionStatus.CONFIRMED.value,
                          Redemption.shop_id.is_not(None), _between(Redemption.confirmed_at, first, last)))


def _rewards_by_day(cells: _Cells, city_id: int, first: date, last: date) -> None:
    for at, shop_id, person in _shop_rewards(city_id, first, last):
        day = clock.local_date(at)
        cells.count(day, Metric.REWARDS, "", person=person)
        cells.count(day, Metric.REWARDS, f"shop:{shop_id}", person=person)
    query = (select(PassReward.created_at, _person(PassReward.user_id)).outerjoin(*_merged(PassReward.user_id))
             .where(PassReward.city_id == city_id, _between(PassReward.created_at, first, last)))
    for at, person in _stream(query):
        cells.count(clock.local_date(at), Metric.PASS_REWARDS, "", person=person)


def _accounts_by_day(cells: _Cells, city_id: int, first: date, last: date) -> None:
    """Shoppers of this city (a card here) who confirmed their account's address that day: they kept their stamps."""
    shops_here = exists().where(Card.user_id == User.id, Card.city_id == city_id)
    query = select(User.id, User.email_verified_at).where(
        User.is_anonymous_shopper.is_(False), _between(User.email_verified_at, first, last), shops_here)
    for user_id, at in _stream(query):
        cells.count(clock.local_date(at), Metric.NEW_ACCOUNTS, "", person=user_id)


def _refusals_by_day(cells: _Cells, city_id: int, first: date, last: date) -> None:
    query = select(ScanRefusal.created_at, ScanRefusal.reason).where(
        ScanRefusal.city_id == city_id, _between(ScanRefusal.created_at, first, last))
    for at, reason in _stream(query):
        cells.count(clock.local_date(at), Metric.REFUSALS, reason)


def _events_by_day(cells: _Cells, city_id: int, first: date, last: date) -> None:
    """Page views and trail events: counted per hour in the database (Brussels days are whole UTC hours)."""
    query = (select(FigureEvent.kind, FigureEvent.page, FigureEvent.hour, func.count())
             .where(FigureEvent.city_id == city_id, _between(FigureEvent.hour, first, last))
             .group_by(FigureEvent.kind, FigureEvent.page, FigureEvent.hour))
    for kind, page, hour, count in _stream(query):
        metric = EVENT_METRIC.get(kind)
        if metric is not None:
            cells.count(clock.local_date(hour), metric, page, count)


def _footfall_by_day(cells: _Cells, city_id: int, first: date, last: date) -> None:
    query = (select(FootfallCount.point_id, FootfallCount.hour, FootfallCount.count)
             .join(CountingPoint, CountingPoint.id == FootfallCount.point_id)
             .where(CountingPoint.city_id == city_id, _between(FootfallCount.hour, first, last)))
    for point_id, hour, count in _stream(query):
        day = clock.local_date(hour)
        cells.count(day, Metric.FOOTFALL, f"point:{point_id}", count)
        cells.count(day, Metric.FOOTFALL, "", count)


@dataclass(frozen=True)
class PassMilestones:
    person: int
    started: date  # the Brussels day of the first shop visited on the pass
    completed: date | None  # the day the last of the shops needed was confirmed at the counter


def pass_milestones(city_id: int) -> list[PassMilestones]:
    """Per person and city pass: when they started it and when they completed it (one query).

    A person's cards for one pass (an anonymous card merged into an account's) count together, each shop once,
    and a shop counts for completion once it is confirmed at the counter (app.loyalty.models.PassVisit)."""
    required = dict(db.session.execute(select(CityPass.id, CityPass.distinct_shops_required)
                                       .where(CityPass.city_id == city_id)).all())
    first_visit: dict[tuple, object] = {}
    confirmed: dict[tuple, dict] = defaultdict(dict)
    query = (select(Card.pass_id, _person(Card.user_id), PassVisit.shop_id, PassVisit.created_at, PassVisit.confirmed)
             .join(Card, Card.id == PassVisit.card_id).outerjoin(*_merged(Card.user_id))
             .where(Card.city_id == city_id, Card.pass_id.is_not(None)))
    for pass_id, person, shop_id, at, is_confirmed in _stream(query):
        key = (pass_id, person)
        first_visit[key] = min(at, first_visit.get(key, at))
        if is_confirmed:
            shops = confirmed[key]
            shops[shop_id] = min(at, shops.get(shop_id, at))
    found = []
    for (pass_id, person), started in first_visit.items():
        times = sorted(confirmed[(pass_id, person)].values())
        needed = required.get(pass_id, 0)
        done = clock.local_date(max(times[needed - 1], started)) if needed and len(times) >= needed else None
        found.append(PassMilestones(person, clock.local_date(started), done))
    return found


def _passes_by_day(cells: _Cells, milestones: list[PassMilestones], first: date, last: date) -> None:
    for milestone in milestones:
        if first <= milestone.started <= last:
            cells.count(milestone.started, Metric.PASS_STARTS, "", person=milestone.person)
        done = milestone.completed
        if done is not None and first <= done <= last:
            cells.count(done, Metric.PASS_COMPLETIONS, "", person=milestone.person)
            cells.count(done, Metric.PASS_DAYS, f"days:{(done - milestone.started).days}", person=milestone.person)


DAY_SOURCES = (_stamps_by_day, _rewards_by_day, _accounts_by_day, _refusals_by_day, _events_by_day,
               _footfall_by_day)


def day_cells(city_id: int, first: date, last: date, milestones: list[PassMilestones]) -> _Cells:
    """Every day cell of the city from `first` to `last` (Brussels days)."""
    cells = _Cells()
    for source in DAY_SOURCES:
        source(cells, city_id, first, last)
    _passes_by_day(cells, milestones, first, last)
    return cells


# ------------------------------------------------------------------ period cells




def _came_back(last_visit: dict, who, day: int) -> bool:
    """Notes a visit day (an ordinal) of `who`, stamps coming in time order; True for a return within RETURN_DAYS."""
    previous = last_visit.get(who)
    if previous == day:
        return False
    last_visit[who] = day
    return previous is not None and day - previous <= RETURN_DAYS


class _Day:
    """One day's stamps as the periods need them: people per cell, and stamps per heat-map cell."""

    def __init__(self):
        self.people: dict[tuple, set] = defaultdict(set)
        self.stamps: dict[str, int] = defaultdict(int)

    def add(self, person, shop: str, heat: str, back: bool, back_here: bool) -> None:
        people = self.people
        people[(Metric.SHOPPERS, "")].add(person)
        people[(Metric.SHOPPERS, shop)].add(person)
        people[(Metric.STAMPS_BY_HOUR, heat)].add(person)
        self.stamps[heat] += 1
        if back:
            people[(Metric.RETURNING, "")].add(person)
        if back_here:
            people[(Metric.RETURNING, shop)].add(person)

    def into(self, cells: _Cells, start: date) -> None:
        """Add the day to a period's cells (set unions: a shopper of several days counts once)."""
        for (metric, key), people in self.people.items():
            cells.people[(start, metric, key)].update(people)
        for heat, stamps in self.stamps.items():
            cells.values[(start, Metric.STAMPS_BY_HOUR, heat)] += stamps


def period_cells(city_id: int, periods: list[GrainPeriod], last: date) -> dict[Grain, _Cells]:
    """Different shoppers, returning shoppers and the heat map of each period (up to `last`), in one pass
    over the stamps in time order from RETURN_DAYS before the first period; each day is counted once and then
    added to the week, month and year holding it (the hot loop of a night's run)."""
    cells = {grain: _Cells() for grain in PERIOD_GRAINS}
    until = min(max(period.end for period in periods), last)
    holding: dict[int, list[tuple]] = defaultdict(list)  # day ordinal -> (cells, start) of the periods holding it
    for period in periods:
        for day in _days(period.start, min(period.end, until)):
            holding[day.toordinal()].append((cells[period.grain], period.start))
    earliest = min(period.start for period in periods) - timedelta(days=RETURN_DAYS)
    last_visit: dict = {}
    shop_keys: dict[int, str] = {}
    days: dict[int, _Day] = defaultdict(_Day)
    query = (select(Stamp.created_at, _person(Stamp.user_id), Stamp.shop_id).outerjoin(*_merged(Stamp.user_id))
             .where(Stamp.city_id == city_id, _between(Stamp.created_at, earliest, until))
             .order_by(Stamp.created_at, Stamp.id))
    for at, person, shop_id in _stream(query):
        local = at.astimezone(clock.TZ)
        day = local.toordinal()
        back, back_here = _came_back(last_visit, person, day), _came_back(last_visit, (person, shop_id), day)
        if day in holding:  # not the look-back before the first period (visit days only)
            shop = shop_keys.get(shop_id) or shop_keys.setdefault(shop_id, f"shop:{shop_id}")
            days[day].add(person, shop, HEAT_KEYS[local.isoweekday(), local.hour], back, back_here)
        if len(days) > 1:  # stamps come in time order: every day before this one is complete
            _close_days(days, holding, keep=day)
    _close_days(days, holding, keep=None)
    for at, shop_id, person in _shop_rewards(city_id, min(period.start for period in periods), until):
        for target, start in holding.get(clock.local_date(at).toordinal(), ()):
            target.count(start, Metric.REWARDS, "", person=person)
            target.count(start, Metric.REWARDS, f"shop:{shop_id}", person=person)
    return cells


def _close_days(days: dict, holding: dict, keep: int | None) -> None:
    for day in [day for day in days if day != keep]:
        counted = days.pop(day)
        for target, start in holding[day]:
            counted.into(target, start)


# ------------------------------------------------------------------ what may be rolled (again)


@dataclass(frozen=True)
class Horizons:
    """The last day rolled before this run, and the last days whose raw rows may already be purged."""
    through: date | None
    events: date
    scans: date

    @classmethod
    def for_run(cls, through: date | None) -> "Horizons":
        today, config = clock.today(), current_app.config
        return cls(through, today - timedelta(days=int(config["KICK_FIGURES_EVENT_DAYS"])),
                   today - timedelta(days=int(config["KICK_RETENTION_DAYS"])))

    def day_metrics(self, day: date) -> frozenset:
        """The day metrics of `day` to write: all of them for a day never rolled."""
        metrics = DAY_METRICS
        if self.through is None or day > self.through:
            return metrics
        if day <= self.events:
            metrics -= EVENT_METRICS
        if day <= self.scans:
            metrics -= SCAN_METRICS
        return metrics

    def may_roll(self, period: GrainPeriod) -> bool:
        return self.through is None or period.start > self.through or period.start > self.scans


def first_data_day(city_id: int) -> date | None:
    """The Brussels day of the city's oldest raw row (stamps, refusals, pass visits, rewards, events, footfall)."""
    queries = (select(func.min(Stamp.created_at)).where(Stamp.city_id == city_id),
               select(func.min(ScanRefusal.created_at)).where(ScanRefusal.city_id == city_id),
               select(func.min(PassVisit.created_at)).join(Card, Card.id == PassVisit.card_id)
               .where(Card.city_id == city_id),
               select(func.min(Redemption.confirmed_at)).where(Redemption.city_id == city_id),
               select(func.min(FigureEvent.hour)).where(FigureEvent.city_id == city_id),
               select(func.min(FootfallCount.hour)).join(CountingPoint, CountingPoint.id == FootfallCount.point_id)
               .where(CountingPoint.city_id == city_id))
    found = [at for at in (db.session.execute(query).scalar() for query in queries) if at is not None]
    return clock.local_date(min(found)) if found else None


def rolled_through(city_id: int) -> date | None:
    """The last Brussels day whose figures are rolled up for the city (None: never rolled)."""
    return db.session.execute(select(RollupRun.through).where(RollupRun.city_id == city_id)).scalar()


NEVER = date.min  # `through` of a RollupRun made by this run: nothing rolled yet (never committed as such)


def _locked_run(city_id: int) -> RollupRun:
    """The city's RollupRun row, locked until this run commits; made (through NEVER) when missing. A second run
    made at the same moment waits here for the first one's commit and then reads what it wrote."""
    query = select(RollupRun).where(RollupRun.city_id == city_id)
    if db.session.execute(query).scalar_one_or_none() is None:
        try:
            with db.session.begin_nested():
                db.session.add(RollupRun(city_id=city_id, through=NEVER))
        except IntegrityError:  # another run made it first
            pass
    return db.session.execute(query.with_for_update().execution_options(populate_existing=True)).scalar_one()


# ------------------------------------------------------------------ the run


def _start(city_id: int, through: date | None, since: date | None, rebuild: bool) -> date | None:
    """The first day to roll: the day after `through` (or the first data), earlier when asked."""
    first = first_data_day(city_id) if rebuild or through is None else None
    following = through + timedelta(days=1) if through is not None else first
    if rebuild:
        return since or first
    candidates = [day for day in (following, since) if day is not None]
    return min(candidates) if candidates else None


def _day_rows(city_id: int, first: date, last: date, horizons: Horizons) -> tuple[list[dict], list[tuple]]:
    """The new day rows from `first` to `last`, and the (day, metrics) whose old rows they replace."""
    milestones = pass_milestones(city_id)
    rows, replaced = [], []
    for chunk_start in _days(first, last)[::CHUNK_DAYS]:
        chunk_end = min(chunk_start + timedelta(days=CHUNK_DAYS - 1), last)
        cells = day_cells(city_id, chunk_start, chunk_end, milestones)
        rows += cells.rows(city_id, Grain.DAY, lambda day, metric: metric in horizons.day_metrics(day))
    for day in _days(first, last):
        replaced.append((day, horizons.day_metrics(day)))
    return rows, replaced


def _period_rows(city_id: int, periods: list[GrainPeriod], last: date) -> list[dict]:
    by_year: dict[int, list[GrainPeriod]] = defaultdict(list)
    for period in periods:
        by_year[period.start.year].append(period)
    rows = []
    for group in by_year.values():
        wanted = {(period.grain, period.start) for period in group}
        for grain, cells in period_cells(city_id, group, last).items():
            rows += cells.rows(city_id, grain, lambda start, _metric, grain=grain: (grain, start) in wanted)
    return rows


def _replace(city_id: int, replaced_days: list[tuple], periods: list[GrainPeriod], rows: list[dict]) -> None:
    """Delete the old rows of these days (their metrics) and periods, then insert `rows`."""
    by_metrics: dict[frozenset, list[date]] = defaultdict(list)
    for day, metrics in replaced_days:
        by_metrics[metrics].append(day)
    for metrics, days in by_metrics.items():
        for batch in (days[n:n + 500] for n in range(0, len(days), 500)):
            db.session.execute(delete(FigureRollup).where(
                FigureRollup.city_id == city_id, FigureRollup.grain == Grain.DAY.value, FigureRollup.start.in_(batch),
                FigureRollup.metric.in_([metric.value for metric in metrics])))
    for grain in PERIOD_GRAINS:
        starts = [period.start for period in periods if period.grain == grain]
        for batch in (starts[n:n + 500] for n in range(0, len(starts), 500)):
            db.session.execute(delete(FigureRollup).where(
                FigureRollup.city_id == city_id, FigureRollup.grain == grain.value, FigureRollup.start.in_(batch),
                FigureRollup.metric.in_([metric.value for metric in PERIOD_ROWS])))
    for n in range(0, len(rows), INSERT_BATCH):
        db.session.execute(insert(FigureRollup.__table__), rows[n:n + INSERT_BATCH])


def roll_city(city: City, *, since: date | None = None, rebuild: bool = False) -> RollupResult:
    """Roll up the city's figures through yesterday (see the module's rules); one transaction, committed."""
    yesterday = clock.today() - timedelta(days=1)
    run = _locked_run(city.id)
    through = None if run.through == NEVER else run.through
    horizons = Horizons.for_run(through)
    first = _start(city.id, through, since, rebuild)
    rows, periods, kept, replaced = [], [], 0, []
    if first is not None and first <= yesterday:
        rows, replaced = _day_rows(city.id, first, yesterday, horizons)
        kept = sum(1 for _day, metrics in replaced if metrics != DAY_METRICS)
        touched = sorted({period for day in _days(first, yesterday) for period in periods_of(day)},
                         key=lambda period: (period.start, period.grain))
        periods = [period for period in touched if horizons.may_roll(period)]
        kept += len(touched) - len(periods)
        if periods:
            rows += _period_rows(city.id, periods, yesterday)
        _replace(city.id, replaced, periods, rows)
    run.through = max(through or yesterday, yesterday)
    run.finished_at = clock.now()
    db.session.commit()
    rolled = first is not None and first <= yesterday
    return RollupResult(city=city.slug, first=first if rolled else None, last=yesterday if rolled else None,
                        days=len(replaced), periods=len(periods), rows=len(rows), kept=kept, through=run.through)


def roll_cities(*, city: City | None = None, since: date | None = None, rebuild: bool = False) -> list[RollupResult]:
    """Roll up one city, or every city (drafts too: their figures are ready when they go live), by slug."""
    cities = [city] if city is not None else list(db.session.execute(select(City).order_by(City.slug)).scalars())
    return [roll_city(each, since=since, rebuild=rebuild) for each in cities]


# ------------------------------------------------------------------ the job


def rollup_city(city_id: int, since: str | None = None) -> None:
    """The job (app.jobs.enqueue(JOB, city_id[, "YYYY-MM-DD"])): roll up one city."""
    city = db.session.get(City, city_id)
    if city is not None:  # a town deleted since it was asked for has nothing left to roll
        roll_city(city, since=date.fromisoformat(since) if since else None)


def request_rollup(city: City, since: date | None = None) -> bool:
    """Ask the job queue to roll up the city when its figures lag: RollupRun.through before yesterday, or
    `since` (rows of past days that changed, e.g. footfall imported for last year) at or before `through`.
    Returns whether a job was queued. Call it after your commit (the job runs in its own session)."""
    through = rolled_through(city.id)
    yesterday = clock.today() - timedelta(days=1)
    if since is None and through is not None and through >= yesterday:
        return False
    if since is not None and since > yesterday:
        return False
    jobs.enqueue(JOB, city.id, since.isoformat() if since is not None else None)
    return True
