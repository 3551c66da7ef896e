"""Merchant news: what a city's marketers tell its merchants, and who got it how.

- `NewsMessage`: one message of a city to (some of) its merchants: a title and a sanitised rich text in the
  city's languages, optional dates (road works from-to) and an optional place on the map, and the target it
  was sent to (`target`: {"streets": [...], "categories": [...]}, empty lists: everyone;
  app.voice.services.targeting). With `on_public_map`, dates and a place, its public part (title, dates and
  `public_line`, never the merchant text) shows on the city's public map while it runs.
- `NewsDelivery`: one message to one person over one channel (`Channel`), unique per message x person x
  channel, so nothing is sent twice; its `status` (`DeliveryStatus`) and `attempts` are the marketer's
  delivery figures, `read_at` (dashboard row) the read figure.
- `NewsPreference`: a person's choice per channel (the dashboard always; email on, Web Push off by default).
- `PushSubscription`: a browser's Web Push subscription (endpoint + keys) of a person, dropped when the push
  service answers that it is gone (404/410).
"""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow
from app.core.models import CityScopedMixin, JSONData, TimestampMixin, TranslatedJSON, UTCDateTime
from app.extensions import db


class Channel(StrEnum):
    """How a message reaches a person."""
    DASHBOARD = "dashboard"  # always: the merchant dashboard (its row carries read_at)
    EMAIL = "email"  # default on
    PUSH = "push"  # Web Push, off until the person allows it in a browser


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # queued, not tried yet (or waiting for its retry)
    SENT = "sent"  # handed to the mail server / push service (dashboard rows: shown)
    FAILED = "failed"  # the last try failed; the marketer sees it and may retry


class NewsMessage(CityScopedMixin, TimestampMixin, db.Model):
    __tablename__ = "news_message"
    __table_args__ = (db.Index("ix_news_message_city_id_sent_at", "city_id", "sent_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False)
    body: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False)  # sanitised HTML per locale
    target: Mapped[dict] = mapped_column(JSONData, nullable=False, default=dict)  # {"streets": [], "categories": []}
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    on_public_map: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    public_line: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)  # plain text per locale
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recipients: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # people, at sending

    deliveries: Mapped[list["NewsDelivery"]] = relationship(back_populates="message", cascade="all, delete-orphan",
                                                             passive_deletes=True)

    @property
    def is_public(self) -> bool:
        """Shown on the public map (while it runs): the marketer ticked it and gave dates and a place."""
        return bool(self.on_public_map and self.sent_at and self.starts_on and self.ends_on
                    and self.lat is not None and self.lon is not None)

    def runs_on(self, day: date) -> bool:
        return bool(self.starts_on and self.ends_on and self.starts_on <= day <= self.ends_on)


class NewsDelivery(db.Model):
    __tablename__ = "news_delivery"
    __table_args__ = (UniqueConstraint("message_id", "user_id", "channel"),
                      db.Index("ix_news_delivery_user_id_channel", "user_id", "channel"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("news_message.id", ondelete="CASCADE"), nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    channel: Mapped[str] = mapped_column(String(10), nullable=False)  # Channel
    status: Mapped[str] = mapped_column(String(10), nullable=False, default=DeliveryStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    error: Mapped[str | None] = mapped_column(String(80))  # the last failure's error class, never its text
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    message: Mapped[NewsMessage] = relationship(back_populates="deliveries")
    user = relationship("User")


class NewsPreference(db.Model):
    """A person's channels for city news; no row: the defaults (email on, push off)."""
    __tablename__ = "news_preference"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    email: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    push: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow)


class PushSubscription(db.Model):
    __tablename__ = "push_subscription"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    endpoint: Mapped[str] = mapped_column(String(1000), nullable=False, unique=True)
    p256dh: Mapped[str] = mapped_column(String(200), nullable=False)
    auth: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
