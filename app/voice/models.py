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


class NewsKind(StrEnum):
    """What a message is about; road works and events with dates and a place may go on the public map."""
    NEWS = "news"
    WORKS = "works"
    EVENT = "event"


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # queued, not tried yet
    SENDING = "sending"  # claimed by a delivery job (so two jobs never send it both)
    SENT = "sent"  # handed to the mail server / push service (dashboard rows: shown)
    FAILED = "failed"  # the last try failed; the marketer sees it and may retry


class NewsMessage(CityScopedMixin, TimestampMixin, db.Model):
    __tablename__ = "news_message"
    __table_args__ = (db.Index("ix_news_message_city_id_sent_at", "city_id", "sent_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False, default=NewsKind.NEWS.value)  # NewsKind
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

    city = relationship("City", lazy="joined")
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
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
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
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "news_preference"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    email: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    push: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow)


class PushSubscription(db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "push_subscription"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    endpoint: Mapped[str] = mapped_column(String(1000), nullable=False, unique=True)
    p256dh: Mapped[str] = mapped_column(String(200), nullable=False)
    auth: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user = relationship("User")


# ====================================================================== questionnaires and shopper surveys
# (room ask) Merchant questionnaires and shopper micro-surveys.
#
# - `Questionnaire`: a city's short questionnaire to (some of) its merchants: a title and intro in the city's
#   languages, up to 20 `QuestionnaireQuestion`s, the target it was sent to (as news:
#   app.voice.services.targeting), a closing date (`closes_on`, the last Brussels day answers are taken) and a
#   status (`QuestionnaireStatus`). Closed: its results are published to the merchants who were asked.
# - `QuestionnaireRecipient`: one person asked (unique per questionnaire x person, so nothing is mailed twice)
#   with a bare "has answered" marker. It carries no time and no link to the answer: it only stops a second
#   answer, and cannot be joined to the `QuestionnaireResponse` to tell the city who said what.
# - `QuestionnaireResponse`: one merchant's answers ({question id: value}), anonymous: `contact_user_id` is
#   filled only when the merchant ticked "you may contact me". No timestamp either (its order says nothing
#   beyond its id; the recipients' markers carry no time to compare with).
# - `SurveyTopic` / `SurveyQuestion`: the question a marketer sets for a month (a 1-10 report-card mark on a
#   topic); without one the shoppers get the Net Promoter question (0-10).
# - `SurveyAnswer`: one shopper's answer: city, month, topic, score, an optional plain-text comment. No person.
# - `SurveyAsk`: when a shopper was last asked (answered or dismissed): the 30-day rule. One row per person,
#   their privacy part exports it and the deletion removes it; the purge drops rows past 30 days (useless).


class QuestionnaireStatus(StrEnum):
    DRAFT = "draft"  # being built, not sent
    OPEN = "open"  # sent; merchants who were asked may answer until the closing date
    CLOSED = "closed"  # closed by the marketer or the closing date: results published to those asked


class QuestionKind(StrEnum):
    SCORE = "score"  # 1-10
    SINGLE = "single"  # one of the options
    MULTIPLE = "multiple"  # any of the options
    TEXT = "text"  # a short text (shown to the marketer only)


class Questionnaire(CityScopedMixin, TimestampMixin, db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "questionnaire"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False)
    intro: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default=QuestionnaireStatus.DRAFT.value)
    target: Mapped[dict] = mapped_column(JSONData, nullable=False, default=dict)  # {"streets": [], "categories": []}
    closes_on: Mapped[date] = mapped_column(Date, nullable=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    city = relationship("City")
    questions: Mapped[list["QuestionnaireQuestion"]] = relationship(
        back_populates="questionnaire", cascade="all, delete-orphan", passive_deletes=True,
        order_by="QuestionnaireQuestion.position")


class QuestionnaireQuestion(db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "questionnaire_question"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id", ondelete="CASCADE"),
                                                  nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # QuestionKind
    text: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False)
    options: Mapped[list] = mapped_column(JSONData, nullable=False, default=list)  # [{locale: text}, ...]

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="questions")


class QuestionnaireRecipient(db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "questionnaire_recipient"
    __table_args__ = (UniqueConstraint("questionnaire_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id", ondelete="CASCADE"),
                                                  nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    answered: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)  # the marker, never a time
    mailed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)  # the invitation left once

    user = relationship("User")


class QuestionnaireResponse(db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "questionnaire_response"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id", ondelete="CASCADE"),
                                                  nullable=False, index=True)
    answers: Mapped[dict] = mapped_column(JSONData, nullable=False, default=dict)  # {"<question id>": value}
    contact_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)


class SurveyTopic(StrEnum):
    NPS = "nps"  # "how likely are you to recommend the centre?" 0-10
    CLEANLINESS = "cleanliness"
    SAFETY = "safety"
    PARKING = "parking"
    OFFER = "offer"
    ATMOSPHERE = "atmosphere"
    ACCESSIBILITY = "accessibility"


class SurveyQuestion(CityScopedMixin, TimestampMixin, db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "survey_question"
    __table_args__ = (UniqueConstraint("city_id", "month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date, nullable=False)  # the first day of the month
    topic: Mapped[str] = mapped_column(String(20), nullable=False)  # SurveyTopic (not NPS)


class SurveyAnswer(CityScopedMixin, db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "survey_answer"
    __table_args__ = (db.Index("ix_survey_answer_city_id_month", "city_id", "month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date, nullable=False)  # the first Brussels day of the answer's month
    topic: Mapped[str] = mapped_column(String(20), nullable=False)  # SurveyTopic
    score: Mapped[int] = mapped_column(Integer, nullable=False)
    comment: Mapped[str | None] = mapped_column(String(500))  # plain text


class SurveyAsk(db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "survey_ask"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
