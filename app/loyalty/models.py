"""Loyalty data: a shop's stamp programme, the city pass, shoppers' cards, stamps and rewards.

The database, not only the code, makes a double stamp or a double reward impossible:
- `stamp` is unique on (card_id, window): one stamp per card per cooldown window;
- `card` is unique on (user_id, programme_id) and (user_id, pass_id): one card per shopper;
- `redemption` is unique on (card_id, cycle): one reward per filled card.
"""
import secrets
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import true as sa_true
from sqlalchemy import (Boolean, CheckConstraint, Column, Date, ForeignKey, Integer, LargeBinary, String,
                        Table, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow
from app.core.i18n import translate
from app.core.models import CityScopedMixin, TimestampMixin, TranslatedJSON, UTCDateTime
from app.extensions import db

COOLDOWN_CHOICES_HOURS = (1, 4, 12, 24, 168)  # divisors of a day (or a week) keep windows on local midnight
STAMPS_REQUIRED_RANGE = (5, 20)


class StampSource(StrEnum):
    """How a stamp was collected (`Stamp.source`)."""
    COUNTER = "counter"  # the rotating QR code of the counter display
    NUMERIC = "numeric"  # the 6 digits under it, typed
    POSTER = "poster"  # the static poster code: a photo of it works anywhere, so it counts for less


class CardKind(StrEnum):
    """A shop's stamp card or the city pass (the API's `kind`)."""
    SHOP = "shop"
    PASS = "pass"


class RedemptionStatus(StrEnum):
    """A reward claim waits at the till (pending) until the merchant or the city desk gives it (confirmed)."""
    PENDING = "pending"
    CONFIRMED = "confirmed"


class RefusalReason(StrEnum):
    """Why a scan got no stamp (`ScanRefusal.reason`, the problem's `code`); app.loyalty.refusals words them."""
    INVALID = "invalid"
    EXPIRED = "expired"
    WRONG_CITY = "wrong_city"
    PAUSED = "paused"
    COOLDOWN = "cooldown"
    OWN_SHOP = "own_shop"


def new_secret() -> bytes:
    return secrets.token_bytes(32)


class StampProgramme(CityScopedMixin, TimestampMixin, db.Model):
    __tablename__ = "stamp_programme"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), nullable=False, unique=True)
    # HMAC key of this shop's codes; never leaves the server.
    secret: Mapped[bytes] = mapped_column(LargeBinary(32), nullable=False, default=new_secret)
    stamps_required: Mapped[int] = mapped_column(Integer, nullable=False, default=10)
    reward: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    cooldown_hours: Mapped[int] = mapped_column(Integer, nullable=False, default=24)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    # Bumping it revokes every printed poster (a leaked poster photo stops working).
    poster_generation: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    shop = relationship("Shop", lazy="joined")

    @property
    def reward_text(self) -> str:
        return translate(self.reward)


city_pass_shop = Table(
    "city_pass_shop", db.metadata,
    Column("pass_id", ForeignKey("city_pass.id", ondelete="CASCADE"), primary_key=True),
    Column("shop_id", ForeignKey("shop.id", ondelete="CASCADE"), primary_key=True),
)


