"""Figures for a merchant: the last 30 days of stamps, shoppers, rewards and refused scans.

Four queries whatever the volume; days are Brussels calendar days. Stamps and rewards of deleted
accounts live on as anonymous day totals (app.loyalty.tally), added here so the figures do not change.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from app.core import clock
from app.extensions import db
from app.loyalty.models import Redemption, RedemptionStatus, RefusalReason, ScanRefusal, Stamp
from app.loyalty.tally import DayCounts, tallied_days

PERIOD_DAYS = 30


@dataclass
class DayFigures:
    day: date
    stamps: int
    shoppers: int
    rewards: int


@dataclass
class ShopStats:
    days: list[DayFigures]  # oldest first
    stamps: int
    shoppers: int
    returning: int  # shoppers with stamps on two or more different days
    rewards: int
    refusals: dict[str, int]

    @property
    def busiest(self) -> int:
        return max((d.stamps for d in self.days), default=0)


def shop_stats(shop_id: int) -> ShopStats:
    today = clock.today()
    first = today - timedelta(days=PERIOD_DAYS - 1)
    since = clock.day_start(first)

    stamp_rows = db.session.execute(select(Stamp.created_at, Stamp.user_id).where(
        Stamp.shop_id == shop_id, Stamp.created_at >= since)).all()
    reward_rows = db.session.execute(select(Redemption.confirmed_at).where(
        Redemption.shop_id == shop_id, Redemption.status == RedemptionStatus.CONFIRMED.value,
        Redemption.confirmed_at >= since)).all()
    refusal_rows = db.session.execute(select(ScanRefusal.reason, func.count()).where(
        ScanRefusal.shop_id == shop_id, ScanRefusal.created_at >= since).group_by(ScanRefusal.reason)).all()

    stamps_per_day: Counter = Counter()
    shoppers_per_day: dict[date, set] = defaultdict(set)
    days_per_shopper: dict[int, set] = defaultdict(set)
    for created_at, user_id in stamp_rows:
        day = clock.local_date(created_at)
        stamps_per_day[day] += 1
        shoppers_per_day[day].add(user_id)
        days_per_shopper[user_id].add(day)
    rewards_per_day = Counter(clock.local_date(confirmed_at) for (confirmed_at,) in reward_rows)
    tallied = {day: counts for day, counts in tallied_days(shop_id, first).items() if day <= today}
    none = DayCounts()
    days = [DayFigures(day, stamps_per_day[day] + tallied.get(day, none).stamps,
                       len(shoppers_per_day[day]) + tallied.get(day, none).shoppers,
                       rewards_per_day[day] + tallied.get(day, none).rewards)
            for day in (first + timedelta(days=n) for n in range(PERIOD_DAYS))]
    refusals = {reason.value: 0 for reason in RefusalReason}
    refusals.update({reason: count for reason, count in refusal_rows})
    # A deleted shopper counts once on their latest day, and as returning on their second-latest.
    return ShopStats(days=days, stamps=len(stamp_rows) + sum(t.stamps for t in tallied.values()),
                     shoppers=len(days_per_shopper) + sum(t.last_visits for t in tallied.values()),
                     returning=sum(1 for d in days_per_shopper.values() if len(d) > 1)
                     + sum(t.second_last_visits for t in tallied.values()),
                     rewards=len(reward_rows) + sum(t.rewards for t in tallied.values()), refusals=refusals)


def stamps_today(shop_id: int) -> tuple[int, datetime | None]:
    """The counter display's line: stamps given at the shop since local midnight, and when the last one was."""
    count, last = db.session.execute(select(func.count(), func.max(Stamp.created_at)).where(
        Stamp.shop_id == shop_id, Stamp.created_at >= clock.day_start(clock.today()))).one()
    return count, last
