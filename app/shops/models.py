"""Shops: a merchant's unique shop in one city, reviewed by that city's marketers."""
from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.i18n import translate
from app.core.models import CityScopedMixin, JSONData, TimestampMixin, TranslatedJSON
from app.extensions import db

STATUSES = ("draft", "pending", "approved", "rejected", "suspended")
CATEGORIES = ("fashion", "food_drink", "design_crafts", "books_music", "home_living", "beauty_health",
              "kids", "sports", "second_hand_vintage", "services", "other")


class Shop(CityScopedMixin, TimestampMixin, db.Model):
    __table_args__ = (UniqueConstraint("city_id", "slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), nullable=False)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft", index=True)
    name: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False)
    tagline: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    story: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    category: Mapped[str] = mapped_column(String(40), nullable=False, default="other")
    address: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    opening_hours: Mapped[dict] = mapped_column(JSONData, nullable=False, default=dict)
    website: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    languages: Mapped[list] = mapped_column(JSONData, nullable=False, default=list)
    featured_from: Mapped[date | None] = mapped_column(Date)
    featured_until: Mapped[date | None] = mapped_column(Date)
    featured_rank: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    city = relationship("City", lazy="joined")
    owner = relationship("User")
    photos: Mapped[list["ShopPhoto"]] = relationship(
        back_populates="shop", cascade="all, delete-orphan", order_by="ShopPhoto.position")

    @property
    def display_name(self) -> str:
        return translate(self.name)

    @property
    def is_public(self) -> bool:
        return self.status == "approved"


class ShopPhoto(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    phone_key: Mapped[str] = mapped_column(String(255), nullable=False)
    thumb_key: Mapped[str] = mapped_column(String(255), nullable=False)
    width: Mapped[int] = mapped_column(Integer, nullable=False)
    height: Mapped[int] = mapped_column(Integer, nullable=False)
    alt: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)

    shop: Mapped[Shop] = relationship(back_populates="photos")
