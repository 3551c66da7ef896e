"""What the figures dashboard reads and what feeds it; none of these rows names a person.

- `FigureEvent`: one anonymous counter event (a page view, a trail started or completed), as the visitor's
  browser sent it: the city, what was seen, and the hour. No cookie, no identifier, no address.
- `FigureRollup`: the aggregates the dashboard reads, written by the rollup job (app.figures.services.rollup).
  A row is one cell: a metric (`Metric`), an optional key (a shop, a trail, an hour, a reason), a time
  grain (`Grain`: a Brussels day, an ISO week, a calendar month or year) and its value. `people` is how
  many different shoppers the cell describes (None: the cell does not describe people), so the reader
  can hide small cells (app.core.suppression) without going back to the raw rows, which are purged
  after the retention period and when an account is deleted; the rollup keeps history stable.
- `CountingPoint`, `FootfallCount`: the city's own people counters (hourly counts per counting point),
  imported from a CSV file in the studio or pushed by the counter's vendor with a `FootfallToken`.
"""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow
from app.core.models import CityScopedMixin, TimestampMixin, UTCDateTime
from app.extensions import db
from app.loyalty.models import Stamp


class EventKind(StrEnum):
    PAGE_VIEW = "page_view"
    TRAIL_START = "trail_start"
    TRAIL_COMPLETE = "trail_complete"


class Grain(StrEnum):
    """The time unit of a rollup row; `start` is the first Brussels day of it."""
    DAY = "day"
    WEEK = "week"  # ISO week, starts on Monday
    MONTH = "month"
    YEAR = "year"


class Metric(StrEnum):
    """Rollup metrics. Day rows can be added up over any period; period rows (week, month, year) hold what
    cannot be added up (different shoppers). Keys: "" is the whole city; "shop:<id>", "trail:<id>",
    "point:<id>", "hour:<0-23>", "dow-hour:<1-7>-<0-23>" (ISO weekday), "days:<n>", "<reason>", "<page>".
    `people` is set for the metrics about shoppers (stamps, rewards, the pass metrics, new accounts and the period
    metrics; for the pass metrics and new accounts it equals the value) and None for refusals, page views, trail
    events and footfall. Days and hours are Brussels time."""
    # day grain, summable
    STAMPS = "stamps"  # key "" / "shop:<id>" / "hour:<h>"; people = different shoppers in the cell that day
    REWARDS = "rewards"  # shop rewards confirmed; key "" / "shop:<id>"
    # REWARDS also has week/month/year rows: the value summed, people = different shoppers of the period
    PASS_STARTS = "pass_starts"  # city-pass cards begun
    PASS_COMPLETIONS = "pass_completions"  # city-pass cards that reached their number of shops
    PASS_DAYS = "pass_days"  # completions by days taken, key "days:<n>" (for the median)
    PASS_REWARDS = "pass_rewards"  # city-pass rewards confirmed at the desk
    NEW_ACCOUNTS = "new_accounts"  # shoppers of this city who confirmed an account (kept their stamps)
    REFUSALS = "refusals"  # refused scans, key = reason (no people: a refusal names no one)
    PAGE_VIEWS = "page_views"  # key = page: "home", "shops", "trails", "shop:<id>", "trail:<id>", ...
    TRAIL_STARTS = "trail_starts"  # key "trail:<id>"
    TRAIL_COMPLETIONS = "trail_completions"  # key "trail:<id>" (all stops visited)
    FOOTFALL = "footfall"  # people counted by the city's counters, key "point:<id>" and ""
    # period grains (week, month, year), not summable
    SHOPPERS = "shoppers"  # different shoppers with a stamp; key "" / "shop:<id>"
    RETURNING = "returning"  # shoppers with a second visit day within 30 days, the second in the period
    STAMPS_BY_HOUR = "stamps_by_hour"  # heat map cell, key "dow-hour:<d>-<h>"; people = shoppers in the cell


class FigureEvent(CityScopedMixin, db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "figure_event"
    __table_args__ = (db.Index("ix_figure_event_city_id_hour", "city_id", "hour"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)  # EventKind
    page: Mapped[str] = mapped_column(String(40), nullable=False)  # the rollup key: "home", "shop:12", "trail:3"
    hour: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)  # truncated to the hour, UTC


class FigureRollup(CityScopedMixin, db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "figure_rollup"
    __table_args__ = (UniqueConstraint("city_id", "grain", "start", "metric", "key"),
                      db.Index("ix_figure_rollup_read", "city_id", "metric", "grain", "start"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grain: Mapped[str] = mapped_column(String(5), nullable=False)  # Grain
    start: Mapped[date] = mapped_column(Date, nullable=False)
    metric: Mapped[str] = mapped_column(String(20), nullable=False)  # Metric
    key: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    value: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    people: Mapped[int | None] = mapped_column(Integer)


class RollupRun(CityScopedMixin, db.Model):
    """The last Brussels day the rollup finished for a city: the next run backfills from the day after."""
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "figure_rollup_run"
    __table_args__ = (UniqueConstraint("city_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    through: Mapped[date] = mapped_column(Date, nullable=False)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class CountingPoint(CityScopedMixin, TimestampMixin, db.Model):
    """A people counter of the city (a camera or sensor at a street corner), on the map."""
    __tablename__ = "counting_point"
    __table_args__ = (UniqueConstraint("city_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), nullable=False)  # the vendor's name for it, as in the CSV
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)

    counts: Mapped[list["FootfallCount"]] = relationship(back_populates="point", cascade="all, delete-orphan",
                                                          passive_deletes=True)


class FootfallCount(db.Model):
    """People counted at one point in one hour; importing the same hour again replaces it."""
    # The city home's "busy now" reads these, but counters push often and a count has no town of its own
    # (it would retire every town's pages): the verdict follows by time (KICK_PAGE_CACHE_SECONDS, app.cache).
    page_content = False
    __tablename__ = "footfall_count"
    __table_args__ = (UniqueConstraint("point_id", "hour"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("counting_point.id", ondelete="CASCADE"), nullable=False)
    hour: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)  # start of the hour, UTC
    count: Mapped[int] = mapped_column(Integer, nullable=False)

    point: Mapped[CountingPoint] = relationship(back_populates="counts")


class FootfallToken(CityScopedMixin, db.Model):
    """A counter vendor's key for `POST /api/v1/cities/<city>/footfall`; only its SHA-256 is stored."""
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "footfall_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(80), nullable=False)
    digest: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


# The rollup reads a town's stamps by time (app.figures.services.rollup); loyalty's own indexes on the table go by
# shop and by user. Declared here, with the reader that needs it (migration 0014).
db.Index("ix_stamp_city_id_created_at", Stamp.city_id, Stamp.created_at)
