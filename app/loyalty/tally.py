"""Turning raw rows into anonymous day totals (app.loyalty.tally_models), and reading them back.

Everything is counted per Brussels calendar day, the unit of the shop statistics.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import select

from app.core.clock import local_date
from app.extensions import db
from app.loyalty.tally_models import StampDayTally

COUNTS = ("stamps", "shoppers", "last_visits", "second_last_visits", "rewards")


@dataclass
class DayCounts:
    stamps: int = 0
    shoppers: int = 0
    last_visits: int = 0
    second_last_visits: int = 0
    rewards: int = 0

    def add(self, other: "DayCounts") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def history_counts(stamp_times: list[datetime], reward_times: list[datetime] = ()) -> dict[date, DayCounts]:
    """One shopper's whole history at one shop, as day totals that no longer say who it was."""
    days: dict[date, DayCounts] = defaultdict(DayCounts)
    for day, count in Counter(local_date(at) for at in stamp_times).items():
        days[day].stamps += count
        days[day].shoppers += 1
    visit_days = sorted((d for d in days if days[d].stamps), reverse=True)
    if visit_days:
        days[visit_days[0]].last_visits += 1
    if len(visit_days) > 1:
        days[visit_days[1]].second_last_visits += 1
    for at in reward_times:
        days[local_date(at)].rewards += 1
    return dict(days)


def crowd_counts(stamps: list[tuple[datetime, int]]) -> dict[date, DayCounts]:
    """Stamps of many shoppers (at, user_id) as day totals: stamps and different shoppers per day.

    Used by the retention purge, which only removes days far outside every statistics period, so the
    latest-visit markers of `history_counts` are not needed there.
    """
    days: dict[date, DayCounts] = defaultdict(DayCounts)
    seen: dict[date, set] = defaultdict(set)
    for at, user_id in stamps:
        day = local_date(at)
        days[day].stamps += 1
        seen[day].add(user_id)
    for day, users in seen.items():
        days[day].shoppers = len(users)
    return dict(days)


def add_to_tally(rows: dict[tuple[int, int, date], DayCounts]) -> int:
    """Add {(city_id, shop_id, day): counts} to the stored totals in one statement.

    An upsert (INSERT .. ON CONFLICT DO UPDATE SET n = n + excluded.n) so two deletions touching
    the same shop and day at the same time both count, and one person never gets a row of their own.
    """
    if not rows:
        return 0
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    values = [{"city_id": city_id, "shop_id": shop_id, "day": day,
               **{name: getattr(counts, name) for name in COUNTS}}
              for (city_id, shop_id, day), counts in sorted(rows.items())]
    statement = insert(StampDayTally).values(values)
    statement = statement.on_conflict_do_update(
        index_elements=["shop_id", "day"],
        set_={name: getattr(StampDayTally, name) + getattr(statement.excluded, name) for name in COUNTS})
    db.session.execute(statement)
    return len(values)


def tallied_days(shop_id: int, first: date) -> dict[date, DayCounts]:
    """The stored totals of one shop from `first` on (one query)."""
    rows = db.session.execute(select(StampDayTally).where(
        StampDayTally.shop_id == shop_id, StampDayTally.day >= first)).scalars()
    return {row.day: DayCounts(**{name: getattr(row, name) for name in COUNTS}) for row in rows}
