"""Shops: a merchant's unique shop in one city, reviewed by that city's marketers.

Two versions of a shop can exist at once, so the public never sees unreviewed content and no edit
is lost:
- the columns of `Shop` hold the *current* version. Before the first approval that is the merchant's
  draft; once approved (`approved_at` set) it is the live version the public sees.
- `proposed` holds the merchant's changes to a live shop (reviewed fields and the photo list) until
  a marketer approves them (copied into the columns) or rejects them (kept, so the merchant can fix
  and resubmit). New photos uploaded for a proposal are `ShopPhoto.pending` until then.
"""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, Date, Float, ForeignKey, Integer, SmallInteger, String, UniqueConstraint
from sqlalchemy import JSON
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow
from app.core.i18n import translate
from app.core.models import CityScopedMixin, JSONData, TimestampMixin, TranslatedJSON, UTCDateTime
from app.core.text import street_of
from app.extensions import db


class ShopStatus(StrEnum):
    """Where a shop stands: the merchant's draft, waiting for the city (pending), visible (approved), sent back
    (rejected) or hidden by the city (suspended)."""
    DRAFT = "draft"
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class ProposalStatus(StrEnum):
    """Changes to a live shop (`Shop.proposed`): waiting for review, or sent back to be fixed and resubmitted."""
    PENDING = "pending"
    REJECTED = "rejected"


class NotificationKind(StrEnum):
    """What a message to a merchant is about (worded at display time, app.shops.services.notifications)."""
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    BACK_TO_REVIEW = "back_to_review"
    CHANGES_APPROVED = "changes_approved"
    CHANGES_REJECTED = "changes_rejected"
    SUSPENDED = "suspended"
    REINSTATED = "reinstated"


CATEGORIES = ("fashion", "food_drink", "design_crafts", "books_music", "home_living", "beauty_health",
              "kids", "sports", "second_hand_vintage", "services", "other")
# Fields a marketer reviews: text, links, place and photos. Hours, phone and languages go live at
# once, because a merchant must be able to announce a holiday closure the same day.
REVIEWED_FIELDS = ("name", "tagline", "story", "category", "address", "lat", "lon", "website")
LIVE_FIELDS = ("opening_hours", "phone", "languages")
# Accessibility as the merchant keeps it (app.shops.rules.clean_accessibility). Every fact is None until the
# merchant gives it: unknown is not "no". Live at once like the hours: they are facts of the building, without
# free text (quiet hours are days and times), so there is nothing for a marketer to review, and a shopper in a
# wheelchair must not find yesterday's "step-free" after the ramp went. Columns rather than one JSON document:
# the shop list filters on step-free and the studio counts filled-in shops in SQL, and the database keeps
# the types and the door width's range.
ACCESSIBILITY_FIELDS = ("step_free", "door_width_cm", "accessible_toilet", "seating", "quiet_hours",
                        "assistance_dogs")
DOOR_WIDTH_MIN, DOOR_WIDTH_MAX = 50, 300
MAX_PHOTOS = 8