class CityPass(CityScopedMixin, TimestampMixin, db.Model):
    """The city-wide card: stamps at N *different* shops earn the city's reward. One per city."""
    __tablename__ = "city_pass"
    __table_args__ = (UniqueConstraint("city_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False)
    reward: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False)
    distinct_shops_required: Mapped[int] = mapped_column(Integer, nullable=False, default=5)
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    # True: every approved shop of the city takes part; False: only the listed shops.
    all_shops: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    # Loaded when asked for: most passes include all approved shops and never read this list.
    shops = relationship("Shop", secondary=city_pass_shop, lazy="select")

    @property
    def title_text(self) -> str:
        return translate(self.title)

    @property
    def reward_text(self) -> str:
        return translate(self.reward)

    def runs_on(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def includes(self, shop) -> bool:
        if self.all_shops:
            return shop.city_id == self.city_id and shop.is_public
        return any(s.id == shop.id for s in self.shops)


class Card(CityScopedMixin, TimestampMixin, db.Model):
    """A shopper's card for one shop programme or for the city pass.

    For a shop card `stamps` counts stamps not yet spent on a reward (extra stamps carry over);
    for a pass card it counts the different shops visited.
    """
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "card"
    __table_args__ = (
        UniqueConstraint("user_id", "programme_id"),
        UniqueConstraint("user_id", "pass_id"),
        CheckConstraint("(programme_id IS NULL) <> (pass_id IS NULL)", name="one_target"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("stamp_programme.id", ondelete="CASCADE"), index=True)
    pass_id: Mapped[int | None] = mapped_column(ForeignKey("city_pass.id", ondelete="CASCADE"), index=True)
    stamps: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # Number of rewards received; also the `cycle` of the next redemption.
    redeemed_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_stamp_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    programme = relationship(StampProgramme, lazy="joined")
    city_pass = relationship(CityPass, lazy="joined")
    city = relationship("City", lazy="joined")

    @property
    def is_pass(self) -> bool:
        return self.pass_id is not None

    @property
    def kind(self) -> CardKind:
        return CardKind.PASS if self.is_pass else CardKind.SHOP

    @property
    def stamps_required(self) -> int:
        return self.city_pass.distinct_shops_required if self.is_pass else self.programme.stamps_required

    @property
    def is_full(self) -> bool:
        if self.is_pass:
            return self.redeemed_count == 0 and self.stamps >= self.stamps_required
        return self.stamps >= self.stamps_required

    @property
    def shown_stamps(self) -> int:
        return min(self.stamps, self.stamps_required)

    @property
    def reward(self) -> dict:
        return self.city_pass.reward if self.is_pass else self.programme.reward


class Stamp(CityScopedMixin, db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "stamp"
    __table_args__ = (UniqueConstraint("card_id", "window"), db.Index("ix_stamp_shop_id_created_at", "shop_id", "created_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), nullable=False)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    source: Mapped[str] = mapped_column(String(10), nullable=False)
    # Cooldown bucket number (see app.loyalty.windows): the database refuses a second stamp in it.
    window: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class PassVisit(db.Model):
    """A different shop on a pass card; unique so a shop counts once.

    Only a visit proven at the counter counts (`confirmed`): a poster code is static and a photo of it works
    anywhere, so a poster stamp makes an unconfirmed visit that the shop's counter code confirms later.
    """
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "pass_visit"
    __table_args__ = (UniqueConstraint("card_id", "shop_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), nullable=False)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    confirmed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True, server_default=sa_true())


class PassReward(CityScopedMixin, db.Model):
    """A city-pass reward given: the database allows one per person (account) per pass period."""
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "pass_reward"
    __table_args__ = (UniqueConstraint("pass_id", "user_id", "period_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pass_id: Mapped[int] = mapped_column(ForeignKey("city_pass.id", ondelete="CASCADE"), nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    redemption_id: Mapped[int] = mapped_column(ForeignKey("redemption.id", ondelete="CASCADE"), nullable=False,
                                               unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class MergedShopper(db.Model):
    """An anonymous shopper whose cards were merged into an account at login: part of that person's data."""
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "merged_shopper"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    anonymous_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
                                              unique=True)
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class Redemption(CityScopedMixin, TimestampMixin, db.Model):
    """A reward claim: pending while the shopper shows the code, confirmed by the merchant/marketer."""
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "redemption"
    __table_args__ = (UniqueConstraint("card_id", "cycle"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), nullable=False)
    cycle: Mapped[int] = mapped_column(Integer, nullable=False)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), index=True)  # None: pass
    code: Mapped[str] = mapped_column(String(12), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(12), nullable=False, default=RedemptionStatus.PENDING.value)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    card = relationship(Card, lazy="joined")

    @property
    def is_pending(self) -> bool:
        return self.status == RedemptionStatus.PENDING

    @property
    def is_confirmed(self) -> bool:
        return self.status == RedemptionStatus.CONFIRMED


class ScanRefusal(CityScopedMixin, db.Model):
    """A refused scan, kept so merchants and cities see why scans fail."""
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "scan_refusal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(20), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (db.Index("ix_scan_refusal_shop_id_created_at", "shop_id", "created_at"),)
