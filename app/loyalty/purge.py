"""Retention: raw scan events older than the retention period become anonymous day totals.

`flask --app wsgi privacy purge` (run it daily, e.g. from cron) runs `purge_report`, loyalty's privacy part
(registered in app.loyalty.init_app). Stamps keep counting in the shops'
totals (app.loyalty.tally_models.StampDayTally); refused scans keep counting per shop, day and reason
(RefusalDayTally). Cards keep their stamp count: a card is not a scan event.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select

from app.core import clock
from app.extensions import db
from app.loyalty.models import ScanRefusal, Stamp
from app.loyalty.services.stats import PERIOD_DAYS
from app.loyalty.tally import DayCounts, add_to_tally, crowd_counts
from app.loyalty.tally_models import RefusalDayTally

# A purge may never reach into the period the statistics pages show (their totals must not move).
MIN_RETENTION_DAYS = PERIOD_DAYS + 1


@dataclass
class PurgeResult:
    cutoff: datetime
    stamps: int
    stamp_days: int
    refusals: int
    refusal_days: int


def _tally_stamps(cutoff: datetime) -> tuple[int, int]:
    per_shop: dict[tuple[int, int], list] = defaultdict(list)
    for city_id, shop_id, at, user_id in db.session.execute(
            select(Stamp.city_id, Stamp.shop_id, Stamp.created_at, Stamp.user_id).where(Stamp.created_at < cutoff)
            .execution_options(yield_per=5000)):
        per_shop[(city_id, shop_id)].append((at, user_id))
    rows: dict[tuple[int, int, date], DayCounts] = {}
    for (city_id, shop_id), stamps in per_shop.items():
        for day, counts in crowd_counts(stamps).items():
            rows[(city_id, shop_id, day)] = counts
    add_to_tally(rows)
    removed = db.session.execute(delete(Stamp).where(Stamp.created_at < cutoff)
                                 .execution_options(synchronize_session=False)).rowcount
    return removed, len(rows)


def _tally_refusals(cutoff: datetime) -> tuple[int, int]:
    counts: Counter = Counter()
    for city_id, shop_id, reason, at in db.session.execute(
            select(ScanRefusal.city_id, ScanRefusal.shop_id, ScanRefusal.reason, ScanRefusal.created_at)
            .where(ScanRefusal.created_at < cutoff).execution_options(yield_per=5000)):
        counts[(city_id, shop_id, clock.local_date(at), reason)] += 1
    if counts:
        days = {key[2] for key in counts}
        existing = {(row.city_id, row.shop_id, row.day, row.reason): row for row in db.session.execute(
            select(RefusalDayTally).where(RefusalDayTally.day.in_(days))).scalars()}
        for (city_id, shop_id, day, reason), count in counts.items():
            row = existing.get((city_id, shop_id, day, reason))
            if row is None:
                db.session.add(RefusalDayTally(city_id=city_id, shop_id=shop_id, day=day, reason=reason, count=count))
            else:
                row.count += count
        db.session.flush()
    removed = db.session.execute(delete(ScanRefusal).where(ScanRefusal.created_at < cutoff)
                                 .execution_options(synchronize_session=False)).rowcount
    return removed, len(counts)


def purge(older_than_days: int) -> PurgeResult:
    """Tally and delete raw scan events older than `older_than_days`, in one transaction."""
    if older_than_days < MIN_RETENTION_DAYS:
        raise ValueError(f"the retention period must be at least {MIN_RETENTION_DAYS} days")
    cutoff = clock.now() - timedelta(days=older_than_days)
    stamps, stamp_days = _tally_stamps(cutoff)  # on an error nothing is committed (the app context rolls back)
    refusals, refusal_days = _tally_refusals(cutoff)
    db.session.commit()
    return PurgeResult(cutoff=cutoff, stamps=stamps, stamp_days=stamp_days, refusals=refusals,
                       refusal_days=refusal_days)


def purge_report(older_than_days: int) -> list[str]:
    """Loyalty's part of `flask privacy purge`: purge, and say what went in the lines the command prints."""
    result = purge(older_than_days)
    return [f"Scan events before {result.cutoff:%Y-%m-%d %H:%M} UTC ({older_than_days} days):",
            f"  stamps removed: {result.stamps} (kept as {result.stamp_days} shop-day totals)",
            f"  refused scans removed: {result.refusals} (kept as {result.refusal_days} day/reason totals)"]