class Shop(CityScopedMixin, TimestampMixin, db.Model):
    __table_args__ = (UniqueConstraint("city_id", "slug"),
                      CheckConstraint(f"door_width_cm BETWEEN {DOOR_WIDTH_MIN} AND {DOOR_WIDTH_MAX}",
                                      name="ck_shop_door_width_cm"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), nullable=False)
    # None for a shop imported by the city (app.shops.services.imports) that its merchant has not claimed yet.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default=ShopStatus.DRAFT.value, index=True)
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
    # Accessibility (ACCESSIBILITY_FIELDS): None = not given by the merchant.
    step_free: Mapped[bool | None] = mapped_column(Boolean)  # the entrance has no step (or a ramp)
    door_width_cm: Mapped[int | None] = mapped_column(SmallInteger)  # the narrowest door a visitor passes
    accessible_toilet: Mapped[bool | None] = mapped_column(Boolean)
    seating: Mapped[bool | None] = mapped_column(Boolean)  # somewhere to sit down in the shop
    # none_as_null: "no quiet hours" is SQL NULL, so counting filled-in shops is a plain IS NOT NULL.
    quiet_hours: Mapped[dict | None] = mapped_column(JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql"))  # {"days": ["tue", ...], "from": "09:00", "until": "11:00"}
    assistance_dogs: Mapped[bool | None] = mapped_column(Boolean)  # assistance dogs welcome
    # Review workflow
    proposed: Mapped[dict | None] = mapped_column(JSONData)
    proposal_status: Mapped[str | None] = mapped_column(String(20))  # a ProposalStatus
    review_reason: Mapped[str | None] = mapped_column(String(1000))  # last rejection/suspension reason
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    city = relationship("City", lazy="joined")
    owner = relationship("User")
    photos: Mapped[list["ShopPhoto"]] = relationship(
        back_populates="shop", cascade="all, delete-orphan", order_by="ShopPhoto.position")

    @property
    def display_name(self) -> str:
        return translate(self.name)

    @property
    def street(self) -> str:
        """The street as written in the address ("Ooststraat"): what news targets and the figures group by."""
        return street_of(self.address)

    @property
    def accessibility(self) -> dict:
        """Every accessibility fact, None where the merchant gave none."""
        return {field: getattr(self, field) for field in ACCESSIBILITY_FIELDS}

    @property
    def accessibility_given(self) -> bool:
        """Whether the merchant filled in at least one accessibility fact (the dashboard's prompt goes then)."""
        return any(value is not None for value in self.accessibility.values())

    @classmethod
    def accessibility_given_clause(cls):
        """SQL: the merchant gave at least one accessibility fact (the same rule as `accessibility_given`)."""
        from sqlalchemy import or_
        return or_(*(getattr(cls, field).isnot(None) for field in ACCESSIBILITY_FIELDS))

    @property
    def is_claimed(self) -> bool:
        """False for a shop the city imported and no merchant has taken on yet."""
        return self.owner_id is not None

    @property
    def is_public(self) -> bool:
        return self.status == ShopStatus.APPROVED

    @property
    def has_live_version(self) -> bool:
        """Approved once: edits become a proposal instead of changing what the public sees."""
        return self.approved_at is not None

    @property
    def in_review(self) -> bool:
        return self.status == ShopStatus.PENDING or self.proposal_status == ProposalStatus.PENDING

    @property
    def current_photos(self) -> list["ShopPhoto"]:
        return [photo for photo in self.photos if not photo.pending]

    def is_featured_on(self, day: date) -> bool:
        return bool(self.featured_from and self.featured_until and self.featured_from <= day <= self.featured_until)

    def __repr__(self) -> str:
        return f"<Shop {self.id} {self.slug}>"


class ShopPhoto(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    phone_key: Mapped[str] = mapped_column(String(255), nullable=False)
    thumb_key: Mapped[str] = mapped_column(String(255), nullable=False)
    width: Mapped[int] = mapped_column(Integer, nullable=False)
    height: Mapped[int] = mapped_column(Integer, nullable=False)
    alt: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    # Uploaded as part of changes under review: not public until a marketer approves them.
    pending: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    shop: Mapped[Shop] = relationship(back_populates="photos")


class ShopNotification(db.Model):
    """A message to a merchant about their shop (approved, rejected, back in review, ...).

    Stored as a kind plus the reason, and worded at display time in the reader's language.
    """
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)  # a NotificationKind
    reason: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    shop: Mapped[Shop] = relationship()


class ShopFavourite(db.Model):
    """A shop a signed-in shopper keeps with a heart (anonymous visitors keep theirs on the phone,
    static/js/shop-favourites.js, and hand them over on their first page as a signed-in shopper)."""
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "shop_favourite"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    shop: Mapped[Shop] = relationship()
