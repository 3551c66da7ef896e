"""Anonymous day totals that outlive the raw rows they were counted from.

When a shopper deletes their account, or raw scan events pass the retention period, the rows that
named a shopper are removed; what the shop statistics need is first added to these totals, so a
shop's figures stay the same. Rows hold counts only: no user, no card, no time of day.
"""
from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models import CityScopedMixin
from app.extensions import db


class StampDayTally(CityScopedMixin, db.Model):
    """Stamps and rewards of one shop on one Brussels calendar day, no longer held as raw rows.

    `shoppers` counts different shoppers that day. The 30-day figures also need "different shoppers
    in the period" and "shoppers who came back"; for a removed shopper only their two latest stamp
    days decide those, so each removed history adds one to `last_visits` on its latest day and
    one to `second_last_visits` on the day before that (see app.loyalty.tally).
    """
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "stamp_day_tally"
    __table_args__ = (UniqueConstraint("shop_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), nullable=False)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    stamps: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    shoppers: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_visits: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    second_last_visits: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    rewards: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class RefusalDayTally(CityScopedMixin, db.Model):
    """Refused scans per shop (or none: unreadable codes), day and reason, once past retention."""
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "refusal_day_tally"
    __table_args__ = (db.Index("ix_refusal_day_tally_shop_id_day", "shop_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str] = mapped_column(String(20), nullable=False)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
