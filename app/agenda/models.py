"""The agenda: events in the centre (markets, shopping Sundays, the Christmas market, a shop's workshop).

An event is one start and end (Brussels wall time, stored as UTC instants) and, for a recurring one, an
RFC 5545 recurrence rule (`rrule`, e.g. "FREQ=WEEKLY;BYDAY=SA") with exceptions: `exdates` are occurrences
that do not happen (left out), `cancelled_dates` occurrences that are shown as cancelled. Occurrences are
expanded on Brussels wall time (app.agenda.recurrence), so a 9:00 market is 9:00 in summer and in winter.
"""
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import TZ
from app.core.i18n import translate
from app.core.models import CityScopedMixin, JSONData, TimestampMixin, TranslatedJSON, UTCDateTime
from app.extensions import db


class EventKind(StrEnum):
    MARKET = "market"
    SHOPPING_SUNDAY = "shopping_sunday"
    CHRISTMAS_MARKET = "christmas_market"
    BRADERIE = "braderie"
    WORKSHOP = "workshop"
    OTHER = "other"


class EventStatus(StrEnum):
    """draft: studio only; proposed: a merchant's proposal waiting for review; published: public;
    rejected: a proposal the city refused; cancelled: public, shown as cancelled (STATUS:CANCELLED)."""
    DRAFT = "draft"
    PROPOSED = "proposed"
    PUBLISHED = "published"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


KINDS = tuple(kind.value for kind in EventKind)
PUBLIC_STATUSES = (EventStatus.PUBLISHED.value, EventStatus.CANCELLED.value)


class Event(CityScopedMixin, TimestampMixin, db.Model):
    __tablename__ = "agenda_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The iCalendar UID: made once, never changed (a calendar app matches updates on it).
    uid: Mapped[str] = mapped_column(String(120), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False, default=EventKind.OTHER.value, index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default=EventStatus.DRAFT.value, index=True)
    title: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False)
    description: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)  # sanitised HTML
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    all_day: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    rrule: Mapped[str | None] = mapped_column(String(300))
    # Local start days ("2026-12-24") of occurrences left out (EXDATE) / shown as cancelled.
    exdates: Mapped[list] = mapped_column(JSONData, nullable=False, default=list)
    cancelled_dates: Mapped[list] = mapped_column(JSONData, nullable=False, default=list)
    # The last instant any occurrence can happen (None: a rule without end); the feed and lists filter on it.
    last_ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    place_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    address: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id", ondelete="SET NULL"), index=True)
    photo_phone_key: Mapped[str | None] = mapped_column(String(255))
    photo_thumb_key: Mapped[str | None] = mapped_column(String(255))
    is_free: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    price: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    url: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    # iCalendar SEQUENCE: +1 on every change a subscriber should see.
    sequence: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    review_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    city = relationship("City")
    shop = relationship("Shop")
    proposed_by = relationship("User")

    @property
    def display_title(self) -> str:
        return translate(self.title)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(TZ)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(TZ)

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def public_shop(self):
        shop = self.shop if self.shop_id else None
        return shop if shop is not None and shop.is_public else None

    def __repr__(self) -> str:
        return f"<Event {self.city_id}/{self.id} {self.status}>"
