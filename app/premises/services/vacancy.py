"""Vacancy figures, pure calculation (no database, no request): the readers in
app.premises.services.analysis hand over plain `Unit`s and state changes.

The rule (also said on the studio page):
- the commercial stock is every premise of the register that is not re-purposed, plus every approved shop
  that no premise of the register points at (a let premise linked to its shop is one unit, not two);
- a unit is vacant when its premise is `vacant` or under `option` (an option is still an empty shop);
- rate by units = vacant units ÷ all units; rate by floor area = vacant m² ÷ all m², where a unit without
  a known floor area (an approved shop outside the register, a premise not measured yet) counts with the
  median floor area of the measured premises, so both rates describe the same stock;
- duration: days from `vacant_since` to the day asked: up to one year friction, one to three years
  long-term, more than three years structural (no `vacant_since`: unknown);
- over time: the state of each premise at the end of a month is its last change on or before that day (a
  premise with no change yet was not in the register: not counted); approved shops count as occupied for
  every month (the register does not know when they opened).
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

VACANT_STATES = frozenset({"vacant", "option"})
OUT_OF_STOCK = frozenset({"repurposed"})
FRICTION_DAYS = 365
LONG_TERM_DAYS = 3 * 365
BANDS = ("friction", "long_term", "structural", "unknown")


@dataclass(frozen=True)
class Unit:
    """One commercial unit: a premise of the register (`state` set) or an approved shop (state "shop")."""
    street: str
    state: str
    floor_area_m2: float | None = None
    vacant_since: date | None = None
    premise_id: int | None = None

    @property
    def is_vacant(self) -> bool:
        return self.state in VACANT_STATES


@dataclass
class Rate:
    total: int = 0
    vacant: int = 0
    total_m2: float = 0.0
    vacant_m2: float = 0.0

    @property
    def rate(self) -> float | None:
        """Vacant units ÷ all units (0..1), None without units."""
        return round(self.vacant / self.total, 4) if self.total else None

    @property
    def area_rate(self) -> float | None:
        return round(self.vacant_m2 / self.total_m2, 4) if self.total_m2 else None


@dataclass
class Analysis:
    centre: Rate
    streets: dict[str, Rate]
    duration: dict[str, int]
    assumed_area_m2: float | None
    series: list[tuple[date, Rate]] = field(default_factory=list)


def in_stock(units: list[Unit]) -> list[Unit]:
    return [unit for unit in units if unit.state not in OUT_OF_STOCK]


def assumed_area(units: list[Unit]) -> float | None:
    """The median floor area of the measured premises: what an unmeasured unit counts with."""
    areas = [unit.floor_area_m2 for unit in units if unit.floor_area_m2]
    return round(statistics.median(areas), 1) if areas else None


def rate_of(units: list[Unit], area_for_unknown: float | None) -> Rate:
    rate = Rate()
    for unit in in_stock(units):
        area = unit.floor_area_m2 or area_for_unknown or 0.0
        rate.total += 1
        rate.total_m2 += area
        if unit.is_vacant:
            rate.vacant += 1
            rate.vacant_m2 += area
    rate.total_m2, rate.vacant_m2 = round(rate.total_m2, 1), round(rate.vacant_m2, 1)
    return rate


def band_of(since: date | None, today: date) -> str:
    if since is None:
        return "unknown"
    days = (today - since).days
    if days <= FRICTION_DAYS:
        return "friction"
    if days <= LONG_TERM_DAYS:
        return "long_term"
    return "structural"


def duration_bands(units: list[Unit], today: date) -> dict[str, int]:
    counts = dict.fromkeys(BANDS, 0)
    for unit in units:
        if unit.is_vacant:
            counts[band_of(unit.vacant_since, today)] += 1
    return counts


def by_street(units: list[Unit], area_for_unknown: float | None) -> dict[str, Rate]:
    groups: dict[str, list[Unit]] = defaultdict(list)
    for unit in in_stock(units):
        groups[unit.street or ""].append(unit)
    rates = {street: rate_of(members, area_for_unknown) for street, members in groups.items()}
    # Most vacant first, then the name: the streets that need attention lead the table.
    return dict(sorted(rates.items(), key=lambda item: (-(item[1].rate or 0), -item[1].vacant, item[0])))


def month_ends(today: date, months: int) -> list[date]:
    """The last day of each of the `months` months up to the current one (today for the current month)."""
    ends, first = [], today.replace(day=1)
    for _ in range(months):
        ends.append(min(today, _next_month(first) - timedelta(days=1)))
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(ends))


def _next_month(first: date) -> date:
    return first.replace(year=first.year + 1, month=1) if first.month == 12 else first.replace(month=first.month + 1)


def state_on(changes: list[tuple[date, str]], day: date) -> str | None:
    """The state a premise had at the end of `day`, from its (changed_on, to_state) history in any order."""
    state, latest = None, None
    for changed_on, to_state in changes:
        if changed_on <= day and (latest is None or changed_on >= latest):
            state, latest = to_state, changed_on
    return state


def series(premises: list[Unit], history: dict[int, list[tuple[date, str]]], shops: list[Unit],
           days: list[date], area_for_unknown: float | None) -> list[tuple[date, Rate]]:
    """The centre's rate at each day of `days`, from the premises' histories (by premise id)."""
    points = []
    for day in days:
        units = list(shops)
        for premise in premises:
            state = state_on(history.get(premise.premise_id, []), day)
            if state is not None:
                units.append(Unit(premise.street, state, premise.floor_area_m2))
        points.append((day, rate_of(units, area_for_unknown)))
    return points


def analyse(premises: list[Unit], shops: list[Unit], history: dict[int, list[tuple[date, str]]], today: date,
            months: int = 12) -> Analysis:
    """Everything the studio page and the API show, for one town's register and approved shops."""
    units = premises + shops
    area = assumed_area(in_stock(premises))
    return Analysis(centre=rate_of(units, area), streets=by_street(units, area),
                    duration=duration_bands(premises, today), assumed_area_m2=area,
                    series=series(premises, history, shops, month_ends(today, months), area))
